package dev.commitpolish.conventional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.commitpolish.conventional.CommitlintHarness.Case;
import dev.commitpolish.conventional.CommitlintHarness.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Runs the real commitlint 21.2.4 (+ config-conventional 21.2.4) and the built-in linter over the
 * same messages and requires identical verdicts, rule names, levels and messages.
 */
class CommitlintDifferentialTest {

  private static final long SEED = 0xC0FFEEL;

  static List<Case> corpus() {
    List<Case> cases = new ArrayList<>();
    for (String m : MessageCorpus.handWritten()) {
      cases.add(new Case(m, null));
      cases.add(new Case(m + "\n", "#"));
    }
    List<String> gen = MessageCorpus.generated(SEED, 1400);
    for (int i = 0; i < gen.size(); i++) {
      String cc =
          switch (i % 5) {
            case 0, 1 -> null;
            case 2, 3 -> "#";
            default -> i % 2 == 0 ? ";" : "auto";
          };
      cases.add(new Case(gen.get(i), cc));
    }
    return cases;
  }

  private static LintResult ours(Linter linter, Case c) {
    LintOptions o =
        c.commentChar() == null ? LintOptions.stdin() : LintOptions.edit(c.commentChar());
    return linter.lint(c.message(), o);
  }

  static List<String> compare(Linter linter, List<Case> cases, List<Verdict> theirs) {
    List<String> diffs = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      Case c = cases.get(i);
      Verdict v = theirs.get(i);
      LintResult r = ours(linter, c);
      boolean same =
          v.crash() == null
              && v.valid() == r.valid()
              && v.errors().stream()
                  .map(CommitlintDifferentialTest::key)
                  .toList()
                  .equals(r.errors().stream().map(CommitlintDifferentialTest::key).toList())
              && v.warnings().equals(r.warnings());
      if (!same) {
        diffs.add(
            "#"
                + i
                + " "
                + escape(c.message())
                + " cc="
                + c.commentChar()
                + "\n   commitlint: "
                + (v.crash() != null
                    ? "CRASH " + v.crash()
                    : v.valid() + " " + v.errors() + " " + v.warnings())
                + "\n   ours:       "
                + r.valid()
                + " "
                + r.errors()
                + " "
                + r.warnings());
      }
    }
    return diffs;
  }

  /** input-required carries no comparable message (the batch script reports it bare). */
  private static String key(Problem p) {
    return p.level()
        + "|"
        + p.name()
        + "|"
        + (p.name().equals("input-required") ? "" : p.message());
  }

  static String escape(String s) {
    return "\""
        + s.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
        + "\"";
  }

  @Test
  void agreesWithRealCommitlintOnEveryVerdictRuleAndMessage() throws Exception {
    CommitlintHarness cl = CommitlintHarness.get();
    List<Case> cases = corpus();
    Set<String> distinct = new LinkedHashSet<>();
    cases.forEach(c -> distinct.add(c.message()));
    assertThat(distinct).hasSizeGreaterThanOrEqualTo(1000);

    List<Verdict> theirs = cl.lintBatch(cl.dir, cases);
    assertThat(theirs).hasSize(cases.size());
    List<String> diffs = compare(Linter.conventional(), cases, theirs);
    assertThat(diffs)
        .as("disagreements with commitlint (%d of %d)", diffs.size(), cases.size())
        .isEmpty();

    // The corpus must actually exercise every config-conventional rule and the ignores.
    Set<String> rulesSeen = new LinkedHashSet<>();
    int valid = 0;
    for (Verdict v : theirs) {
      v.errors().forEach(p -> rulesSeen.add(p.name()));
      v.warnings().forEach(p -> rulesSeen.add(p.name()));
      valid += v.valid() ? 1 : 0;
    }
    assertThat(rulesSeen).containsAll(LintConfig.configConventional().rules().keySet());
    assertThat(valid).isBetween(cases.size() / 10, cases.size() * 9 / 10);
  }

  @Test
  void fuzzedTokenSoupAgreesInStdinAndEditMode() throws Exception {
    CommitlintHarness cl = CommitlintHarness.get();
    List<Case> cases = new ArrayList<>();
    List<String> fuzz = MessageCorpus.fuzzed(20261126L, 1200);
    for (int i = 0; i < fuzz.size(); i++) {
      cases.add(new Case(fuzz.get(i), i % 3 == 0 ? "#" : null));
    }
    List<Verdict> theirs = cl.lintBatch(cl.dir, cases);
    List<String> diffs = compare(Linter.conventional(), cases, theirs);
    assertThat(diffs)
        .as("disagreements with commitlint (%d of %d)", diffs.size(), cases.size())
        .isEmpty();
  }

  private static final Pattern CLI_LINE = Pattern.compile("^([✖⚠])   (.*) \\[([a-z-]+)\\]$");

  @Test
  void theBatchPathMatchesTheRealCommitlintBinary() throws Exception {
    CommitlintHarness cl = CommitlintHarness.get();
    List<String> messages = new ArrayList<>(MessageCorpus.handWritten().subList(0, 6));
    messages.addAll(MessageCorpus.handWritten().subList(28, 52));
    List<Case> cases = messages.stream().map(m -> new Case(m, null)).toList();
    List<Verdict> batch = cl.lintBatch(cl.dir, cases);
    Linter linter = Linter.conventional();
    // One node process per message is slow (~2-4 s each); run a few at a time.
    var pool = java.util.concurrent.Executors.newFixedThreadPool(3);
    List<java.util.concurrent.Future<CommitlintHarness.Result>> runs = new ArrayList<>();
    for (String m : messages) {
      runs.add(pool.submit(() -> cl.cli(cl.dir, m)));
    }
    pool.shutdown();
    for (int i = 0; i < messages.size(); i++) {
      String m = messages.get(i);
      CommitlintHarness.Result r = runs.get(i).get();
      List<String> cliProblems = new ArrayList<>();
      for (String line : r.out().split("\n")) {
        Matcher mm = CLI_LINE.matcher(line);
        if (mm.find()) {
          cliProblems.add(
              (mm.group(1).equals("✖") ? 2 : 1) + "|" + mm.group(3) + "|" + mm.group(2));
        }
      }
      List<String> batchProblems = new ArrayList<>();
      batch.get(i).errors().forEach(p -> batchProblems.add(key(p)));
      batch.get(i).warnings().forEach(p -> batchProblems.add(key(p)));
      assertThat(cliProblems).as("CLI vs batch for %s", escape(m)).isEqualTo(batchProblems);
      assertThat(r.exit()).as("CLI exit for %s", escape(m)).isEqualTo(batch.get(i).valid() ? 0 : 1);
      LintResult ours = linter.lint(m, LintOptions.stdin());
      assertThat(ours.problems().stream().map(CommitlintDifferentialTest::key).toList())
          .as("ours vs CLI for %s", escape(m))
          .isEqualTo(cliProblems);
    }
  }

  @Test
  void customJsonConfigAgreesWithCommitlintLoadingTheSameFile() throws Exception {
    CommitlintHarness cl = CommitlintHarness.get();
    Path proj = cl.dir.resolve("custom-config-project");
    Files.createDirectories(proj);
    Files.writeString(
        proj.resolve(".commitlintrc.json"),
        """
        {
          "extends": ["@commitlint/config-conventional"],
          "rules": {
            "type-enum": [2, "always", ["feat", "fix", "hotfix", "docs"]],
            "header-max-length": [2, "always", 60],
            "scope-enum": [2, "always", ["api", "cli", "core"]],
            "scope-empty": [1, "never"],
            "subject-case": [0],
            "body-leading-blank": [2, "always"],
            "subject-min-length": [2, "always", 5]
          }
        }
        """);
    ConventionDiscovery.Result d = ConventionDiscovery.discover(proj, java.util.Map.of());
    assertThat(d.warnings()).isEmpty();
    assertThat(d.config().allowedTypes()).containsExactly("feat", "fix", "hotfix", "docs");
    assertThat(d.config().headerMaxLength()).hasValue(60);
    assertThat(d.config().scopes()).containsExactly("api", "cli", "core");

    List<Case> cases = new ArrayList<>();
    for (String m : MessageCorpus.handWritten()) {
      cases.add(new Case(m, null));
    }
    for (String m : MessageCorpus.generated(7, 400)) {
      cases.add(new Case(m, null));
    }
    cases.add(new Case("hotfix(api): patch the thing", null));
    cases.add(new Case("chore(api): not allowed here", null));
    cases.add(new Case("feat(web): unknown scope", null));
    cases.add(new Case("feat(api,cli): two scopes", null));
    cases.add(new Case("feat(api): " + "x".repeat(50), null));
    cases.add(new Case("feat: Short", null));
    List<Verdict> theirs = cl.lintBatch(proj, cases);
    List<String> diffs = compare(new Linter(d.config()), cases, theirs);
    assertThat(diffs).as("disagreements with commitlint on the custom config").isEmpty();
  }
}
