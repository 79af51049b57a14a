package dev.commitpolish.doctor;

import dev.commitpolish.ui.Colour;
import dev.commitpolish.ui.Mark;
import dev.commitpolish.ui.Style;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** Renders doctor results as aligned text lines or one JSON object. */
final class DoctorReport {

  private final List<CheckResult> results;

  DoctorReport(List<CheckResult> results) {
    this.results = List.copyOf(results);
  }

  List<CheckResult> results() {
    return results;
  }

  /** True when no check failed; skipped checks only follow from an earlier failure. */
  boolean ok() {
    return results.stream().noneMatch(r -> r.status() == CheckResult.Status.FAIL);
  }

  void printText(PrintStream out, Style style, boolean quiet) {
    int width = results.stream().mapToInt(r -> r.name().length()).max().orElse(0);
    for (CheckResult r : results) {
      if (quiet && r.status() == CheckResult.Status.PASS) {
        continue;
      }
      String name = String.format(Locale.ROOT, "%-" + width + "s", r.name());
      out.println(style.mark(mark(r.status())) + " " + name + "  " + r.detail());
      if (!r.fix().isEmpty()) {
        out.println(" ".repeat(width + 4) + style.paint(Colour.CYAN, "fix: " + r.fix()));
      }
    }
    long failed = results.stream().filter(r -> r.status() == CheckResult.Status.FAIL).count();
    if (failed == 0) {
      if (!quiet) {
        out.println(style.paint(Colour.GREEN, "All checks passed."));
      }
    } else {
      out.println(
          style.paint(
              Colour.RED,
              failed + " of " + results.size() + " checks failed" + "; see the fix lines above."));
    }
  }

  private static Mark mark(CheckResult.Status s) {
    switch (s) {
      case PASS:
        return Mark.OK;
      case WARN:
        return Mark.WARN;
      case FAIL:
        return Mark.FAIL;
      default:
        return Mark.SKIP;
    }
  }

  String json() {
    var sb = new StringBuilder("{\"ok\":").append(ok()).append(",\"checks\":[");
    for (int i = 0; i < results.size(); i++) {
      CheckResult r = results.get(i);
      if (i > 0) {
        sb.append(',');
      }
      sb.append("{\"name\":")
          .append(quote(r.name()))
          .append(",\"ok\":")
          .append(r.ok())
          .append(",\"status\":")
          .append(quote(r.status().name().toLowerCase(Locale.ROOT)))
          .append(",\"detail\":")
          .append(quote(r.detail()))
          .append(",\"fix\":")
          .append(r.fix().isEmpty() ? "null" : quote(r.fix()))
          .append('}');
    }
    return sb.append("]}").toString();
  }

  static String quote(String s) {
    var sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          sb.append("\\\"");
          break;
        case '\\':
          sb.append("\\\\");
          break;
        case '\n':
          sb.append("\\n");
          break;
        case '\r':
          sb.append("\\r");
          break;
        case '\t':
          sb.append("\\t");
          break;
        default:
          if (c < 0x20) {
            sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
      }
    }
    return sb.append('"').toString();
  }
}
