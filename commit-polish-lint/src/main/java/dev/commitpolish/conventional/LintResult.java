package dev.commitpolish.conventional;

import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of linting one message, shaped like commitlint's {@code LintOutcome}.
 *
 * @param valid true when there are no errors (warnings do not count)
 * @param errors level-2 problems in rule-configuration order
 * @param warnings level-1 problems in rule-configuration order
 * @param ignored true when a default or configured ignore matched and no rule ran
 * @param input the message as commitlint echoes it (header, body and footer re-joined)
 */
public record LintResult(
    boolean valid, List<Problem> errors, List<Problem> warnings, boolean ignored, String input) {

  public LintResult {
    errors = List.copyOf(errors);
    warnings = List.copyOf(warnings);
    if (valid != errors.isEmpty()) {
      throw new IllegalArgumentException("valid must be true exactly when there are no errors");
    }
  }

  /** Errors then warnings. */
  public List<Problem> problems() {
    List<Problem> all = new ArrayList<>(errors);
    all.addAll(warnings);
    return all;
  }

  /**
   * A compact description of what is wrong, one problem per line ({@code - [rule] message}), for
   * feeding back to a model in a repair loop. Empty when there are no problems.
   */
  public String summary() {
    StringBuilder sb = new StringBuilder();
    for (Problem p : problems()) {
      if (sb.length() > 0) {
        sb.append('\n');
      }
      sb.append("- ")
          .append(p.isError() ? "error" : "warning")
          .append(" [")
          .append(p.name())
          .append("] ")
          .append(p.message());
    }
    return sb.toString();
  }
}
