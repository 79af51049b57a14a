package dev.commitpolish.llm;

import java.util.Objects;

/**
 * One problem found in an API base URL by {@link ApiBase#check}.
 *
 * @param severity ERROR problems stop the request before it is sent; WARNINGs are reported
 * @param message what is wrong
 * @param fix one line saying what to use instead
 */
public record ApiBaseProblem(Severity severity, String message, String fix) {

  /** How bad the problem is. */
  public enum Severity {
    /** The request would fail; the client refuses to send it. */
    ERROR,
    /** Probably wrong, but could be intended; the request is still sent. */
    WARNING
  }

  /** Validates the fields. */
  public ApiBaseProblem {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(fix, "fix");
  }

  @Override
  public String toString() {
    return severity + ": " + message + " Fix: " + fix;
  }
}
