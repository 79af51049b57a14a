package dev.commitpolish.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.commitpolish.git.Git;
import dev.commitpolish.git.StagedChanges;
import dev.commitpolish.git.TestRepo;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagedPatchTest {

  @TempDir Path tmp;

  @Test
  void globsBecomeGitPathspecsOnlyWhenBothReadThemAlike() {
    assertThat(Exclusions.gitGlob("package-lock.json")).contains("**/package-lock.json");
    assertThat(Exclusions.gitGlob("*.min.js")).contains("**/*.min.js");
    assertThat(Exclusions.gitGlob("vendor/**")).contains("vendor/**");
    assertThat(Exclusions.gitGlob("/build/")).contains("build/**");
    assertThat(Exclusions.gitGlob("**/__snapshots__/**")).contains("**/__snapshots__/**");
    assertThat(Exclusions.gitGlob("docs/*.md")).contains("docs/*.md");
    // not the same pattern in git's glob magic: not passed to git, still applied by reason()
    assertThat(Exclusions.gitGlob("build/")).contains("build/**");
    // to git a path without wildcards also names everything below it
    assertThat(Exclusions.gitGlob("/build")).isEmpty();
    assertThat(Exclusions.gitGlob("docs/api")).isEmpty();
    assertThat(Exclusions.gitGlob("a**b")).isEmpty();
    assertThat(Exclusions.gitGlob("*.[ch]")).isEmpty();
    assertThat(Exclusions.gitGlob("**")).isEmpty();
    assertThat(Exclusions.gitGlob(" ")).isEmpty();
  }

  @Test
  void theEarlyReadLeavesExcludedFilesOutWithoutAFileList() {
    TestRepo repo = TestRepo.init(tmp, "repo");
    repo.commitFile("README.md", "# r\n", "init");
    repo.write("src/app.js", "console.log('hi');\n");
    repo.write("web/package-lock.json", "{\"lockfileVersion\": 3}\n");
    repo.write("vendor/lib/x.go", "package x\n");
    repo.write("data/big.csv", "a,b\n1,2\n");
    repo.write("a.min.js", "x\n");
    repo.git("add", "-A");
    Git git = repo.gitApi();
    Exclusions ex = Exclusions.defaults(List.of("*.csv"));

    StagedPatch.Read early = StagedPatch.readExcludingGlobs(git, ex, StagedPatch.MAX_BYTES);
    assertThat(early.ok()).isTrue();
    assertThat(early.truncated()).isFalse();
    assertThat(early.text())
        .contains("diff --git a/src/app.js b/src/app.js")
        .doesNotContain("package-lock.json")
        .doesNotContain("vendor/lib")
        .doesNotContain("big.csv")
        .doesNotContain("a.min.js");

    // The same patch text as the exact read, which names the wanted files one by one.
    StagedChanges list = git.stagedChanges(0);
    String exact = StagedPatch.read(git, StagedPatch.files(list), ex, StagedPatch.MAX_BYTES);
    assertThat(early.text()).isEqualTo(exact);
    StagedChanges combined = StagedPatch.stagedChanges(git, list, early, ex);
    assertThat(combined.patch()).isEqualTo(exact);
    assertThat(combined.files()).hasSize(5);
  }

  @Test
  void anEarlyReadCutByTheCapIsReplacedByTheExactRead() {
    TestRepo repo = TestRepo.init(tmp, "repo");
    repo.commitFile("README.md", "# r\n", "init");
    // a file too large to show (by line count), sorted before the small one
    repo.write("a-dump.txt", "line\n".repeat(Exclusions.MAX_CHANGED_LINES + 1));
    repo.write("z-small.txt", "small change\n");
    repo.git("add", "-A");
    Git git = repo.gitApi();
    Exclusions ex = Exclusions.defaults(List.of());

    StagedPatch.Read early = StagedPatch.readExcludingGlobs(git, ex, 4096);
    assertThat(early.truncated()).isTrue();
    assertThat(early.text()).doesNotContain("z-small.txt");

    StagedChanges sc = StagedPatch.stagedChanges(git, git.stagedChanges(0), early, ex);
    assertThat(sc.patch()).contains("+small change").doesNotContain("a-dump.txt");
    assertThat(sc.files()).extracting(f -> f.path()).containsExactly("a-dump.txt", "z-small.txt");
  }

  @Test
  void aRenameOutOfAnExcludedDirectoryIsReadTheExactWay() {
    TestRepo repo = TestRepo.init(tmp, "repo");
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < 50; i++) {
      body.append("func f").append(i).append("() {}\n");
    }
    repo.commitFile("vendor/lib.go", body.toString(), "init");
    try {
      java.nio.file.Files.createDirectories(repo.dir.resolve("src"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    repo.git("mv", "vendor/lib.go", "src/lib.go");
    Git git = repo.gitApi();
    Exclusions ex = Exclusions.defaults(List.of());
    StagedPatch.Read early = StagedPatch.readExcludingGlobs(git, ex, StagedPatch.MAX_BYTES);
    assertThat(early.text()).contains("new file mode"); // git cannot pair what it does not see
    StagedChanges sc = StagedPatch.stagedChanges(git, git.stagedChanges(0), early, ex);
    assertThat(sc.patch()).contains("rename from vendor/lib.go").doesNotContain("new file mode");
  }

  @Test
  void caseInsensitivePathspecsMakeTheEarlyReadStepAside() {
    TestRepo repo = TestRepo.init(tmp, "repo");
    repo.commitFile("README.md", "# r\n", "init");
    repo.write("Y.LOCK", "x\n");
    repo.git("add", "-A");
    Git git = Git.open(repo.env().with("GIT_ICASE_PATHSPECS", "1"));
    Exclusions ex = Exclusions.defaults(List.of());
    assertThat(StagedPatch.readExcludingGlobs(git, ex, StagedPatch.MAX_BYTES).ok()).isFalse();
  }

  @Test
  void aFailedEarlyReadFallsBackToo() {
    TestRepo repo = TestRepo.init(tmp, "repo");
    repo.commitFile("README.md", "# r\n", "init");
    repo.write("b.txt", "b\n");
    repo.git("add", "-A");
    Git git = repo.gitApi();
    Exclusions ex = Exclusions.defaults(List.of());
    StagedChanges sc =
        StagedPatch.stagedChanges(
            git, git.stagedChanges(0), new StagedPatch.Read("", false, false), ex);
    assertThat(sc.patch()).contains("+b");
    assertThat(Optional.of(sc.truncated())).contains(false);
  }
}
