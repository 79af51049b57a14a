package dev.commitpolish.conventional;

import com.electronwill.nightconfig.core.UnmodifiableConfig;
import com.electronwill.nightconfig.core.io.ParsingException;
import com.electronwill.nightconfig.toml.TomlParser;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Finds the commit-message convention a repository already enforces, so the hook writes messages
 * its CI accepts.
 *
 * <p>Order: commitlint configs searched like commitlint (cosmiconfig) from the repo root up to
 * {@code $HOME} — {@code package.json}/{@code package.yaml} {@code commitlint} key, {@code
 * .commitlintrc}, {@code .commitlintrc.json}, {@code .commitlintrc.yaml}, {@code
 * .commitlintrc.yml}, then the JS/TS forms, which are resolved with the project's own {@code npx
 * --no-install commitlint --print-config json} when node is present; then commitizen configs in the
 * repo root ({@code .cz.toml}, {@code cz.toml}, {@code .cz.json}, {@code cz.json}, {@code
 * .cz.yaml}, {@code cz.yaml}, {@code pyproject.toml [tool.commitizen]}); then commitlint's global
 * config in {@code ${XDG_CONFIG_HOME:-~/.config}/commitlint/}; else config-conventional.
 */
public final class ConventionDiscovery {

  private ConventionDiscovery() {}

  /** How long {@code npx commitlint --print-config} may take before we fall back. */
  static final Duration NPX_TIMEOUT = Duration.ofSeconds(30);

  static final String CONVENTIONAL = "@commitlint/config-conventional";

  private static final List<String> DATA_FILES =
      List.of(".commitlintrc", ".commitlintrc.json", ".commitlintrc.yaml", ".commitlintrc.yml");
  private static final List<String> SCRIPT_FILES =
      List.of(
          ".commitlintrc.js",
          ".commitlintrc.cjs",
          ".commitlintrc.mjs",
          "commitlint.config.js",
          "commitlint.config.cjs",
          "commitlint.config.mjs",
          ".commitlintrc.ts",
          ".commitlintrc.cts",
          ".commitlintrc.mts",
          "commitlint.config.ts",
          "commitlint.config.cts",
          "commitlint.config.mts");
  private static final List<String> CZ_FILES =
      List.of(
          ".cz.toml", "cz.toml", ".cz.json", "cz.json", ".cz.yaml", "cz.yaml", "pyproject.toml");

  /**
   * What was found.
   *
   * @param config the rules to lint with
   * @param source where they came from, e.g. {@code /repo/.commitlintrc.json} or {@code built-in
   *     @commitlint/config-conventional (no repository config found)}
   * @param warnings problems worth telling the user once (unsupported parts, fallbacks)
   */
  public record Result(LintConfig config, String source, List<String> warnings) {
    public Result {
      Objects.requireNonNull(config, "config");
      Objects.requireNonNull(source, "source");
      warnings = List.copyOf(warnings);
    }
  }

  /**
   * Discovers the convention for a repository.
   *
   * @param repoRoot the work-tree root (or the directory to start from)
   * @param env environment variables ({@code HOME}, {@code XDG_CONFIG_HOME}, {@code PATH}); keys
   *     that are absent fall back to this process's values
   */
  public static Result discover(Path repoRoot, Map<String, String> env) {
    Path start = repoRoot.toAbsolutePath().normalize();
    List<String> warnings = new ArrayList<>();
    // normalized like start: the walk stops at HOME, compared as a path
    Path home = home(env);
    try {
      for (Path dir = start; dir != null; dir = dir.getParent()) {
        Optional<Result> r = commitlintIn(dir, env, warnings);
        if (r.isPresent()) {
          return r.get();
        }
        if (dir.equals(home)) {
          break;
        }
      }
      Optional<Result> cz = commitizenIn(start, warnings);
      if (cz.isPresent()) {
        return cz.get();
      }
      Path base = xdgDir(env, "XDG_CONFIG_HOME", ".config");
      if (base != null) { // else no global config to read
        Path global = base.resolve("commitlint");
        for (String name : List.of("config", "config.json", "config.yaml", "config.yml")) {
          Path f = global.resolve(name);
          if (Files.isRegularFile(f)) {
            return fromData(f, asMap(readYamlOrJson(f), f), env, warnings);
          }
        }
        for (String name : List.of("config.js", "config.ts", "config.cjs", "config.mjs")) {
          Path f = global.resolve(name);
          if (Files.isRegularFile(f)) {
            return viaNpx(f, start, env, warnings);
          }
        }
      }
    } catch (ConfigException e) {
      warnings.add(e.getMessage() + "; using @commitlint/config-conventional instead");
    }
    return new Result(
        LintConfig.configConventional(),
        "built-in " + CONVENTIONAL + " (no repository config found)",
        warnings);
  }

