package dev.commitpolish.lint;

import dev.commitpolish.conventional.LintResult;
import dev.commitpolish.conventional.Problem;
import java.util.ArrayList;
import java.util.List;

/** commitlint's text report ({@code @commitlint/format}, 21.x, no colour) and a JSON report. */
final class Output {

  private Output() {}

  static String text(List<LintCommand.Item> items, String helpUrl, boolean verbose) {
    List<String> lines = new ArrayList<>();
    for (LintCommand.Item it : items) {
      LintResult r = it.result();
      boolean problems = !r.errors().isEmpty() || !r.warnings().isEmpty();
      if (r.input().isEmpty()) {
        lines.add("");
      } else if (verbose || problems) {
        lines.add("⧗   --- input ---\n" + r.input());
      }
      for (Problem p : r.problems()) {
        lines.add((p.isError() ? "✖" : "⚠") + "   " + p.message() + " [" + p.name() + "]");
      }
      if (problems) {
        lines.add("");
      }
      if (verbose || problems) {
        String sign = !r.errors().isEmpty() ? "✖" : !r.warnings().isEmpty() ? "⚠" : "✔";
        lines.add(
            sign
                + "   found "
                + r.errors().size()
                + " problems, "
                + r.warnings().size()
                + " warnings");
      }
      if (problems) {
        lines.add("ⓘ   Get help: " + helpUrl);
        lines.add("");
      }
    }
    return String.join("\n", lines);
  }

  static String json(List<LintCommand.Item> items, boolean valid) {
    int errors = 0;
    int warnings = 0;
    StringBuilder results = new StringBuilder();
    for (LintCommand.Item it : items) {
      LintResult r = it.result();
      errors += r.errors().size();
      warnings += r.warnings().size();
      if (results.length() > 0) {
        results.append(',');
      }
      results.append('{');
      if (it.hash() != null) {
        results.append("\"hash\":").append(str(it.hash())).append(',');
      }
      results
          .append("\"valid\":")
          .append(r.valid())
          .append(",\"ignored\":")
          .append(r.ignored())
          .append(",\"input\":")
          .append(str(r.input()))
          .append(",\"errors\":")
          .append(problems(r.errors()))
          .append(",\"warnings\":")
          .append(problems(r.warnings()))
          .append('}');
    }
    return "{\"valid\":"
        + valid
        + ",\"errorCount\":"
        + errors
        + ",\"warningCount\":"
        + warnings
        + ",\"results\":["
        + results
        + "]}";
  }

  private static String problems(List<Problem> ps) {
    StringBuilder sb = new StringBuilder("[");
    for (Problem p : ps) {
      if (sb.length() > 1) {
        sb.append(',');
      }
      sb.append("{\"level\":")
          .append(p.level())
          .append(",\"name\":")
          .append(str(p.name()))
          .append(",\"message\":")
          .append(str(p.message()))
          .append('}');
    }
    return sb.append(']').toString();
  }

  static String str(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
