package dev.commitpolish.lint;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.commitpolish.conventional.LintResult;
import dev.commitpolish.conventional.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    List<Map<String, Object>> results = new ArrayList<>();
    for (LintCommand.Item it : items) {
      LintResult r = it.result();
      errors += r.errors().size();
      warnings += r.warnings().size();
      Map<String, Object> one = new LinkedHashMap<>();
      if (it.hash() != null) {
        one.put("hash", it.hash());
      }
      one.put("valid", r.valid());
      one.put("ignored", r.ignored());
      one.put("input", r.input());
      one.put("errors", problems(r.errors()));
      one.put("warnings", problems(r.warnings()));
      results.add(one);
    }
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("valid", valid);
    report.put("errorCount", errors);
    report.put("warningCount", warnings);
    report.put("results", results);
    try {
      return JSON.std.asString(report);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Map<String, Object>> problems(List<Problem> ps) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Problem p : ps) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("level", p.level());
      m.put("name", p.name());
      m.put("message", p.message());
      out.add(m);
    }
    return out;
  }
}
