package dev.commitpolish.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DiffBudgeterTest {

  private static final Exclusions NONE = Exclusions.defaults(List.of());

  /** A synthetic staged diff: {@code files} files, {@code lines} changed lines in total. */
  static Fixture fixture(int files, int lines, long seed) {
    Random rnd = new Random(seed);
    List<ChangedFile> changed = new ArrayList<>();
    StringBuilder patch = new StringBuilder();
    int perFile = Math.max(1, lines / files);
    for (int f = 0; f < files; f++) {
      String path = "src/module" + (f % 7) + "/File" + f + (f % 5 == 0 ? "Test" : "") + ".java";
      int n = f == files - 1 ? Math.max(1, lines - perFile * (files - 1)) : perFile;
      patch.append("diff --git a/").append(path).append(" b/").append(path).append('\n');
      patch.append("--- a/").append(path).append("\n+++ b/").append(path).append('\n');
      int written = 0;
      int hunk = 0;
      while (written < n) {
        int size = Math.min(n - written, 1 + rnd.nextInt(40));
        patch
            .append("@@ -")
            .append(hunk * 100 + 1)
            .append(",3 +")
            .append(hunk * 100 + 1)
            .append(",")
            .append(size + 3)
            .append(" @@ class File")
            .append(f)
            .append('\n');
        patch.append(" context line\n");
        for (int i = 0; i < size; i++) {
          patch
              .append('+')
              .append("    int value")
              .append(i)
              .append(" = compute(")
              .append(rnd.nextInt(1000))
              .append(", \"")
              .append(Long.toHexString(rnd.nextLong()))
              .append("\");\n");
        }
        patch.append(" context line\n");
        written += size;
        hunk++;
      }
      changed.add(new ChangedFile(path, null, 'M', n, 0, false));
    }
    return new Fixture(changed, patch.toString());
  }

  record Fixture(List<ChangedFile> files, String patch) {}

  @ParameterizedTest
  @ValueSource(ints = {1, 10, 100, 1000, 5000, 20000})
  void sectionNeverExceedsBudgetAndNamesEveryPath(int lines) {
    Fixture fx = fixture(Math.min(30, lines), lines, lines);
    for (int budget : new int[] {600, 1500, 3500}) {
      DiffSection s =
          DiffBudgeter.build(fx.files(), fx.patch(), NONE, budget, TokenCounter.estimate());
      assertThat(TokenCounter.estimate().count(s.text())).isLessThanOrEqualTo(budget);
      for (ChangedFile f : fx.files()) {
        assertThat(s.text()).contains(f.path());
      }
    }
  }

  @Test
  void sameInputGivesSameSection() {
    Fixture fx = fixture(12, 800, 7);
    DiffSection a = DiffBudgeter.build(fx.files(), fx.patch(), NONE, 1200, TokenCounter.estimate());
    DiffSection b = DiffBudgeter.build(fx.files(), fx.patch(), NONE, 1200, TokenCounter.estimate());
    assertThat(a).isEqualTo(b);
  }

  @Test
  void smallDiffIsShownCompletely() {
    Fixture fx = fixture(2, 6, 1);
    DiffSection s = DiffBudgeter.build(fx.files(), fx.patch(), NONE, 4000, TokenCounter.estimate());
    assertThat(s.complete()).isTrue();
    assertThat(s.text()).contains("+    int value0");
  }

  @Test
  void lockfilesAndBinariesKeepTheirSummaryLineButNoHunks() {
    List<ChangedFile> files =
        List.of(
            new ChangedFile("package-lock.json", null, 'M', 300, 120, false),
            new ChangedFile("logo.png", null, 'A', 0, 0, true),
            new ChangedFile("src/app.js", null, 'M', 1, 1, false),
            new ChangedFile("vendor/lib/x.go", null, 'M', 1, 0, false),
            new ChangedFile("web/app.min.js", null, 'M', 1, 0, false));
    String patch =
        "diff --git a/package-lock.json b/package-lock.json\n@@ -1 +1 @@\n-\"lockfileVersion\": 2\n+\"LOCKSECRET\"\n"
            + "diff --git a/logo.png b/logo.png\nBinary files /dev/null and b/logo.png differ\n"
            + "diff --git a/src/app.js b/src/app.js\n@@ -1 +1 @@\n-let a = 1\n+let a = 2\n"
            + "diff --git a/vendor/lib/x.go b/vendor/lib/x.go\n@@ -1 +1,2 @@\n x\n+VENDORED\n"
            + "diff --git a/web/app.min.js b/web/app.min.js\n@@ -1 +1,2 @@\n x\n+MINIFIED\n";
    DiffSection s =
        DiffBudgeter.build(
            files, patch, Exclusions.defaults(List.of()), 2000, TokenCounter.estimate());
    assertThat(s.text())
        .contains("M package-lock.json (+300 -120) [lockfile, diff not shown]")
        .contains("A logo.png (binary)")
        .contains("[vendored, diff not shown]")
        .contains("[generated, diff not shown]")
        .contains("+let a = 2")
        .doesNotContain("LOCKSECRET")
        .doesNotContain("VENDORED")
        .doesNotContain("MINIFIED");
  }

  @Test
  void userGlobsExclude() {
    Exclusions ex = Exclusions.defaults(List.of("fixtures/**", "*.csv"));
    assertThat(ex.reason(new ChangedFile("fixtures/a/b.json", null, 'M', 1, 1, false))).isPresent();
    assertThat(ex.reason(new ChangedFile("data/x.csv", null, 'M', 1, 1, false))).isPresent();
    assertThat(ex.reason(new ChangedFile("src/fixtures.java", null, 'M', 1, 1, false))).isEmpty();
  }

  @Test
  void generatedMarkerExcludesContent() {
    List<ChangedFile> files = List.of(new ChangedFile("api/gen.go", null, 'M', 2, 0, false));
    String patch =
        "diff --git a/api/gen.go b/api/gen.go\n@@ -0,0 +1,2 @@\n+// Code generated by protoc. DO NOT EDIT.\n+package api\n";
    DiffSection s = DiffBudgeter.build(files, patch, NONE, 2000, TokenCounter.estimate());
    assertThat(s.text()).contains("[generated, diff not shown]").doesNotContain("package api");
  }

  @Test
  void sourceHunkIsPreferredOverDocsWhenOnlyOneFits() {
    List<ChangedFile> files =
        List.of(
            new ChangedFile("README.md", null, 'M', 8, 0, false),
            new ChangedFile("src/Login.java", null, 'M', 8, 0, false));
    String body = "+ some changed text that is long enough to cost tokens\n".repeat(8);
    String patch =
        "diff --git a/README.md b/README.md\n@@ -1 +1,8 @@ docs\n"
            + body
            + "diff --git a/src/Login.java b/src/Login.java\n@@ -1 +1,8 @@ code\n"
            + body;
    int summaryCost =
        TokenCounter.estimate()
            .count(DiffBudgeter.build(files, patch, NONE, 1, TokenCounter.estimate()).text());
    int oneHunk = TokenCounter.estimate().count("\n@@ -1 +1,8 @@ code\n" + body) + 20;
    DiffSection s =
        DiffBudgeter.build(files, patch, NONE, summaryCost + oneHunk, TokenCounter.estimate());
    assertThat(s.text()).contains("@@ -1 +1,8 @@ code").doesNotContain("@@ -1 +1,8 @@ docs");
  }

  @Test
  void hugeFileListDegradesToBareNamesThenCounts() {
    List<ChangedFile> files = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      files.add(new ChangedFile("src/pkg/sub/File" + i + ".java", null, 'M', 10, 2, false));
    }
    DiffSection s = DiffBudgeter.build(files, "", NONE, 500, TokenCounter.estimate());
    assertThat(TokenCounter.estimate().count(s.text())).isLessThanOrEqualTo(500);
    assertThat(s.pathsDropped()).isPositive();
    assertThat(s.text()).contains("more files");
  }

  @Test
  void estimateErrsHighOnCode() {
    // "int" "value" ... a real BPE needs ~14 tokens for this line; the estimate must not be lower.
    assertThat(TokenCounter.estimate().count("    int value0 = compute(42, \"abc\");"))
        .isGreaterThanOrEqualTo(14);
  }
}
