package dev.commitpolish.config;

import dev.commitpolish.cli.Env;
import dev.commitpolish.config.ConfigKey.BadValue;
import dev.commitpolish.config.ConfigProblem.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Loads the configuration from its layers. Precedence, highest first:
 *
 * <ol>
 *   <li>flags ({@code flagOverrides}, dotted keys such as {@code ai.model});
 *   <li>environment: {@code COMMIT_POLISH_MODEL}, {@code COMMIT_POLISH_API_BASE}, {@code
 *       COMMIT_POLISH_API_KEY} ({@code ai.*}) and {@code LLAMAFILE_API_BASE} ({@code
 *       llamafile.api_base});
 *   <li>the repo file {@code .commit-polish.toml} at the work-tree root, restricted: it cannot set
 *       {@code ai.api_key}, {@code ai.allow_remote}, {@code llamafile.path} or {@code
 *       validation.trust_repo_validator}, its {@code api_base} values must be loopback, its {@code
 *       ai.model} must use a self-hosted provider, and its {@code validator_command} runs only if
 *       the user trusts repo validators;
 *   <li>the user file, {@code $XDG_CONFIG_HOME/commit-polish/config.toml} (default {@code
 *       ~/.config/commit-polish/config.toml}), or instead the file named by {@code
 *       COMMIT_POLISH_CONFIG};
 *   <li>defaults.
 * </ol>
 *
 * <p>The effective {@code ai.api_base} is the first of: {@code ai.api_base} from any layer above,
 * then (only for {@code llamafile/} models) {@code llamafile.api_base}, so {@code
 * LLAMAFILE_API_BASE} works as in LiteLLM without beating an explicit {@code [ai] api_base}.
 */
public final class ConfigLoader {

  /** Environment variable naming the config file to use instead of the user file. */
  public static final String CONFIG_ENV = "COMMIT_POLISH_CONFIG";

  /** The repo file name, at the work-tree root. */
  public static final String REPO_FILE = ".commit-polish.toml";

  /** Environment variables and the key each one sets. */
  static final Map<String, String> ENV_KEYS =
      orderedMap(
          "COMMIT_POLISH_MODEL", "ai.model",
          "COMMIT_POLISH_API_BASE", "ai.api_base",
          "COMMIT_POLISH_API_KEY", "ai.api_key",
          "LLAMAFILE_API_BASE", "llamafile.api_base");

  /** Flag spellings for origins; keys without a flag print as {@code flag <key>}. */
  static final Map<String, String> FLAG_NAMES =
      orderedMap(
          "ai.model", "--model",
          "ai.api_base", "--api-base",
          "ai.temperature", "--temperature",
          "ai.max_tokens", "--max-tokens",
          "hook.deadline_seconds", "--deadline");

  private ConfigLoader() {}

  /**
   * Loads every layer and resolves the effective configuration.
   *
   * @param env environment (HOME, XDG_CONFIG_HOME, COMMIT_POLISH_*) and cwd
   * @param workTreeRoot the work-tree root when inside a repository; its {@value #REPO_FILE} is
   *     read
   * @param flagOverrides values from command-line flags, by dotted key, as text
   * @throws ConfigException listing every error (file, line, key, allowed values)
   * @throws IllegalArgumentException if a flag override names an unknown key (a programming error)
   */
  public static LoadedConfig load(
      Env env, Optional<Path> workTreeRoot, Map<String, String> flagOverrides) {
    Objects.requireNonNull(env, "env");
    Objects.requireNonNull(workTreeRoot, "workTreeRoot");
    Objects.requireNonNull(flagOverrides, "flagOverrides");
    for (String k : flagOverrides.keySet()) {
      if (!ConfigKey.ALL.containsKey(k)) {
        throw new IllegalArgumentException("unknown configuration key in flag overrides: " + k);
      }
    }
    var loader = new Loader(env);
    List<ConfigFile> files = files(env, workTreeRoot);
    // files() lists highest precedence first; apply lowest first.
    for (int i = files.size() - 1; i >= 0; i--) {
      loader.readFile(files.get(i));
    }
    loader.readEnv();
    loader.readFlags(flagOverrides);
    return loader.finish(files);
  }

  /** Loads with no repository and no flags. */
  public static LoadedConfig load(Env env) {
    return load(env, Optional.empty(), Map.of());
  }

