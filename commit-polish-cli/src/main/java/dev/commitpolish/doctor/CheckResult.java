package dev.commitpolish.doctor;

import java.util.Objects;

/**
 * The outcome of one doctor check.
 *
 * @param name short stable identifier ({@code server}, {@code hook}); used as the JSON key
 * @param status pass, warn, fail or skip
 * @param detail one line saying what was found
 * @param fix one line saying what to do, or empty when nothing needs doing
 */
record CheckResult(String name, Status status, String detail, String fix) {

  CheckResult {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(status, "status");
    detail = oneLine(Objects.requireNonNull(detail, "detail"));
    fix = fix == null ? "" : oneLine(fix);
  }

  static CheckResult pass(String name, String detail) {
    return new CheckResult(name, Status.PASS, detail, "");
  }

  static CheckResult warn(String name, String detail, String fix) {
    return new CheckResult(name, Status.WARN, detail, fix);
  }

  static CheckResult fail(String name, String detail, String fix) {
    return new CheckResult(name, Status.FAIL, detail, fix);
  }

  static CheckResult skip(String name, String detail) {
    return new CheckResult(name, Status.SKIP, detail, "");
  }

  /** Whether the check did not find a problem (warnings are advice, not failures). */
  boolean ok() {
    return status == Status.PASS || status == Status.WARN;
  }

  // The report promises one line per field; server messages sometimes carry newlines.
  private static String oneLine(String s) {
    return s.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
  }

  /** The closed set of outcomes. */
  enum Status {
    PASS,
    WARN,
    FAIL,
    /** Not run because something it needs failed earlier; not counted as a separate failure. */
    SKIP
  }
}
