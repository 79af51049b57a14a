package dev.commitpolish.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CleanupTest {

  private static String clean(String reply) {
    return Cleanup.clean(reply, 72, 72, List.of());
  }

  @Test
  void thinkBlockIsRemoved() {
    assertThat(clean("<think>the user wants a fix\nlet me see</think>\nfix(auth): refresh token"))
        .isEqualTo("fix(auth): refresh token");
  }

  @Test
  void thinkOnlyReplyLeavesNothing() {
    assertThat(clean("<think>hmm, what could this be")).isEmpty();
    assertThat(clean("<think>done thinking</think>\n\n")).isEmpty();
  }

  @Test
  void strayClosingThinkEndsReasoning() {
    assertThat(clean("reasoning here</think>feat: add x")).isEqualTo("feat: add x");
  }

  @Test
  void codeFenceAndPreambleAreRemoved() {
    assertThat(
            clean("Here is the commit message:\n\n```text\nfeat: add login\n\nBody line.\n```\n"))
        .isEqualTo("feat: add login\n\nBody line.");
    assertThat(clean("Sure! Here's a polished commit message:\nfix: handle null user"))
        .isEqualTo("fix: handle null user");
  }

  @Test
  void eosTokensAndQuotesAreRemoved() {
    assertThat(clean("\"fix: handle null user\"<|im_end|>")).isEqualTo("fix: handle null user");
    assertThat(clean("fix: a<end_of_turn>")).isEqualTo("fix: a");
    assertThat(clean("`fix: a`</s>")).isEqualTo("fix: a");
  }

  @Test
  void labelsAndMarkdownOnTheHeaderAreRemoved() {
    assertThat(clean("**Commit message:** feat: add x")).isEqualTo("feat: add x");
    assertThat(clean("**feat: add x**")).isEqualTo("feat: add x");
    assertThat(clean("## feat: add x")).isEqualTo("feat: add x");
  }

  @ParameterizedTest
  @CsvSource({"fix: a thing.,fix: a thing", "fix: a thing...,fix: a thing...", "fix: b..,fix: b"})
  void trailingPeriodIsDroppedButEllipsisKept(String in, String expected) {
    assertThat(clean(in)).isEqualTo(expected);
  }

  @Test
  void longHeaderIsCutAtAWordWithinTheLimit() {
    String h =
        "feat(parser): support nested generics in type arguments when resolving overloaded methods";
    String out = clean(h);
    assertThat(out.length()).isLessThanOrEqualTo(72);
    assertThat(h).startsWith(out);
    assertThat(out).doesNotEndWith(" ");
  }

  @Test
  void bodyIsWrappedAt72AndBlankLineSeparatesIt() {
    String body = "word ".repeat(40).strip();
    String out = clean("feat: x\n" + body);
    String[] lines = out.split("\n");
    assertThat(lines[1]).isEmpty();
    for (String l : lines) {
      assertThat(l.length()).isLessThanOrEqualTo(72);
    }
    assertThat(out.replace("\n", " ").replace("  ", " ")).contains(body);
  }

  @Test
  void listItemsWrapWithHangingIndentAndCodeStaysAsIs() {
    String code = "    " + "x".repeat(100);
    String out = Cleanup.wrapBody("- " + "alpha ".repeat(20).strip() + "\n" + code, 72);
    String[] lines = out.split("\n");
    assertThat(lines[0]).startsWith("- alpha");
    assertThat(lines[1]).startsWith("  alpha");
    assertThat(out).contains(code);
  }

  @Test
  void userTrailersAreAppendedLastAndModelIdentityTrailersDropped() {
    String out =
        Cleanup.clean(
            "feat: add x\n\nExplains why.\n\nSigned-off-by: Robot <r@example.com>\nRefs: ABC-1",
            72,
            72,
            List.of("Signed-off-by: Ann <ann@example.com>", "Co-authored-by: Bo <bo@example.com>"));
    assertThat(out)
        .isEqualTo(
            "feat: add x\n\nExplains why.\n\nRefs: ABC-1\nSigned-off-by: Ann <ann@example.com>\n"
                + "Co-authored-by: Bo <bo@example.com>");
  }

  @Test
  void conventionalHeaderFormIsNormalisedInCode() {
    List<String> types = List.of("feat", "fix");
    assertThat(Cleanup.normalizeHeader("Fix(auth):Refresh the token\n\nBody", types))
        .isEqualTo("fix(auth): refresh the token\n\nBody");
    assertThat(Cleanup.normalizeHeader("feat: API keys in headers", types))
        .isEqualTo("feat: API keys in headers");
    assertThat(Cleanup.normalizeHeader("Update: things", types)).isEqualTo("Update: things");
    assertThat(Cleanup.normalizeHeader("just words", types)).isEqualTo("just words");
  }

  @Test
  void emptyReplyStaysEmpty() {
    assertThat(clean("")).isEmpty();
    assertThat(clean("   \n\n")).isEmpty();
    assertThat(clean("```\n```")).isEmpty();
  }

  @Test
  void trailersSplitRecognisesGitRuleAndNeverTheSubject() {
    assertThat(Trailers.split("fix: thing").trailers()).isEmpty();
    Trailers t = Trailers.split("fixed it\n\nSigned-off-by: A <a@b>\nRefs: #12\n");
    assertThat(t.text()).isEqualTo("fixed it");
    assertThat(t.trailers()).containsExactly("Signed-off-by: A <a@b>", "Refs: #12");
    assertThat(Trailers.split("x\n\nthis is prose: not a trailer\nmore prose").trailers())
        .isEmpty();
    assertThat(
            Trailers.split("x\n\nsome prose line\nmore prose\nSigned-off-by: A <a@b>").trailers())
        .hasSize(3);
  }
}
