package dev.commitpolish.message;

import dev.commitpolish.conventional.LintConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The embedded default when no model answers: a deterministic repair of the user's draft into a
 * Conventional Commits message — a type from the draft's words and the changed paths, lower-case
 * subject start, imperative first verb, no trailing period, header length, body wrap. It never
 * invents content; the caller uses the result only when it validates.
 */
public final class OfflinePolisher {

  private static final Pattern HEADER =
      Pattern.compile("^(\\w+)(?:\\(([^)]*)\\))?(!)?:\\s*(.*)$", Pattern.DOTALL);
  private static final Pattern LOOSE_PREFIX =
      Pattern.compile("^\\[?(\\w+)\\]?(?:\\(([^)]*)\\))?\\s*[:\\-\\]]\\s+(.*)$", Pattern.DOTALL);

  /** Keyword → type, checked in order; the first whole-word match wins. */
  private static final Map<String, List<String>> WORDS = new LinkedHashMap<>();

  static {
    WORDS.put("revert", List.of("revert", "reverts", "reverted", "undo"));
    WORDS.put(
        "fix",
        List.of(
            "fix",
            "fixed",
            "fixes",
            "fixing",
            "bug",
            "bugfix",
            "hotfix",
            "crash",
            "broken",
            "error",
            "issue",
            "repair",
            "resolve",
            "resolved",
            "correct",
            "corrected",
            "prevent",
            "handle"));
    WORDS.put(
        "docs",
        List.of("doc", "docs", "documentation", "readme", "javadoc", "comment", "comments"));
    WORDS.put("test", List.of("test", "tests", "testing", "spec", "specs", "coverage"));
    WORDS.put(
        "perf",
        List.of("perf", "performance", "faster", "speed", "speedup", "optimize", "optimise"));
    WORDS.put(
        "refactor",
        List.of(
            "refactor",
            "refactored",
            "rename",
            "renamed",
            "restructure",
            "simplify",
            "extract",
            "cleanup"));
    WORDS.put(
        "style", List.of("format", "formatting", "whitespace", "indent", "indentation", "lint"));
    WORDS.put("ci", List.of("ci", "pipeline", "workflow", "workflows"));
    WORDS.put(
        "build",
        List.of(
            "build",
            "bump",
            "dependency",
            "dependencies",
            "deps",
            "upgrade",
            "maven",
            "gradle",
            "npm"));
    WORDS.put(
        "feat",
        List.of(
            "add",
            "added",
            "adds",
            "adding",
            "new",
            "implement",
            "implemented",
            "introduce",
            "support",
            "feature",
            "allow",
            "enable"));
    WORDS.put("chore", List.of("chore", "update", "updated", "tidy"));
  }

  private static final Map<String, String> IMPERATIVE =
      Map.ofEntries(
          Map.entry("fixed", "fix"),
          Map.entry("fixes", "fix"),
          Map.entry("fixing", "fix"),
          Map.entry("added", "add"),
          Map.entry("adds", "add"),
          Map.entry("adding", "add"),
          Map.entry("updated", "update"),
          Map.entry("updates", "update"),
          Map.entry("updating", "update"),
          Map.entry("removed", "remove"),
          Map.entry("removes", "remove"),
          Map.entry("removing", "remove"),
          Map.entry("changed", "change"),
          Map.entry("changes", "change"),
          Map.entry("changing", "change"),
          Map.entry("renamed", "rename"),
          Map.entry("renames", "rename"),
          Map.entry("refactored", "refactor"),
          Map.entry("refactors", "refactor"),
          Map.entry("implemented", "implement"),
          Map.entry("implements", "implement"),
          Map.entry("improved", "improve"),
          Map.entry("improves", "improve"),
          Map.entry("moved", "move"),
          Map.entry("moves", "move"),
          Map.entry("deleted", "delete"),
          Map.entry("deletes", "delete"),
          Map.entry("created", "create"),
          Map.entry("creates", "create"),
          Map.entry("bumped", "bump"),
          Map.entry("bumps", "bump"),
          Map.entry("reverted", "revert"),
          Map.entry("reverts", "revert"),
          Map.entry("corrected", "correct"),
          Map.entry("corrects", "correct"),
          Map.entry("resolved", "resolve"),
          Map.entry("resolves", "resolve"),
          Map.entry("introduced", "introduce"),
          Map.entry("introduces", "introduce"),
          Map.entry("replaced", "replace"),
          Map.entry("replaces", "replace"),
          Map.entry("cleaned", "clean"),
          Map.entry("simplified", "simplify"));