  static LoadedConfig defaultsOnly() {
    return new Loader(new Env(Map.of(), Path.of("/"))).finish(List.of());
  }

  /**
   * The files considered, highest precedence first: the repo file (when in a work tree), then the
   * user file or the {@code COMMIT_POLISH_CONFIG} file. Missing files are listed with {@code exists
   * = false}.
   */
  public static List<ConfigFile> files(Env env, Optional<Path> workTreeRoot) {
    var out = new ArrayList<ConfigFile>();
    workTreeRoot.ifPresent(
        root -> {
          Path p = env.cwd().resolve(root).resolve(REPO_FILE).normalize();
          out.add(new ConfigFile(p, ConfigFile.Scope.REPO, Files.isRegularFile(p)));
        });
    Optional<String> explicit = env.get(CONFIG_ENV);
    if (explicit.isPresent()) {
      Path p = env.cwd().resolve(env.expandHome(explicit.get())).normalize();
      out.add(new ConfigFile(p, ConfigFile.Scope.EXPLICIT, Files.exists(p)));
    } else {
      userFile(env)
          .ifPresent(
              p -> out.add(new ConfigFile(p, ConfigFile.Scope.USER, Files.isRegularFile(p))));
    }
    return out;
  }

  /**
   * The user file location: {@code $XDG_CONFIG_HOME/commit-polish/config.toml} when that variable
   * is an absolute path (the XDG spec says to ignore relative values), else {@code
   * $HOME/.config/commit-polish/config.toml}; empty when neither is set.
   */
  public static Optional<Path> userFile(Env env) {
    return env.xdgDir("XDG_CONFIG_HOME", ".config")
        .map(d -> d.resolve("commit-polish").resolve("config.toml").normalize());
  }

  /** The file {@code config init} writes: the explicit file if set, else the user file. */
  public static Optional<Path> writableUserFile(Env env) {
    Optional<String> explicit = env.get(CONFIG_ENV);
    if (explicit.isPresent()) {
      return Optional.of(env.cwd().resolve(env.expandHome(explicit.get())).normalize());
    }
    return userFile(env);
  }

  private static Map<String, String> orderedMap(String... kv) {
    var m = new LinkedHashMap<String, String>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(m);
  }

  /**
   * A value set by some layer.
   *
   * @param source the file as displayed, {@code env NAME} or {@code flag --name}
   * @param doc the file's document, null for env and flags
   * @param path the key within {@code doc}, null for env and flags
   */
  private record Setting(Object value, String source, TomlDocument doc, List<String> path) {
    static Setting inFile(Object value, String shown, TomlDocument doc, List<String> path) {
      return new Setting(value, shown, doc, path);
    }

    static Setting of(Object value, String source) {
      return new Setting(value, source, null, null);
    }

    /**
     * {@code <file>:<line>}, {@code env NAME} or {@code flag --name}. The line is looked up only
     * here, so a hook run that never shows an origin never parses for positions.
     */
    String origin() {
      return doc == null ? source : source + ":" + doc.position(path).line();
    }
  }

  /** One load: the layers applied so far, and the problems found. */
  private static final class Loader {
    private final Env env;
    private final Path home;
    private final Map<String, Setting> settings = new HashMap<>();
    private final List<ConfigProblem> errors = new ArrayList<>();
    private final List<ConfigProblem> warnings = new ArrayList<>();

    Loader(Env env) {
      this.env = env;
      this.home = env.home().orElse(null);
    }

