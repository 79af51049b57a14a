package dev.commitpolish.conventional;

import java.util.Objects;

/**
 * One failed rule, shaped like commitlint's {@code LintRuleOutcome}.
 *
 * @param level 1 = warning, 2 = error
 * @param name the commitlint rule name, e.g. {@code type-enum}
 * @param message commitlint's message, e.g. {@code type may not be empty}
 */
public record Problem(int level, String name, String message) {

  public static final int WARNING = 1;
  public static final int ERROR = 2;

  public Problem {
    if (level != WARNING && level != ERROR) {
      throw new IllegalArgumentException("level must be 1 (warning) or 2 (error), got " + level);
    }
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(message, "message");
  }

  /** True for level 2. */
  public boolean isError() {
    return level == ERROR;
  }
}