  private OfflinePolisher() {}

  /**
   * Inputs of the offline repair.
   *
   * @param draft the user's draft, comments already removed (trailers included)
   * @param paths the changed paths (for the type and scope guess)
   * @param allowedTypes the types the convention allows (empty: Conventional Commits defaults)
   * @param scopes allowed or commonly used scopes (a scope is used only when one matches)
   * @param headerMax header length limit
   * @param bodyWrap body wrap column
   */
  public record Input(
      String draft,
      List<String> paths,
      List<String> allowedTypes,
      List<String> scopes,
      int headerMax,
      int bodyWrap) {
    public Input {
      paths = List.copyOf(paths);
      allowedTypes = List.copyOf(allowedTypes);
      scopes = List.copyOf(scopes);
    }
  }

  /** The repaired message, or empty when the draft has no words to repair. */
  public static Optional<String> polish(Input in) {
    Trailers parts = Trailers.split(in.draft());
    String text = parts.text().strip();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    List<String> allowed =
        in.allowedTypes().isEmpty() ? LintConfig.CONVENTIONAL_TYPES : in.allowedTypes();
    int nl = text.indexOf('\n');
    String first = (nl < 0 ? text : text.substring(0, nl)).strip();
    String rest = nl < 0 ? "" : text.substring(nl + 1).strip();

    String type = null;
    String scope = null;
    boolean bang = false;
    String subject = first;
    Matcher m = HEADER.matcher(first);
    Matcher loose = LOOSE_PREFIX.matcher(first);
    if (m.matches() && allowed.contains(m.group(1).toLowerCase(Locale.ROOT))) {
      type = m.group(1).toLowerCase(Locale.ROOT);
      scope =
          m.group(2) == null || m.group(2).isBlank()
              ? null
              : m.group(2).strip().toLowerCase(Locale.ROOT);
      bang = m.group(3) != null;
      subject = m.group(4);
    } else if (loose.matches() && allowed.contains(loose.group(1).toLowerCase(Locale.ROOT))) {
      type = loose.group(1).toLowerCase(Locale.ROOT);
      scope =
          loose.group(2) == null || loose.group(2).isBlank()
              ? null
              : loose.group(2).strip().toLowerCase(Locale.ROOT);
      subject = loose.group(3);
    }
    if (type == null) {
      type = inferType(first, in.paths(), allowed);
    }
    if (scope == null) {
      scope = inferScope(in.paths(), in.scopes());
    }
    subject = imperative(subject.strip());
    subject = Cleanup.stripPeriods(subject);
    if (subject.isEmpty()) {
      return Optional.empty();
    }
    subject = lowerFirst(subject);
    String prefix = type + (scope == null ? "" : "(" + scope + ")") + (bang ? "!" : "") + ": ";
    String header = prefix + subject;
    if (header.length() > in.headerMax()) {
      // Drop the scope before cutting words from the subject: the words carry the meaning.
      if (scope != null) {
        prefix = type + (bang ? "!" : "") + ": ";
        header = prefix + subject;
      }
      if (header.length() > in.headerMax()) {
        header = Cleanup.cutAtWord(header, in.headerMax());
      }
    }
    StringBuilder out = new StringBuilder(header);
    String body = Cleanup.wrapBody(rest, in.bodyWrap());
    if (!body.isEmpty()) {
      out.append("\n\n").append(body);
    }
    if (!parts.trailers().isEmpty()) {
      out.append("\n\n").append(String.join("\n", parts.trailers()));
    }
    return Optional.of(out.toString());
  }