  /**
   * {@code name} from {@code env} when it is an absolute path, else null: a relative HOME or XDG
   * value would resolve against whatever directory this process runs in (the XDG spec says to
   * ignore relative values).
   */
  private static Path absolute(Map<String, String> env, String name) {
    String v = env.get(name);
    if (v == null || v.isBlank()) {
      return null;
    }
    Path p = Path.of(v);
    return p.isAbsolute() ? p.normalize() : null;
  }

  /**
   * An XDG base directory: {@code var} when absolute, else {@code underHome} in {@link #home}; null
   * when neither (the same rule as the app's {@code Env.xdgDir}).
   */
  private static Path xdgDir(Map<String, String> env, String var, String underHome) {
    Path v = absolute(env, var);
    if (v != null) {
      return v;
    }
    Path h = home(env);
    return h == null ? null : h.resolve(underHome);
  }

  /**
   * {@code HOME} when absolute, else this process's home directory when that is absolute (a uid
   * without a passwd entry gets {@code ?}), else null: no home to stop at or read from.
   */
  private static Path home(Map<String, String> env) {
    Path h = absolute(env, "HOME");
    if (h != null) {
      return h;
    }
    Path p = Path.of(System.getProperty("user.home", ""));
    return p.isAbsolute() ? p.normalize() : null;
  }

  /** A config file that could not be used; the message says which file and what to fix. */
  static final class ConfigException extends RuntimeException {
    ConfigException(String message, Throwable cause) {
      super(message, cause);
    }

    ConfigException(String message) {
      super(message);
    }
  }

  private static Optional<Result> commitlintIn(
      Path dir, Map<String, String> env, List<String> warnings) {
    Path pkg = dir.resolve("package.json");
    if (Files.isRegularFile(pkg)) {
      Map<String, Object> json = asMap(readJson(pkg), pkg);
      if (json.get("commitlint") instanceof Map<?, ?> m) {
        return Optional.of(fromData(pkg, cast(m), env, warnings));
      }
    }
    Path pkgYaml = dir.resolve("package.yaml");
    if (Files.isRegularFile(pkgYaml)) {
      Map<String, Object> y = asMap(readYamlOrJson(pkgYaml), pkgYaml);
      if (y.get("commitlint") instanceof Map<?, ?> m) {
        return Optional.of(fromData(pkgYaml, cast(m), env, warnings));
      }
    }
    for (String name : DATA_FILES) {
      Path f = dir.resolve(name);
      if (Files.isRegularFile(f)) {
        return Optional.of(fromData(f, asMap(readYamlOrJson(f), f), env, warnings));
      }
    }
    for (String name : SCRIPT_FILES) {
      Path f = dir.resolve(name);
      if (Files.isRegularFile(f)) {
        return Optional.of(viaNpx(f, dir, env, warnings));
      }
    }
    return Optional.empty();
  }

  // ---- commitlint data configs ----------------------------------------------------------------

  private static Result fromData(
      Path file, Map<String, Object> data, Map<String, String> env, List<String> warnings) {
    Merged merged = new Merged();
    boolean needsNpx = applyData(file, data, merged, warnings, 0);
    if (needsNpx) {
      return viaNpx(file, file.getParent(), env, warnings);
    }
    if (merged.rules.isEmpty()) {
      warnings.add(
          file
              + " configures no rules (commitlint would report empty-rules); add \"extends\": [\""
              + CONVENTIONAL
              + "\"] or rules");
    }
    LintConfig cfg = LintConfig.of(merged.rules);
    if (merged.defaultIgnores != null) {
      cfg = cfg.withDefaultIgnores(merged.defaultIgnores);
    }
    if (merged.helpUrl != null) {
      cfg = cfg.withHelpUrl(merged.helpUrl);
    }
    if (merged.commentChar != null) {
      cfg = cfg.withCommentChar(merged.commentChar);
    }
    return new Result(cfg, file.toString(), warnings);
  }