    void readFile(ConfigFile file) {
      String shown = env.displayHome(file.path());
      if (!file.exists()) {
        if (file.scope() == ConfigFile.Scope.EXPLICIT) {
          errors.add(
              new ConfigProblem(
                  Severity.ERROR,
                  "env " + CONFIG_ENV,
                  0,
                  0,
                  "",
                  shown
                      + " does not exist; create it with `commit-polish config init` or unset "
                      + CONFIG_ENV));
        }
        return;
      }
      TomlDocument doc;
      try {
        doc = parseDocument(file.path(), shown);
      } catch (IOException e) {
        errors.add(
            new ConfigProblem(Severity.ERROR, shown, 0, 0, "", "cannot read: " + e.getMessage()));
        return;
      }
      if (doc == null) {
        return; // syntax errors were recorded
      }
      Path base = file.path().toAbsolutePath().getParent();
      var unknownSections = new ArrayList<String>();
      for (String table : doc.tables()) {
        if (!ConfigKey.sections().contains(table)) {
          unknownSections.add(table);
          String hint =
              ConfigKey.suggestSection(table).map(x -> "; did you mean [" + x + "]?").orElse("");
          warnings.add(
              problem(
                  Severity.WARNING,
                  shown,
                  doc,
                  List.of(table),
                  table,
                  "unknown section [" + table + "], ignored" + hint));
        }
      }
      boolean hasKey = false;
      TomlDocument.Entry cloudModel = null;
      Object cloudModelValue = null;
      for (TomlDocument.Entry entry : doc.entries()) {
        List<String> path = entry.path();
        if (unknownSections.contains(path.get(0))) {
          continue;
        }
        String name = entry.name();
        ConfigKey key = ConfigKey.ALL.get(name);
        if (key == null) {
          String hint = ConfigKey.suggest(name).map(x -> "; did you mean " + x + "?").orElse("");
          warnings.add(
              problem(Severity.WARNING, shown, doc, path, name, "unknown key, ignored" + hint));
          continue;
        }
        hasKey |= name.equals("ai.api_key");
        Object value;
        try {
          value = key.fromToml(entry.value(), base, home);
        } catch (BadValue e) {
          if (addSyntaxErrors(doc.strictErrors(), shown)) {
            return; // night-config read leniently what TOML forbids: that is the real error
          }
          errors.add(problem(Severity.ERROR, shown, doc, path, name, e.getMessage()));
          continue;
        }
        if (file.scope() == ConfigFile.Scope.REPO
            && key.repoPolicy() == ConfigKey.RepoPolicy.LOCAL_PROVIDER_ONLY
            && !Models.isLocal((String) value)) {
          // Decided after the whole file: allowed when the file also pins a loopback api_base.
          cloudModel = entry;
          cloudModelValue = value;
          continue;
        }
        if (file.scope() == ConfigFile.Scope.REPO && !repoMaySet(key, value, shown, doc, path)) {
          continue;
        }
        settings.put(name, Setting.inFile(value, shown, doc, path));
      }
      if (cloudModel != null) {
        Setting pinned = settings.get("ai.api_base");
        boolean pinnedHere = pinned != null && pinned.doc() == doc;
        if (pinnedHere) {
          settings.put("ai.model", Setting.inFile(cloudModelValue, shown, doc, cloudModel.path()));
        } else {
          repoMaySet(ConfigKey.ALL.get("ai.model"), cloudModelValue, shown, doc, cloudModel.path());
        }
      }
      if (file.scope() != ConfigFile.Scope.REPO && hasKey) {
        warnIfReadableByOthers(file.path(), shown);
      }
    }

    /**
     * A problem about {@code path} of {@code doc}; looking up its position may parse with tomlj.
     */
    private static ConfigProblem problem(
        Severity severity,
        String shown,
        TomlDocument doc,
        List<String> path,
        String key,
        String message) {
      TomlDocument.Position pos = doc.position(path);
      return new ConfigProblem(severity, shown, pos.line(), pos.column(), key, message);
    }

    /** Records located syntax errors; returns whether there were any. */
    private boolean addSyntaxErrors(List<TomlDocument.Located> syntax, String shown) {
      for (TomlDocument.Located e : syntax) {
        errors.add(
            new ConfigProblem(
                Severity.ERROR,
                shown,
                e.position().line(),
                e.position().column(),
                "",
                "TOML syntax error: " + e.message()));
      }
      return !syntax.isEmpty();
    }

    /** Decodes strictly as UTF-8 and parses; returns null after recording syntax errors. */
    private TomlDocument parseDocument(Path path, String shown) throws IOException {
      byte[] bytes = Files.readAllBytes(path);
      String text;
      try {
        text =
            java.nio.charset.StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                .decode(java.nio.ByteBuffer.wrap(bytes))
                .toString();
      } catch (java.nio.charset.CharacterCodingException e) {
        errors.add(
            new ConfigProblem(
                Severity.ERROR, shown, 0, 0, "", "not valid UTF-8 (TOML files must be UTF-8)"));
        return null;
      }
      try {
        return TomlDocument.parse(text);
      } catch (TomlDocument.SyntaxError e) {
        addSyntaxErrors(e.errors(), shown);
        return null;
      }
    }

