package dev.commitpolish.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One configuration key: its dotted TOML name, its type and range, and who may set it. The table
 * {@link #ALL} is the single source for loading, {@code config show}, {@code config init} and the
 * documentation.
 */
record ConfigKey(
    String name,
    Kind kind,
    double min,
    double max,
    boolean secret,
    RepoPolicy repoPolicy,
    Object defaultValue,
    String help) {

  /** Value types. Values are normalised to String, Boolean, Long, Double, List, Path. */
  enum Kind {
    STRING,
    MODEL,
    URL,
    BOOL,
    INT,
    NUMBER,
    STRING_LIST,
    ARGV,
    PATH
  }

  /**
   * What a repository's {@code .commit-polish.toml} may do with this key. A cloned repository is
   * untrusted input: it must not redirect the diff to a remote server, read the user's key, or run
   * programs on commit.
   */
  enum RepoPolicy {
    ALLOWED,
    /** Only loopback URLs; others are ignored with a warning. */
    LOOPBACK_ONLY,
    /** Only models of self-hosted providers (whose default endpoint is not a cloud API). */
    LOCAL_PROVIDER_ONLY,
    /** Ignored with a warning. */
    USER_ONLY,
    /** Honoured only when the user's own config sets {@code validation.trust_repo_validator}. */
    NEEDS_TRUST
  }

  /** Every key, in the order {@code config show} prints them. */
  static final Map<String, ConfigKey> ALL;

  static {
    var keys = new ArrayList<ConfigKey>();
    keys.add(
        key("ai.model", Kind.MODEL, Config.DEFAULT_MODEL, "provider-prefixed model name")
            .policy(RepoPolicy.LOCAL_PROVIDER_ONLY));
    keys.add(num("ai.temperature", 0, 2, 0.3, "sampling temperature"));
    keys.add(integer("ai.max_tokens", 1, 32768, 200, "maximum tokens in the reply"));
    keys.add(
        key("ai.api_base", Kind.URL, null, "OpenAI-compatible endpoint, ending in /v1")
            .policy(RepoPolicy.LOOPBACK_ONLY));
    keys.add(
        new ConfigKey(
            "ai.api_key",
            Kind.STRING,
            0,
            0,
            true,
            RepoPolicy.USER_ONLY,
            null,
            "bearer key for servers started with --api-key (secret)"));
    keys.add(
        key("ai.allow_remote", Kind.BOOL, false, "allow sending the diff to non-loopback hosts")
            .policy(RepoPolicy.USER_ONLY));
    keys.add(num("ai.timeout_seconds", 1, 3600, 60.0, "timeout of one model request"));
    keys.add(
        key("llamafile.path", Kind.PATH, null, "llamafile executable")
            .policy(RepoPolicy.USER_ONLY));
    keys.add(key("llamafile.model_path", Kind.PATH, null, "GGUF model weights file"));
    keys.add(
        key("llamafile.api_base", Kind.URL, null, "llamafile endpoint, used for llamafile/ models")
            .policy(RepoPolicy.LOOPBACK_ONLY));
    keys.add(integer("llamafile.port", 1, 65535, 8080, "port of a server commit-polish starts"));
    keys.add(integer("llamafile.context_size", 128, 1 << 20, 4096, "--ctx-size of that server"));
    keys.add(integer("llamafile.threads", 1, 1024, null, "--threads of that server"));
    keys.add(key("validation.auto_detect", Kind.BOOL, true, "discover the repo's convention"));
    keys.add(integer("validation.max_retries", 0, 10, 2, "repair attempts after the first"));
    keys.add(
        key(
                "validation.validator_command",
                Kind.ARGV,
                List.of(),
                "external validator; message on stdin, exit 0 = valid")
            .policy(RepoPolicy.NEEDS_TRUST));
    keys.add(
        key(
                "validation.trust_repo_validator",
                Kind.BOOL,
                false,
                "run a validator_command set by a repository file")
            .policy(RepoPolicy.USER_ONLY));
    keys.add(key("validation.system_prompt", Kind.STRING, null, "replaces built-in instructions"));
    keys.add(key("hook.enabled", Kind.BOOL, true, "false makes the hook a no-op"));
    keys.add(key("hook.strict", Kind.BOOL, false, "fail the commit when polishing fails"));
    keys.add(num("hook.deadline_seconds", 1, 600, 20.0, "hard cap for one hook run"));
    keys.add(key("hook.polish_amend", Kind.BOOL, false, "polish --amend, -c and -C commits"));
    keys.add(key("diff.exclude", Kind.STRING_LIST, List.of(), "extra globs to leave out"));
    keys.add(
        integer(
            "diff.default_context_tokens",
            256,
            1 << 20,
            2048,
            "context size when the server does not report one"));
    var map = new LinkedHashMap<String, ConfigKey>();
    for (ConfigKey k : keys) {
      map.put(k.name, k);
    }
    ALL = java.util.Collections.unmodifiableMap(map);
  }

  private static ConfigKey key(String name, Kind kind, Object def, String help) {
    return new ConfigKey(name, kind, 0, 0, false, RepoPolicy.ALLOWED, def, help);
  }

  private static ConfigKey num(String name, double min, double max, Double def, String help) {
    return new ConfigKey(name, Kind.NUMBER, min, max, false, RepoPolicy.ALLOWED, def, help);
  }

  private static ConfigKey integer(String name, long min, long max, Integer def, String help) {
    return new ConfigKey(
        name,
        Kind.INT,
        min,
        max,
        false,
        RepoPolicy.ALLOWED,
        def == null ? null : Long.valueOf(def),
        help);
  }

  private ConfigKey policy(RepoPolicy p) {
    return new ConfigKey(name, kind, min, max, secret, p, defaultValue, help);
  }

  /** The TOML table ({@code ai}). */
  String section() {
    return name.substring(0, name.indexOf('.'));
  }

  /** The key inside its table ({@code model}). */
  String leaf() {
    return name.substring(name.indexOf('.') + 1);
  }

  /** Human description of the accepted values, used in every error message. */
  String allowed() {
    return switch (kind) {
      case STRING -> "a string";
      case MODEL ->
          "a string \"<provider>/<model>\" with provider one of "
              + String.join(", ", Models.PROVIDERS)
              + " (e.g. \"llamafile/gemma-3-3b\")";
      case URL -> "an http:// or https:// URL such as \"http://127.0.0.1:8080/v1\"";
      case BOOL -> "true or false";
      case INT -> "an integer from " + (long) min + " to " + (long) max;
      case NUMBER -> "a number from " + fmt(min) + " to " + fmt(max);
      case STRING_LIST -> "an array of strings, e.g. [\"*.lock\", \"dist/**\"]";
      case ARGV -> "an array of strings (argv), e.g. [\"npx\", \"--no-install\", \"commitlint\"]";
      case PATH -> "a file path string (\"~/\" is your home directory)";
    };
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  /** A value did not fit this key; the message says what was found. */
  static final class BadValue extends Exception {
    private static final long serialVersionUID = 1L;

    BadValue(String message) {
      super(message);
    }
  }

  /**
   * Converts a value read from a TOML file ({@link TomlDocument}: integers are Long).
   *
   * @param base directory that relative paths are resolved against (the file's directory)
   * @param home the user's home directory for {@code ~/}, may be null
   */
  Object fromToml(Object raw, Path base, Path home) throws BadValue {
    switch (kind) {
      case STRING, MODEL, URL, PATH -> {
        if (!(raw instanceof String s)) {
          throw wrongType(raw);
        }
        return fromString(s, base, home);
      }
      case BOOL -> {
        if (!(raw instanceof Boolean b)) {
          throw wrongType(raw);
        }
        return b;
      }
      case INT -> {
        if (!(raw instanceof Long l)) {
          throw wrongType(raw);
        }
        return checkRange(l);
      }
      case NUMBER -> {
        if (raw instanceof Long l) {
          return checkRange(l.doubleValue());
        }
        if (!(raw instanceof Double d)) {
          throw wrongType(raw);
        }
        return checkRange(d);
      }
      case STRING_LIST, ARGV -> {
        if (kind == Kind.ARGV && raw instanceof String s) {
          throw argvAsString(s);
        }
        if (!(raw instanceof List<?> arr)) {
          throw wrongType(raw);
        }
        var out = new ArrayList<String>();
        for (int i = 0; i < arr.size(); i++) {
          if (!(arr.get(i) instanceof String s)) {
            throw new BadValue(
                "element "
                    + (i + 1)
                    + " is "
                    + describe(arr.get(i))
                    + ", expected a string; allowed: "
                    + allowed());
          }
          out.add(s);
        }
        if (kind == Kind.ARGV && !out.isEmpty() && out.get(0).isBlank()) {
          throw new BadValue("the program name (first element) is empty");
        }
        return List.copyOf(out);
      }
    }
    throw new AssertionError(kind);
  }

  /**
   * Converts a value given as text: environment variables, flags, and TOML strings.
   *
   * @param base directory for relative paths (cwd for env and flags)
   */
  Object fromString(String s, Path base, Path home) throws BadValue {
    switch (kind) {
      case STRING -> {
        return s;
      }
      case MODEL -> {
        String problem = Models.problem(s);
        if (problem != null) {
          throw new BadValue(problem + "; allowed: " + allowed());
        }
        return s.strip();
      }
      case URL -> {
        String problem = Urls.problem(s);
        if (problem != null) {
          throw new BadValue(problem + "; allowed: " + allowed());
        }
        return s.strip();
      }
      case PATH -> {
        if (s.isBlank()) {
          throw new BadValue("empty path; allowed: " + allowed());
        }
        return expandPath(s.strip(), base, home);
      }
      case BOOL -> {
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
          case "true", "1", "yes", "on" -> Boolean.TRUE;
          case "false", "0", "no", "off" -> Boolean.FALSE;
          default -> throw new BadValue("\"" + s + "\" is not a boolean; allowed: " + allowed());
        };
      }
      case INT -> {
        try {
          return checkRange(Long.parseLong(s.strip()));
        } catch (NumberFormatException e) {
          throw new BadValue("\"" + s + "\" is not an integer; allowed: " + allowed());
        }
      }
      case NUMBER -> {
        try {
          return checkRange(Double.parseDouble(s.strip()));
        } catch (NumberFormatException e) {
          throw new BadValue("\"" + s + "\" is not a number; allowed: " + allowed());
        }
      }
      case STRING_LIST -> {
        var out = new ArrayList<String>();
        for (String part : s.split(",")) {
          if (!part.isBlank()) {
            out.add(part.strip());
          }
        }
        return List.copyOf(out);
      }
      case ARGV -> throw argvAsString(s);
    }
    throw new AssertionError(kind);
  }

  private static Path expandPath(String s, Path base, Path home) throws BadValue {
    Path p;
    if ((s.equals("~") || s.startsWith("~/"))) {
      if (home == null) {
        throw new BadValue("\"" + s + "\" uses ~ but HOME is not set");
      }
      p = s.length() <= 2 ? home : home.resolve(s.substring(2));
    } else {
      p = Path.of(s);
    }
    return base.resolve(p).normalize();
  }

  private Long checkRange(long v) throws BadValue {
    if (v < min || v > max) {
      throw new BadValue(v + " is out of range; allowed: " + allowed());
    }
    return v;
  }

  private Double checkRange(double v) throws BadValue {
    if (!(v >= min && v <= max)) {
      throw new BadValue(fmt(v) + " is out of range; allowed: " + allowed());
    }
    return v;
  }

  /**
   * A command given as one string. It runs without a shell, and splitting it here would mean a
   * hand-written shell-quoting parser; an array says exactly which words the program gets.
   */
  private BadValue argvAsString(String s) {
    String example = "[\"npx\", \"commitlint\"]";
    if (!s.isBlank() && s.chars().noneMatch(c -> c == '"' || c == '\'' || c == '\\')) {
      // Nothing quoted: the words are unambiguous, so show the user their own command.
      example = TomlText.literal(List.of(s.strip().split("\\s+")));
    }
    return new BadValue(
        "is a string, but a command must be an array of its words (it runs without a shell);"
            + " write it as an array: "
            + leaf()
            + " = "
            + example);
  }

  private BadValue wrongType(Object raw) {
    return new BadValue("expected " + allowed() + ", got " + describe(raw));
  }

  private static String describe(Object raw) {
    if (raw instanceof String s) {
      return "the string \"" + s + "\"";
    }
    if (raw instanceof Long l) {
      return "the integer " + l;
    }
    if (raw instanceof Double d) {
      return "the number " + d;
    }
    if (raw instanceof Boolean b) {
      return "the boolean " + b;
    }
    if (raw instanceof List) {
      return "an array";
    }
    if (raw instanceof com.electronwill.nightconfig.core.UnmodifiableConfig) {
      return "a table";
    }
    return "a " + (raw == null ? "null" : raw.getClass().getSimpleName()) + " value";
  }

  /** The key closest to {@code unknown}, if any is close enough to be a plausible typo. */
  static Optional<String> suggest(String unknown) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    String unknownLeaf = unknown.substring(unknown.lastIndexOf('.') + 1);
    for (ConfigKey k : ALL.values()) {
      // A right key in the wrong table ("model" at top level, [llamafile] temperature) is a
      // common mistake: compare the leaf as well as the whole dotted name.
      int d = Math.min(distance(unknown, k.name), distance(unknownLeaf, k.leaf()) + 1);
      if (d < bestDistance) {
        bestDistance = d;
        best = k.name;
      }
    }
    int limit = Math.max(2, unknownLeaf.length() / 3);
    return bestDistance <= limit ? Optional.of(best) : Optional.empty();
  }

  /** The section closest to {@code unknown}. */
  static Optional<String> suggestSection(String unknown) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String s : sections()) {
      int d = distance(unknown, s);
      if (d < bestDistance) {
        bestDistance = d;
        best = s;
      }
    }
    return bestDistance <= Math.max(2, unknown.length() / 3) ? Optional.of(best) : Optional.empty();
  }

  /** The table names, in order. */
  static List<String> sections() {
    return ALL.values().stream().map(ConfigKey::section).distinct().toList();
  }

  /** Levenshtein distance (case-insensitive): short names, so O(n*m) is nothing. */
  static int distance(String a, String b) {
    a = a.toLowerCase(Locale.ROOT);
    b = b.toLowerCase(Locale.ROOT);
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
