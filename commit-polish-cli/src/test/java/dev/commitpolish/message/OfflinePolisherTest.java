package dev.commitpolish.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OfflinePolisherTest {

  private static Optional<String> polish(String draft, List<String> paths, List<String> scopes) {
    return OfflinePolisher.polish(
        new OfflinePolisher.Input(draft, paths, List.of(), scopes, 72, 72));
  }

  @Test
  void pastTenseDraftBecomesAFixWithImperativeSubject() {
    assertThat(polish("Fixed the login thing.", List.of("src/auth/Login.java"), List.of()))
        .contains("fix: fix the login thing");
  }

  @Test
  void existingConventionalHeaderIsNormalised() {
    assertThat(polish("Feat(API): Added token refresh.", List.of("a.java"), List.of()))
        .contains("feat(api): add token refresh");
  }

  @Test
  void typeComesFromPathsWhenWordsSayNothing() {
    assertThat(polish("explain the flags", List.of("README.md", "docs/flags.md"), List.of()))
        .contains("docs: explain the flags");
    assertThat(polish("cover edge cases", List.of("src/test/java/FooTest.java"), List.of()))
        .contains("test: cover edge cases");
    assertThat(polish("whatever", List.of("src/Main.java"), List.of())).contains("chore: whatever");
  }

  @Test
  void scopeIsUsedOnlyWhenAllPathsMatchAKnownScope() {
    assertThat(polish("fixed crash", List.of("auth/a.java", "auth/b.java"), List.of("auth", "ui")))
        .contains("fix(auth): fix crash");
    assertThat(polish("fixed crash", List.of("auth/a.java", "ui/b.java"), List.of("auth", "ui")))
        .contains("fix: fix crash");
  }

  @Test
  void bodyIsWrappedAndTrailersKeptLast() {
    String draft =
        "added retries\n\n"
            + "because the server sometimes answers 503 while loading the model and we want to wait for it\n\n"
            + "Signed-off-by: Ann <ann@example.com>";
    String out = polish(draft, List.of("x.java"), List.of()).orElseThrow();
    assertThat(out).startsWith("feat: add retries\n\nbecause the server");
    assertThat(out).endsWith("\n\nSigned-off-by: Ann <ann@example.com>");
    assertThat(out.lines()).allMatch(l -> l.length() <= 72);
  }

  @Test
  void acronymAtSubjectStartIsKept() {
    assertThat(polish("fix: API returns 500", List.of(), List.of()))
        .contains("fix: API returns 500");
  }

  @Test
  void emptyDraftHasNoRepair() {
    assertThat(polish("  \n", List.of("a"), List.of())).isEmpty();
    assertThat(polish("Signed-off-by: A <a@b>", List.of("a"), List.of())).isPresent();
  }

  @Test
  void overlongHeaderIsCut() {
    String out =
        polish("fix: " + "very long words ".repeat(10), List.of(), List.of()).orElseThrow();
    assertThat(out.length()).isLessThanOrEqualTo(72);
  }
}