    /** The repo-file policy: a cloned repository must not redirect the diff or run programs. */
    private boolean repoMaySet(
        ConfigKey key, Object value, String shown, TomlDocument doc, List<String> path) {
      String why = null;
      switch (key.repoPolicy()) {
        case ALLOWED -> {}
        case USER_ONLY ->
            why =
                "cannot be set in a repository file (a cloned repository must not control it); set it"
                    + " in your user config instead";
        case LOOPBACK_ONLY -> {
          if (!Urls.isLoopback((String) value)) {
            why =
                "a repository file may only point to loopback servers, not "
                    + value
                    + " (a cloned repository must not send your diff elsewhere); set it in your"
                    + " user config if you trust it";
          }
        }
        case LOCAL_PROVIDER_ONLY -> {
          if (!Models.isLocal((String) value)) {
            why =
                "a repository file may only choose a self-hosted provider, not "
                    + Models.provider((String) value)
                    + "/, unless it also sets a loopback ai.api_base (a cloned repository must"
                    + " not send your diff to a cloud API); set it in your user config if you"
                    + " want it";
          }
        }
        case NEEDS_TRUST -> {
          Setting trust = settings.get("validation.trust_repo_validator");
          if (!(trust != null && Boolean.TRUE.equals(trust.value()))) {
            why =
                "ignored: a repository file may not run programs on commit unless you set"
                    + " validation.trust_repo_validator = true in your user config";
          }
        }
      }
      if (why == null) {
        return true;
      }
      warnings.add(problem(Severity.WARNING, shown, doc, path, key.name(), why));
      return false;
    }

    private void warnIfReadableByOthers(Path file, String shown) {
      try {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
        if (perms.contains(PosixFilePermission.GROUP_READ)
            || perms.contains(PosixFilePermission.OTHERS_READ)) {
          warnings.add(
              new ConfigProblem(
                  Severity.WARNING,
                  shown,
                  0,
                  0,
                  "ai.api_key",
                  "the file holds a secret but others can read it; run: chmod 600 " + file));
        }
      } catch (IOException | UnsupportedOperationException e) {
        // Not a POSIX file system or unreadable attributes: nothing useful to warn about.
      }
    }

    void readEnv() {
      for (var e : ENV_KEYS.entrySet()) {
        Optional<String> v = env.get(e.getKey());
        if (v.isEmpty()) {
          continue;
        }
        ConfigKey key = ConfigKey.ALL.get(e.getValue());
        String origin = "env " + e.getKey();
        try {
          settings.put(key.name(), Setting.of(key.fromString(v.get(), env.cwd(), home), origin));
        } catch (BadValue ex) {
          errors.add(new ConfigProblem(Severity.ERROR, origin, 0, 0, key.name(), ex.getMessage()));
        }
      }
    }

    void readFlags(Map<String, String> flags) {
      for (var e : flags.entrySet()) {
        if (e.getValue() == null) {
          continue;
        }
        ConfigKey key = ConfigKey.ALL.get(e.getKey());
        String origin = "flag " + FLAG_NAMES.getOrDefault(key.name(), key.name());
        try {
          settings.put(
              key.name(), Setting.of(key.fromString(e.getValue(), env.cwd(), home), origin));
        } catch (BadValue ex) {
          errors.add(new ConfigProblem(Severity.ERROR, origin, 0, 0, key.name(), ex.getMessage()));
        }
      }
    }