  private static final class Merged {
    final Map<String, RuleConfig> rules = new LinkedHashMap<>();
    Boolean defaultIgnores;
    String helpUrl;
    String commentChar;
  }

  /** Returns true when an {@code extends} entry can only be resolved by commitlint itself. */
  private static boolean applyData(
      Path file, Map<String, Object> data, Merged into, List<String> warnings, int depth) {
    if (depth > 10) {
      throw new ConfigException(file + ": extends nests deeper than 10 levels (a cycle?)");
    }
    Object ext = data.get("extends");
    List<Object> extendsList =
        ext == null ? List.of() : ext instanceof List<?> l ? new ArrayList<>(l) : List.of(ext);
    for (Object e : extendsList) {
      String id = String.valueOf(e);
      if (id.equals(CONVENTIONAL)) {
        into.rules.putAll(LintConfig.configConventional().rules());
      } else if (id.startsWith("./") || id.startsWith("../") || id.startsWith("/")) {
        Path target = file.getParent().resolve(id).normalize();
        Path found = resolveLocal(target);
        if (found == null) {
          throw new ConfigException(file + ": extends \"" + id + "\" not found");
        }
        if (isScript(found)) {
          return true;
        }
        applyData(found, asMap(readYamlOrJson(found), found), into, warnings, depth + 1);
      } else {
        return true;
      }
    }
    Object rules = data.get("rules");
    if (rules != null) {
      if (!(rules instanceof Map<?, ?> rm)) {
        throw new ConfigException(
            file + ": \"rules\" must be an object of rule name to [level, when, value]");
      }
      for (Map.Entry<?, ?> r : rm.entrySet()) {
        String name = String.valueOf(r.getKey());
        if (!Rules.ALL.containsKey(name)) {
          throw new ConfigException(
              file
                  + ": unknown rule \""
                  + name
                  + "\" (commitlint: Found rules without implementation)");
        }
        try {
          into.rules.put(name, RuleConfig.fromTuple(name, r.getValue()));
        } catch (IllegalArgumentException ex) {
          throw new ConfigException(file + ": " + ex.getMessage(), ex);
        }
      }
    }
    if (data.get("defaultIgnores") instanceof Boolean b) {
      into.defaultIgnores = b;
    }
    if (data.get("helpUrl") instanceof String s) {
      into.helpUrl = s;
    }
    Object preset = data.get("parserPreset");
    boolean conventionalPreset =
        preset instanceof Map<?, ?> named
            ? String.valueOf(named.get("name")).contains("conventionalcommits")
                || String.valueOf(named.get("path")).contains("conventionalcommits")
            : preset != null && String.valueOf(preset).contains("conventionalcommits");
    if (preset instanceof Map<?, ?> pm) {
      Object opts = pm.get("parserOpts");
      if (opts instanceof Map<?, ?> om && om.get("commentChar") instanceof String cc) {
        into.commentChar = cc;
      }
      if (!conventionalPreset
          && opts instanceof Map<?, ?> om2
          && om2.keySet().stream().anyMatch(k -> !"commentChar".equals(k))) {
        warnings.add(
            file
                + ": parserPreset.parserOpts other than commentChar are not applied; the conventionalcommits parser is used");
      }
    } else if (preset != null && !String.valueOf(preset).contains("conventionalcommits")) {
      warnings.add(
          file
              + ": parserPreset \""
              + preset
              + "\" is not supported; the conventionalcommits parser is used");
    }
    if (nonEmpty(data.get("ignores"))) {
      warnings.add(
          file + ": \"ignores\" functions cannot be read from a data config and are not applied");
    }
    if (nonEmpty(data.get("plugins"))) {
      warnings.add(file + ": plugins are not supported; their rules are not applied");
    }
    return false;
  }

