package dev.commitpolish.conventional;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The check {@code cz check} (commitizen 4.x, cz_conventional_commits) performs: the schema pattern
 * applied with Python's {@code re.match}, the allowed prefixes, and the optional first-line length
 * limit.
 *
 * @param schemaPattern the Python regex ({@code schema_pattern})
 * @param allowedPrefixes messages starting with one of these pass unchecked
 * @param messageLengthLimit first-line limit, 0 = off
 * @param types the change types the pattern accepts, for prompts
 */
public record CommitizenRules(
    String schemaPattern,
    List<String> allowedPrefixes,
    int messageLengthLimit,
    List<String> types) {

  /** cz_conventional_commits' change types. */
  public static final List<String> DEFAULT_TYPES =
      List.of(
          "build",
          "bump",
          "chore",
          "ci",
          "docs",
          "feat",
          "fix",
          "perf",
          "refactor",
          "revert",
          "style",
          "test");

  /** cz_conventional_commits' schema pattern. */
  public static final String DEFAULT_PATTERN =
      "(?s)(build|bump|chore|ci|docs|feat|fix|perf|refactor|revert|style|test)(\\(\\S+\\))?!?: ([^\\n\\r]+)((\\n\\n.*)|(\\s*))?$";

  /** commitizen's default {@code allowed_prefixes}. */
  public static final List<String> DEFAULT_PREFIXES =
      List.of("Merge", "Revert", "Pull request", "fixup!", "squash!", "amend!");

  public CommitizenRules {
    Objects.requireNonNull(schemaPattern, "schemaPattern");
    allowedPrefixes = List.copyOf(allowedPrefixes);
    types = List.copyOf(types);
    if (messageLengthLimit < 0) {
      throw new IllegalArgumentException("message_length_limit must be >= 0");
    }
    compile(schemaPattern);
  }

  /** commitizen's defaults. */
  public static CommitizenRules defaults() {
    return new CommitizenRules(DEFAULT_PATTERN, DEFAULT_PREFIXES, 0, DEFAULT_TYPES);
  }

  /** The pattern with Python {@code re} semantics (Unicode classes, only {@code \n} ends lines). */
  Pattern compiled() {
    return compile(schemaPattern);
  }

  private static Pattern compile(String p) {
    try {
      return Pattern.compile(p, Pattern.UNICODE_CHARACTER_CLASS | Pattern.UNIX_LINES);
    } catch (java.util.regex.PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "commitizen schema_pattern is not a valid regular expression: " + e.getDescription(), e);
    }
  }
}