    LoadedConfig finish(List<ConfigFile> files) {
      if (!errors.isEmpty()) {
        throw new ConfigException(errors, warnings);
      }
      String model = (String) value("ai.model");
      Optional<String> apiBase = Optional.ofNullable((String) value("ai.api_base"));
      Setting apiBaseVia = null;
      if (apiBase.isEmpty()
          && Models.provider(model).equals("llamafile")
          && settings.containsKey("llamafile.api_base")) {
        apiBaseVia = settings.get("llamafile.api_base");
        apiBase = Optional.of((String) apiBaseVia.value());
      }
      boolean allowRemote = (Boolean) value("ai.allow_remote");
      if (apiBase.isPresent() && !allowRemote && !Urls.isLoopback(apiBase.get())) {
        warnings.add(
            new ConfigProblem(
                Severity.WARNING,
                apiBaseOrigin(settings, apiBaseVia),
                0,
                0,
                "ai.api_base",
                apiBase.get()
                    + " is not a loopback address and ai.allow_remote is false, so the diff will"
                    + " not be sent there; set allow_remote = true in your user config to allow"
                    + " it"));
      }
      var ai =
          new Config.Ai(
              model,
              (Double) value("ai.temperature"),
              toInt(value("ai.max_tokens")),
              apiBase,
              Optional.ofNullable((String) value("ai.api_key")),
              allowRemote,
              seconds((Double) value("ai.timeout_seconds")));
      Object threads = value("llamafile.threads");
      var llamafile =
          new Config.Llamafile(
              Optional.ofNullable((Path) value("llamafile.path")),
              Optional.ofNullable((Path) value("llamafile.model_path")),
              Optional.ofNullable((String) value("llamafile.api_base")),
              toInt(value("llamafile.port")),
              toInt(value("llamafile.context_size")),
              threads == null ? OptionalInt.empty() : OptionalInt.of(toInt(threads)));
      @SuppressWarnings("unchecked")
      List<String> argv = (List<String>) value("validation.validator_command");
      var validation =
          new Config.Validation(
              (Boolean) value("validation.auto_detect"),
              toInt(value("validation.max_retries")),
              argv,
              Optional.ofNullable((String) value("validation.system_prompt"))
                  .filter(p -> !p.isBlank()));
      var hook =
          new Config.Hook(
              (Boolean) value("hook.enabled"),
              (Boolean) value("hook.strict"),
              seconds((Double) value("hook.deadline_seconds")),
              (Boolean) value("hook.polish_amend"));
      @SuppressWarnings("unchecked")
      List<String> exclude = (List<String>) value("diff.exclude");
      var diff = new Config.Diff(exclude, toInt(value("diff.default_context_tokens")));
      // Entries carry origins with line numbers; build them only when someone asks (config show,
      // doctor), so the hook's happy path never parses for positions.
      Map<String, Setting> snapshot = Map.copyOf(settings);
      Setting via = apiBaseVia;
      return new LoadedConfig(
          new Config(ai, llamafile, validation, hook, diff),
          warnings,
          () -> entries(snapshot, via),
          files);
    }

    private static Map<String, LoadedConfig.Entry> entries(
        Map<String, Setting> settings, Setting apiBaseVia) {
      var entries = new LinkedHashMap<String, LoadedConfig.Entry>();
      for (ConfigKey key : ConfigKey.ALL.values()) {
        Setting s = settings.get(key.name());
        Object value = s != null ? s.value() : key.defaultValue();
        String origin = s != null ? s.origin() : "default";
        entries.put(key.name(), entry(key, value, origin));
      }
      if (apiBaseVia != null) {
        entries.put(
            "ai.api_base",
            entry(
                ConfigKey.ALL.get("ai.api_base"),
                apiBaseVia.value(),
                apiBaseOrigin(settings, apiBaseVia)));
      }
      return entries;
    }

    private static String apiBaseOrigin(Map<String, Setting> settings, Setting apiBaseVia) {
      if (apiBaseVia != null) {
        return apiBaseVia.origin() + " (via llamafile.api_base)";
      }
      Setting s = settings.get("ai.api_base");
      return s != null ? s.origin() : "default";
    }

    private Object value(String key) {
      Setting s = settings.get(key);
      return s != null ? s.value() : ConfigKey.ALL.get(key).defaultValue();
    }

    private static LoadedConfig.Entry entry(ConfigKey key, Object value, String origin) {
      boolean set = value != null;
      String shown;
      if (!set) {
        shown = "";
      } else if (key.secret()) {
        shown = "****";
      } else {
        shown = TomlText.literal(value);
      }
      Object raw = !set || key.secret() ? null : value instanceof Path p ? p.toString() : value;
      return new LoadedConfig.Entry(key.name(), shown, origin, set, key.secret(), raw);
    }

    private static int toInt(Object o) {
      return Math.toIntExact((Long) o);
    }

    private static Duration seconds(double s) {
      return Duration.ofMillis(Math.round(s * 1000));
    }
  }
}