  private static boolean nonEmpty(Object o) {
    if (o instanceof java.util.Collection<?> c) {
      return !c.isEmpty();
    }
    if (o instanceof Map<?, ?> m) {
      return !m.isEmpty();
    }
    return o != null;
  }

  private static Path resolveLocal(Path target) {
    if (Files.isRegularFile(target)) {
      return target;
    }
    for (String ext : List.of(".json", ".yaml", ".yml", ".js", ".cjs", ".mjs")) {
      Path p = target.resolveSibling(target.getFileName() + ext);
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    return null;
  }

  private static boolean isScript(Path p) {
    String n = p.getFileName().toString();
    return n.matches(".*\\.(js|cjs|mjs|ts|cts|mts)$");
  }

  // ---- JS/TS configs through the project's commitlint
  // --------------------------------------------

  private static Result viaNpx(
      Path file, Path cwd, Map<String, String> env, List<String> warnings) {
    String path = env.containsKey("PATH") ? env.get("PATH") : System.getenv("PATH");
    // The hook runs on every commit and npx costs a second or more: reuse the printed config
    // while the config file is unchanged.
    Optional<Path> cacheFile = cacheFile(file, env);
    Optional<String> cached = cacheFile.flatMap(ConventionDiscovery::readQuietly);
    if (cached.isPresent()) {
      try {
        return fromPrinted(file, cached.get(), warnings, " (cached print-config)");
      } catch (ConfigException | IOException e) {
        // a damaged cache entry: fall through and ask commitlint again
      }
    }
    Optional<Path> npx = which("npx", path);
    if (npx.isEmpty() || which("node", path).isEmpty()) {
      warnings.add(
          file
              + " needs node to be read (npx commitlint --print-config json), and node is not on"
              + " PATH; using "
              + CONVENTIONAL
              + " instead");
      return new Result(
          LintConfig.configConventional(),
          "built-in " + CONVENTIONAL + " (fallback for " + file + ")",
          warnings);
    }
    try {
      String json = printConfig(npx.get(), cwd, file, env, path);
      Result r = fromPrinted(file, json, warnings, " (via npx commitlint --print-config json)");
      cacheFile.ifPresent(c -> writeQuietly(c, json));
      return r;
    } catch (ConfigException | IOException e) {
      warnings.add(e.getMessage() + "; using " + CONVENTIONAL + " instead");
      return new Result(
          LintConfig.configConventional(),
          "built-in " + CONVENTIONAL + " (fallback for " + file + ")",
          warnings);
    }
  }

  private static Result fromPrinted(Path file, String json, List<String> warnings, String how)
      throws IOException {
    Map<String, Object> printed = asMap(JSON.std.anyFrom(json), file);
    Map<String, Object> flat = new LinkedHashMap<>(printed);
    flat.remove("extends");
    Merged merged = new Merged();
    applyData(file, flat, merged, warnings, 0);
    if (merged.rules.isEmpty()) {
      warnings.add(file + " resolves to no rules (commitlint would report empty-rules)");
    }
    LintConfig cfg = LintConfig.of(merged.rules);
    if (merged.defaultIgnores != null) {
      cfg = cfg.withDefaultIgnores(merged.defaultIgnores);
    }
    if (merged.helpUrl != null) {
      cfg = cfg.withHelpUrl(merged.helpUrl);
    }
    if (merged.commentChar != null) {
      cfg = cfg.withCommentChar(merged.commentChar);
    }
    return new Result(cfg, file + how, warnings);
  }

  private static Optional<Path> cacheFile(Path file, Map<String, String> env) {
    try {
      Path cache = xdgDir(env, "XDG_CACHE_HOME", ".cache");
      if (cache == null) {
        return Optional.empty(); // nowhere to cache: npx runs each time
      }
      Path dir = cache.resolve("commit-polish/commitlint-config");
      Path abs = file.toAbsolutePath().normalize();
      String key = abs + "|" + Files.getLastModifiedTime(abs).toMillis() + "|" + Files.size(abs);
      byte[] h =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(key.getBytes(StandardCharsets.UTF_8));
      return Optional.of(dir.resolve(java.util.HexFormat.of().formatHex(h, 0, 16) + ".json"));
    } catch (IOException | java.security.NoSuchAlgorithmException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> readQuietly(Path p) {
    try {
      return Files.isRegularFile(p) ? Optional.of(Files.readString(p)) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static void writeQuietly(Path p, String text) {
    try {
      Files.createDirectories(p.getParent());
      Path tmp = Files.createTempFile(p.getParent(), "print-config", ".tmp");
      Files.writeString(tmp, text);
      Files.move(
          tmp,
          p,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      // a cache that cannot be written only costs speed
    }
  }

  private static String printConfig(
      Path npx, Path cwd, Path file, Map<String, String> env, String path) throws IOException {
    List<String> cmd =
        new ArrayList<>(
            List.of(npx.toString(), "--no-install", "commitlint", "--print-config", "json"));
    if (!file.getParent().equals(cwd)) {
      cmd.addAll(List.of("--config", file.toString()));
    }
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
    // Exactly the caller's environment, not this process's plus it: in a resident worker this
    // process's own is whichever commit started it.
    pb.environment().clear();
    pb.environment().putAll(env);
    if (path != null) {
      pb.environment().put("PATH", path);
    }
    pb.environment().put("NO_COLOR", "1");
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Path out = Files.createTempFile("commitlint-print-config", ".json");
    Path err = Files.createTempFile("commitlint-print-config", ".err");
    try {
      pb.redirectOutput(out.toFile()).redirectError(err.toFile());
      Process p = pb.start();
      boolean done;
      try {
        done = p.waitFor(NPX_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.destroyForcibly();
        throw new ConfigException("interrupted while running npx commitlint for " + file, e);
      }
      if (!done) {
        p.destroyForcibly();
        throw new ConfigException(
            "npx commitlint --print-config json took longer than "
                + NPX_TIMEOUT.toSeconds()
                + " s for "
                + file);
      }
      String stdout = Files.readString(out, StandardCharsets.UTF_8).trim();
      if (p.exitValue() != 0 || !stdout.startsWith("{")) {
        String stderr = Files.readString(err, StandardCharsets.UTF_8).trim();
        String firstLine = stderr.isEmpty() ? "no output" : stderr.lines().findFirst().orElse("");
        throw new ConfigException(
            "could not read "
                + file
                + " with npx --no-install commitlint --print-config json (exit "
                + p.exitValue()
                + ": "
                + firstLine
                + "); is @commitlint/cli installed in the project (npm install)?");
      }
      // print-config may log warnings before the JSON line; the JSON is the last line.
      String[] lines = stdout.split("\n");
      return lines[lines.length - 1];
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private static Optional<Path> which(String exe, String path) {
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      // Relative entries ("." or "") would resolve inside the repository being linted, letting a
      // cloned repo ship its own "npx" (the same rule as the CLI's git lookup).
      if (dir.isEmpty() || !Path.of(dir).isAbsolute()) {
        continue;
      }
      Path p = Path.of(dir, exe);
      if (Files.isExecutable(p) && !Files.isDirectory(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  // ---- commitizen
  // ---------------------------------------------------------------------------------

  private static Optional<Result> commitizenIn(Path dir, List<String> warnings) {
    Path chosen = null;
    Map<String, Object> section = null;
    List<Path> extra = new ArrayList<>();
    for (String name : CZ_FILES) {
      Path f = dir.resolve(name);
      if (!Files.isRegularFile(f)) {
        continue;
      }
      Map<String, Object> s = commitizenSection(f);
      if (s == null) {
        continue;
      }
      if (chosen == null) {
        chosen = f;
        section = s;
      } else {
        extra.add(f);
      }
    }
    if (chosen == null) {
      return Optional.empty();
    }
    if (!extra.isEmpty()) {
      warnings.add("several commitizen configs found; using " + chosen + " and ignoring " + extra);
    }
    return Optional.of(
        new Result(
            LintConfig.commitizen(commitizenRules(chosen, section, warnings)),
            chosen.toString(),
            warnings));
  }

  private static Map<String, Object> commitizenSection(Path f) {
    String name = f.getFileName().toString();
    if (name.endsWith(".toml")) {
      UnmodifiableConfig toml;
      try {
        toml = new TomlParser().parse(Files.readString(f, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new ConfigException("cannot read " + f + ": " + e.getMessage(), e);
      } catch (ParsingException e) {
        throw new ConfigException(f + " is not valid TOML: " + e.getMessage(), e);
      }
      return toml.get(List.of("tool", "commitizen")) instanceof UnmodifiableConfig t
          ? tomlToMap(t)
          : null;
    }
    Object data = name.endsWith(".json") ? readJson(f) : readYamlOrJson(f);
    if (data instanceof Map<?, ?> m && m.get("commitizen") instanceof Map<?, ?> cz) {
      return cast(cz);
    }
    return null;
  }

  private static Map<String, Object> tomlToMap(UnmodifiableConfig t) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (UnmodifiableConfig.Entry e : t.entrySet()) {
      out.put(e.getKey(), tomlValue(e.getValue()));
    }
    return out;
  }

  private static Object tomlValue(Object v) {
    if (v instanceof UnmodifiableConfig c) {
      return tomlToMap(c);
    }
    if (v instanceof List<?> list) {
      List<Object> l = new ArrayList<>();
      for (Object o : list) {
        l.add(tomlValue(o));
      }
      return l;
    }
    return v;
  }

  private static final Pattern FIRST_ALTERNATION =
      Pattern.compile("\\((?:\\?P?<\\w+>)?((?:[A-Za-z0-9_-]+\\|)+[A-Za-z0-9_-]+)\\)");

  private static CommitizenRules commitizenRules(
      Path f, Map<String, Object> s, List<String> warnings) {
    String name = String.valueOf(s.getOrDefault("name", "cz_conventional_commits"));
    String pattern = CommitizenRules.DEFAULT_PATTERN;
    List<String> types = CommitizenRules.DEFAULT_TYPES;
    if (name.equals("cz_customize")) {
      if (s.get("customize") instanceof Map<?, ?> cust
          && cust.get("schema_pattern") instanceof String sp) {
        pattern = pythonToJava(sp);
        Matcher m = FIRST_ALTERNATION.matcher(sp);
        if (m.find()) {
          types = List.of(m.group(1).split("\\|"));
        }
      } else {
        warnings.add(
            f + ": cz_customize without customize.schema_pattern; using the conventional pattern");
      }
    } else if (!name.equals("cz_conventional_commits")) {
      warnings.add(
          f
              + ": commitizen rules \""
              + name
              + "\" are not built in; using cz_conventional_commits' pattern");
    }
    List<String> prefixes = CommitizenRules.DEFAULT_PREFIXES;
    if (s.get("allowed_prefixes") instanceof List<?> l) {
      prefixes = l.stream().map(String::valueOf).toList();
    }
    int limit = 0;
    if (s.get("message_length_limit") instanceof Number n) {
      limit = n.intValue();
    }
    try {
      return new CommitizenRules(pattern, prefixes, limit, types);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(f + ": " + e.getMessage(), e);
    }
  }

  /** Python {@code re} named groups to Java syntax. */
  static String pythonToJava(String p) {
    return p.replace("(?P<", "(?<").replaceAll("\\(\\?P=(\\w+)\\)", "\\\\k<$1>");
  }

  // ---- file reading
  // --------------------------------------------------------------------------------

  private static Object readJson(Path f) {
    try {
      return JSON.std.anyFrom(Files.readString(f, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ConfigException(f + " is not valid JSON: " + firstLine(e.getMessage()), e);
    }
  }

  private static Object readYamlOrJson(Path f) {
    try {
      String text = Files.readString(f, StandardCharsets.UTF_8);
      if (text.isBlank()) {
        return Map.of();
      }
      return new Load(LoadSettings.builder().setLabel(f.toString()).build()).loadFromString(text);
    } catch (IOException e) {
      throw new ConfigException("cannot read " + f + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new ConfigException(f + " is not valid YAML/JSON: " + firstLine(e.getMessage()), e);
    }
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }

  private static Map<String, Object> asMap(Object o, Path f) {
    if (o instanceof Map<?, ?> m) {
      return cast(m);
    }
    throw new ConfigException(f + " must contain an object at the top level");
  }

  private static Map<String, Object> cast(Map<?, ?> m) {
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }
}
