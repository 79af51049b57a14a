package dev.commitpolish.conventional;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The observed verdict table of git-hooks-and-commitlint.md §4.4–§4.6 (commitlint 21.2.4 with
 * config-conventional), checked without node so it runs everywhere.
 */
class LinterTest {

  private final Linter linter = Linter.conventional();

  private List<String> names(String msg, LintOptions o) {
    return linter.lint(msg, o).problems().stream().map(Problem::name).toList();
  }

  private List<String> names(String msg) {
    return names(msg, LintOptions.stdin());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "feat: add x",
        "feat(scope): add x",
        "feat(scope)!: add x",
        "feat!: add x",
        "feat(): empty scope",
        "feat(a,b): multi scope",
        "feat(scope with space): x",
        "feat(a)(b): x",
        "feat:  two spaces",
        "feat: add X",
        "feat: `Foo` bar",
        "feat: \"Foo\" bar",
        "feat: ärger",
        "feat: 日本語",
        "feat: 1st Thing",
        "feat: add x...",
        "feat: add x!",
        "feat: add x。",
        "\n\nfeat: x",
        "feat: x\n\nBREAKING CHANGE: y",
        "feat: x\n\nBREAKING-CHANGE: y",
        "feat: x\n\nbreaking change: y",
        "feat: x\n\nBREAKING CHANGE:y",
        "feat: x\n\nbody\n\nCloses #1",
        "feat: x\n\nbody\n\nSigned-off-by: A <a@b.c>",
        "feat: x\r\n\r\nbody",
        "feat: iOS support",
        "feat: eBay thing",
        "feat: _Foo",
        "feat: (Foo) bar",
        "feat: 'Foo' bar",
        "feat: ǅx thing",
      })
  void validWithoutWarnings(String msg) {
    LintResult r = linter.lint(msg, LintOptions.stdin());
    assertThat(r.valid()).isTrue();
    assertThat(r.problems()).isEmpty();
  }

  @Test
  void blankIsJavaScriptsTrimNotJavas() {
    assertThat(Linter.isBlank(" \t\n\r\u000B\f\u00A0\uFEFF\u2028\u3000")).isTrue();
    assertThat(Linter.isBlank("")).isTrue();
    // Java's Character.isWhitespace counts the separators U+001C-U+001F; JavaScript does not
    assertThat(Linter.isBlank("\u001C")).isFalse();
    assertThat(Linter.isBlank(" x ")).isFalse();
  }

  @Test
  void headerOfExactly100Utf16UnitsPassesAnd101Fails() {
    assertThat(names("feat: " + "a".repeat(94))).isEmpty();
    LintResult r = linter.lint("feat: " + "a".repeat(95), LintOptions.stdin());
    assertThat(r.errors())
        .containsExactly(
            new Problem(
                2,
                "header-max-length",
                "header must not be longer than 100 characters, current length is 101"));
    // An astral character counts twice, as in JavaScript.
    assertThat(names("feat: " + "a".repeat(92) + "😀")).isEmpty();
    assertThat(names("feat: " + "a".repeat(93) + "😀")).containsExactly("header-max-length");
  }

  @Test
  void urlLinesAreExemptFromLineLength() {
    assertThat(names("feat: x\n\nsee https://example.com/" + "p".repeat(120))).isEmpty();
    assertThat(names("feat: x\n\n" + "b".repeat(101))).containsExactly("body-max-line-length");
    assertThat(names("feat: x\n\nRefs: " + "r".repeat(100)))
        .containsExactly("footer-max-line-length");
  }

  @Test
  void malformedHeadersGetTypeEmptyAndSubjectEmpty() {
    for (String m :
        List.of(
            "feat!(scope): x",
            "feat (scope): x",
            "feat(scope) : x",
            "feat:no space",
            "feat-x: y",
            "feat:",
            "Initial commit")) {
      assertThat(names(m)).as(m).containsExactly("subject-empty", "type-empty");
    }
  }

  @Test
  void typeRules() {
    assertThat(names("feat2: y")).containsExactly("type-enum");
    assertThat(names("feat_x: y")).containsExactly("type-enum");
    assertThat(names("Feat: x")).containsExactly("type-case", "type-enum");
    assertThat(linter.lint("FEAT: x", LintOptions.stdin()).errors())
        .containsExactly(
            new Problem(2, "type-case", "type must be lower-case"),
            new Problem(
                2,
                "type-enum",
                "type must be one of [build, chore, ci, docs, feat, fix, perf, refactor, revert,"
                    + " style, test]"));
  }

  @Test
  void subjectCaseFailsIffFirstUnitIsUnchangedByUpperCasing() {
    assertThat(linter.lint("feat: Add x", LintOptions.stdin()).errors())
        .containsExactly(new Problem(2, "subject-case", "subject must not be sentence-case"));
    assertThat(names("feat: API change")).containsExactly("subject-case");
    assertThat(names("feat: Ärger")).containsExactly("subject-case");
    assertThat(names("feat: ĸ thing")).containsExactly("subject-case");
    assertThat(names("feat: 𐐨 thing")).containsExactly("subject-case");
    assertThat(linter.lint("feat: API", LintOptions.stdin()).errors().get(0).message())
        .isEqualTo("subject must not be sentence-case, start-case, upper-case");
  }

  @Test
  void fullStopAndTrim() {
    assertThat(names("feat: add x.")).containsExactly("subject-full-stop");
    assertThat(names("WIP.")).containsExactly("subject-empty", "subject-full-stop", "type-empty");
    assertThat(names("feat: x ")).containsExactly("header-trim");
    assertThat(names("feat: x\t")).containsExactly("header-trim");
    assertThat(names("feat: ")).containsExactly("header-trim", "subject-empty");
    assertThat(names(" feat: x")).containsExactly("header-trim", "subject-empty", "type-empty");
    assertThat(names(" fixup! feat: x"))
        .containsExactly("header-trim", "subject-empty", "type-empty");
  }

  @Test
  void leadingBlankWarningsOnly() {
    for (String m :
        List.of(
            "feat: x\nbody",
            "feat: x\r\nbody",
            "feat: x\n \nbody",
            "feat: x\n\nbody\nCloses #1",
            "feat: x\n\nbody\nSigned-off-by: A")) {
      LintResult r = linter.lint(m, LintOptions.stdin());
      assertThat(r.valid()).as(m).isTrue();
      assertThat(r.errors()).as(m).isEmpty();
      assertThat(r.warnings()).as(m).hasSize(1);
    }
  }

  @Test
  void defaultIgnoresIncludingTheMultilineMergeQuirkButNotInitialCommit() {
    for (String m :
        List.of(
            "Merge branch 'main' into dev",
            "Merge pull request #1 from a/b",
            "Merge tag 'v1'",
            "Revert \"feat: x\"",
            "revert foo",
            "Reapply \"x\"",
            "fixup!x",
            "squash! x",
            "amend! x",
            "1.2.3",
            "v1.2.3",
            "1.2.3-beta.1",
            "chore(release): 1.2.3",
            "chore: 1.2.3 [skip ci]",
            "chore: 1.2.3 (skip ci)",
            "Merged PR 5: x",
            "Merge remote-tracking branch 'o/m'",
            "Automatic merge went well",
            "Auto-merged a into b",
            "fix: Bad Subject.\n\nMerge branch 'foo'")) {
      LintResult r = linter.lint(m, LintOptions.stdin());
      assertThat(r.ignored()).as(m).isTrue();
      assertThat(r.valid()).as(m).isTrue();
    }
    assertThat(linter.lint("=1.2.3", LintOptions.stdin()).ignored()).isFalse();
    assertThat(linter.lint("revert: x", LintOptions.stdin()).ignored()).isFalse();
    assertThat(linter.lint("Initial commit", LintOptions.stdin()).valid()).isFalse();
    assertThat(linter.lint("Merge something else", LintOptions.stdin()).valid()).isFalse();
  }

  @Test
  void editModeStripsCommentsAndScissorsStdinDoesNot() {
    String msg =
        "feat: x\n\n# Please enter the commit message\n# ------------------------ >8"
            + " ------------------------\ndiff --git a/x b/x\n+"
            + "d".repeat(120)
            + "\n";
    assertThat(names(msg, LintOptions.edit("#"))).isEmpty();
    assertThat(names(msg, LintOptions.stdin())).contains("body-max-line-length");
    // Leading-blank rules read the raw text, comments included.
    assertThat(names("feat: x\n# comment\n\nbody\n", LintOptions.edit("#")))
        .containsExactly("body-leading-blank");
    // A comment-only message is valid in edit mode; whitespace only is an input error.
    assertThat(linter.lint("# only a comment\n", LintOptions.edit("#")).valid()).isTrue();
    assertThat(linter.lint(" \n\n", LintOptions.edit("#")).errors())
        .extracting(Problem::name)
        .containsExactly("input-required");
    // core.commentChar is used verbatim, `auto` included.
    assertThat(names("feat: x\n; note\n", LintOptions.edit(";"))).isEmpty();
    assertThat(names("feat: x\n# c\n", LintOptions.edit("auto")))
        .containsExactly("body-leading-blank");
  }

  @Test
  void parserFindsBreakingChangesFootersAndScopes() {
    ParsedCommit p =
        linter.parse(
            "feat(api)!: drop v1\n\nIssue #5 was bad\nmore\n\nBREAKING CHANGE: gone",
            LintOptions.stdin());
    assertThat(p.type()).isEqualTo("feat");
    assertThat(p.scope()).isEqualTo("api");
    assertThat(p.subject()).isEqualTo("drop v1");
    assertThat(p.body()).isEqualTo("");
    assertThat(p.footer()).isEqualTo("Issue #5 was bad\nmore\n\nBREAKING CHANGE: gone");
    assertThat(p.notes()).extracting(ParsedCommit.Note::text).containsExactly("gone");
    assertThat(p.breaking()).isTrue();
    assertThat(linter.parse("feat(a)(b): x", LintOptions.stdin()).scope()).isEqualTo("a)(b");
    assertThat(linter.parse("feat!: x", LintOptions.stdin()).notes())
        .containsExactly(new ParsedCommit.Note("BREAKING CHANGE", "x"));
  }

  @Test
  void summaryIsCompactForRepairPrompts() {
    LintResult r = linter.lint("Feat: Add x.", LintOptions.stdin());
    assertThat(r.summary())
        .isEqualTo(
            "- error [subject-case] subject must not be sentence-case\n"
                + "- error [subject-full-stop] subject may not end with full stop\n"
                + "- error [type-case] type must be lower-case\n"
                + "- error [type-enum] type must be one of [build, chore, ci, docs, feat, fix,"
                + " perf, refactor, revert, style, test]");
  }

  @Test
  void configAccessorsFeedThePrompt() {
    LintConfig c = LintConfig.configConventional();
    assertThat(c.allowedTypes()).contains("feat", "fix", "chore").hasSize(11);
    assertThat(c.headerMaxLength()).hasValue(100);
    assertThat(c.bodyMaxLineLength()).hasValue(100);
    assertThat(c.scopes()).isEmpty();
    LintConfig custom =
        c.withRule("type-enum", RuleConfig.of(2, "always", List.of("feat", "fix")))
            .withRule("header-max-length", RuleConfig.of(2, "always", 72))
            .withRule("scope-enum", RuleConfig.of(2, "always", List.of("api", "ui")))
            .withRule("scope-empty", RuleConfig.of(2, "never"));
    assertThat(custom.allowedTypes()).containsExactly("feat", "fix");
    assertThat(custom.headerMaxLength()).hasValue(72);
    assertThat(custom.scopes()).containsExactly("api", "ui");
    assertThat(custom.promptGuidance())
        .contains("Allowed types: feat, fix", "Allowed scopes: api, ui", "at most 72", "required");
    // Overrides keep their position in the rule order, like commitlint's merge.
    assertThat(custom.rules().keySet()).startsWith("body-leading-blank").endsWith("scope-empty");
  }

  @Test
  void commitizenCheckFollowsCzConventionalCommits() {
    Linter cz = new Linter(LintConfig.commitizen(CommitizenRules.defaults()));
    assertThat(cz.lint("bump: version 1.2.3", LintOptions.stdin()).valid()).isTrue();
    assertThat(cz.lint("feat(api): Add X.", LintOptions.stdin()).valid()).isTrue();
    assertThat(cz.lint("feat(a b): x", LintOptions.stdin()).valid()).isFalse();
    assertThat(cz.lint("feat: x\nbody", LintOptions.stdin()).valid()).isFalse();
    assertThat(cz.lint("feat: x\n\nbody", LintOptions.stdin()).valid()).isTrue();
    assertThat(cz.lint("Merge branch 'x'", LintOptions.stdin()).ignored()).isTrue();
    assertThat(cz.lint("wip: x", LintOptions.stdin()).errors())
        .extracting(Problem::name)
        .containsExactly("commitizen-pattern");
    Linter limited =
        new Linter(
            LintConfig.commitizen(
                new CommitizenRules(
                    CommitizenRules.DEFAULT_PATTERN,
                    CommitizenRules.DEFAULT_PREFIXES,
                    20,
                    CommitizenRules.DEFAULT_TYPES)));
    assertThat(limited.lint("feat: this header is too long", LintOptions.stdin()).errors())
        .extracting(Problem::name)
        .containsExactly("commitizen-length");
  }
}
