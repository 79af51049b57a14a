package dev.commitpolish.doctor;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.commitpolish.ui.Colour;
import dev.commitpolish.ui.Mark;
import dev.commitpolish.ui.Style;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
    List<Map<String, Object>> checks = new ArrayList<>();
    for (CheckResult r : results) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("name", r.name());
      c.put("ok", r.ok());
      c.put("status", r.status().name().toLowerCase(Locale.ROOT));
      c.put("detail", r.detail());
      c.put("fix", r.fix().isEmpty() ? null : r.fix());
      checks.add(c);
    }
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("ok", ok());
    report.put("checks", checks);
    try {
      // jackson-jr drops null map values by default; "fix": null is part of the documented shape.
      return JSON.std.with(JSON.Feature.WRITE_NULL_PROPERTIES).asString(report);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