  /** The type suggested by the draft's words, then by the paths; {@code chore} otherwise. */
  static String inferType(String words, List<String> paths, List<String> allowed) {
    String lower = words.toLowerCase(Locale.ROOT);
    List<String> tokens = List.of(lower.split("[^a-z0-9]+"));
    for (Map.Entry<String, List<String>> e : WORDS.entrySet()) {
      if (!allowed.contains(e.getKey())) {
        continue;
      }
      for (String w : e.getValue()) {
        if (tokens.contains(w)) {
          return e.getKey();
        }
      }
    }
    String byPath = typeFromPaths(paths);
    if (byPath != null && allowed.contains(byPath)) {
      return byPath;
    }
    if (allowed.contains("chore")) {
      return "chore";
    }
    return allowed.get(0);
  }

  static String typeFromPaths(List<String> paths) {
    if (paths.isEmpty()) {
      return null;
    }
    if (paths.stream().allMatch(OfflinePolisher::isDoc)) {
      return "docs";
    }
    if (paths.stream().allMatch(OfflinePolisher::isTest)) {
      return "test";
    }
    if (paths.stream()
        .allMatch(
            p ->
                p.startsWith(".github/")
                    || p.startsWith(".ci/")
                    || p.equals(".gitlab-ci.yml")
                    || p.equals(".travis.yml")
                    || p.equals("Jenkinsfile"))) {
      return "ci";
    }
    if (paths.stream().allMatch(OfflinePolisher::isBuildFile)) {
      return "build";
    }
    return null;
  }

  private static boolean isDoc(String p) {
    String l = p.toLowerCase(Locale.ROOT);
    return l.endsWith(".md")
        || l.endsWith(".adoc")
        || l.endsWith(".rst")
        || l.endsWith(".txt")
        || l.startsWith("docs/")
        || l.contains("/docs/");
  }

  private static boolean isTest(String p) {
    String l = p.toLowerCase(Locale.ROOT);
    String name = l.substring(l.lastIndexOf('/') + 1);
    return l.startsWith("test/")
        || l.startsWith("tests/")
        || l.contains("/test/")
        || l.contains("/tests/")
        || l.contains("__tests__/")
        || TEST_NAME.matcher(name).matches()
        || name.startsWith("test_")
        || TEST_SUFFIX.matcher(name).matches();
  }

  private static final java.util.regex.Pattern TEST_NAME =
      java.util.regex.Pattern.compile(".*(test|tests|spec|it)\\.[a-z]+");
  private static final java.util.regex.Pattern TEST_SUFFIX =
      java.util.regex.Pattern.compile(".*\\.(test|spec)\\.[a-z]+");

  private static boolean isBuildFile(String p) {
    String name = p.substring(p.lastIndexOf('/') + 1);
    return List.of(
            "pom.xml",
            "build.gradle",
            "build.gradle.kts",
            "settings.gradle",
            "package.json",
            "Cargo.toml",
            "go.mod",
            "pyproject.toml",
            "Makefile",
            "CMakeLists.txt",
            "mvnw",
            "maven-wrapper.properties")
        .contains(name);
  }

  /** A scope only when every path lives under one directory named like a known scope. */
  static String inferScope(List<String> paths, List<String> scopes) {
    if (scopes.isEmpty() || paths.isEmpty()) {
      return null;
    }
    for (String scope : scopes) {
      String s = scope.toLowerCase(Locale.ROOT);
      boolean all = true;
      for (String p : paths) {
        List<String> segs = List.of(p.toLowerCase(Locale.ROOT).split("/"));
        if (!segs.subList(0, Math.max(0, segs.size() - 1)).contains(s) && !segs.contains(s)) {
          all = false;
          break;
        }
      }
      if (all) {
        return scope;
      }
    }
    return null;
  }

  static String imperative(String subject) {
    String[] words = subject.split(" ", 2);
    String w = words[0];
    String rep = IMPERATIVE.get(w.toLowerCase(Locale.ROOT));
    if (rep == null) {
      return subject;
    }
    return words.length == 1 ? rep : rep + " " + words[1];
  }

  static String lowerFirst(String s) {
    if (s.isEmpty()) {
      return s;
    }
    // Keep acronyms and identifiers ("API", "README", "iOS") as written.
    if (s.length() > 1 && Character.isUpperCase(s.charAt(1))) {
      return s;
    }
    return Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }
}
