package dev.commitpolish.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Git} as the prepare-commit-msg hook sees it: real {@code git commit}, {@code cherry-pick},
 * {@code revert} and {@code rebase} run a real hook ({@link HookProbe}, a separate JVM) with the
 * environment git sets, and the probe reports what {@link Git} answered.
 */
class GitInHookTest {

  @TempDir Path tmp;
  TestRepo repo;
  Path out;

  @BeforeEach
  void setUp() throws IOException {
    repo = TestRepo.init(tmp, "repo");
    out = tmp.resolve("probe.txt");
    HookProbe.install(repo.dir.resolve(".git/hooks"));
  }

  /** Runs git with the probe's output file; {@code abort} makes the hook fail the commit. */
  private Map<String, String> probe(TestRepo where, boolean abort, String... args)
      throws IOException {
    Files.deleteIfExists(out);
    var extra = new HashMap<String, String>();
    extra.put("PROBE_OUT", out.toString());
    extra.put("PROBE_EXIT", abort ? "1" : "0");
    TestRepo.Result r = where.run(List.of(args), extra);
    assertThat(out).as("hook did not run: %s", r.err()).exists();
    if (!abort) {
      assertThat(r.exit()).as(r.err()).isZero();
    }
    return HookProbe.read(out);
  }

  private Path real(Path p) throws IOException {
    return p.toRealPath();
  }

  @Test
  void commitWithPathsSeesOnlyThoseChangesThroughTheTemporaryIndex() throws IOException {
    repo.commitFile("b.txt", "b\n", "init");
    repo.commitFile("c.txt", "c\n", "second");
    repo.write("c.txt", "c staged\n");
    repo.git("add", "c.txt");
    repo.write("b.txt", "b changed\n");

    Map<String, String> seen = probe(repo, true, "commit", "-m", "msg", "b.txt");
    assertThat(seen.get("files")).isEqualTo("M:b.txt");
    assertThat(seen.get("args")).isEqualTo(".git/COMMIT_EDITMSG message");
    assertThat(seen.get("state")).isEqualTo("NONE");
  }

  @Test
  void commitAllSeesUnstagedTrackedChanges() throws IOException {
    repo.commitFile("a.txt", "a\n", "init");
    repo.write("a.txt", "a changed\n");
    repo.write("untracked.txt", "u\n");
    Map<String, String> seen = probe(repo, true, "commit", "-a", "-m", "msg");
    assertThat(seen.get("files")).isEqualTo("M:a.txt");
  }

  @Test
  void theInitialCommitIsSeenAsSuch() throws IOException {
    repo.write("a.txt", "a\n");
    repo.git("add", "a.txt");
    Map<String, String> seen = probe(repo, false, "commit", "-m", "first");
    assertThat(seen.get("initial")).isEqualTo("true");
    assertThat(seen.get("files")).isEqualTo("A:a.txt");
    assertThat(seen.get("branch")).isEqualTo("main");
  }

  @Test
  void aLinkedWorktreeUsesItsOwnIndexAndTheSharedHooks() throws IOException {
    repo.commitFile("a.txt", "a\n", "init");
    Path wtDir = tmp.resolve("wt");
    repo.git("worktree", "add", "-q", "-b", "wt", wtDir.toString());
    TestRepo wt = repo.at(wtDir);
    wt.write("w.txt", "w\n");
    wt.git("add", "w.txt");
    repo.write("main-only.txt", "m\n");
    repo.git("add", "main-only.txt");

    Map<String, String> seen = probe(wt, true, "commit", "-m", "msg");
    assertThat(seen.get("files")).isEqualTo("A:w.txt");
    assertThat(seen.get("toplevel")).isEqualTo(real(wtDir).toString());
    assertThat(seen.get("gitdir"))
        .isEqualTo(real(repo.dir).resolve(".git/worktrees/wt").toString());
    assertThat(seen.get("hooks")).isEqualTo(real(repo.dir).resolve(".git/hooks").toString());
    assertThat(seen.get("branch")).isEqualTo("wt");
  }

  @Test
  void aCommitInsideASubmoduleSeesTheSubmodule() throws IOException {
    TestRepo src = TestRepo.init(tmp, "subsrc");
    src.commitFile("s.txt", "s\n", "sub init");
    repo.commitFile("a.txt", "a\n", "init");
    repo.git("submodule", "add", "-q", src.dir.toString(), "mod");
    repo.git("commit", "-q", "-m", "add submodule");
    Path modGitDir = real(repo.dir).resolve(".git/modules/mod");
    HookProbe.install(modGitDir.resolve("hooks"));

    TestRepo mod = repo.at(repo.dir.resolve("mod"));
    mod.write("s.txt", "s changed\n");
    mod.git("add", "s.txt");
    Map<String, String> seen = probe(mod, false, "commit", "-m", "in sub");
    assertThat(seen.get("files")).isEqualTo("M:s.txt");
    assertThat(seen.get("toplevel")).isEqualTo(real(repo.dir.resolve("mod")).toString());
    assertThat(seen.get("gitdir")).isEqualTo(modGitDir.toString());
    assertThat(seen.get("hooks")).isEqualTo(modGitDir.resolve("hooks").toString());

    // And from the superproject, the new submodule commit is a gitlink change.
    repo.git("add", "mod");
    Map<String, String> sup = probe(repo, true, "commit", "-m", "bump");
    assertThat(sup.get("files")).isEqualTo("M:mod:sub");
  }

  @Test
  void aHooksPathDirectoryIsWhereGitRunsTheHookFrom() throws IOException {
    repo.commitFile("a.txt", "a\n", "init");
    Files.delete(repo.dir.resolve(".git/hooks/prepare-commit-msg"));
    HookProbe.install(repo.dir.resolve(".githooks"));
    repo.git("config", "core.hooksPath", ".githooks");
    repo.write("a.txt", "b\n");
    Map<String, String> seen = probe(repo, true, "commit", "-am", "msg");
    assertThat(seen.get("hooks")).isEqualTo(real(repo.dir).resolve(".githooks").toString());
  }

  @Test
  void inProcessCherryPickRevertAndRebasePicksAreDetected() throws IOException {
    repo.commitFile("a.txt", "a\n", "init");
    repo.git("checkout", "-q", "-b", "topic");
    repo.commitFile("t.txt", "t\n", "topic");
    repo.git("checkout", "-q", "-b", "other", "main");
    repo.commitFile("o.txt", "o\n", "other");
    repo.git("checkout", "-q", "main");
    repo.commitFile("m.txt", "m\n", "main");

    Map<String, String> pick = probe(repo, false, "cherry-pick", "topic");
    assertThat(pick.get("args")).isEqualTo(".git/COMMIT_EDITMSG message");
    assertThat(pick.get("state")).isEqualTo("CHERRY_PICK");

    Map<String, String> revert = probe(repo, false, "revert", "--no-edit", "HEAD");
    assertThat(revert.get("args")).isEqualTo(".git/COMMIT_EDITMSG message");
    assertThat(revert.get("state")).isEqualTo("REVERT");

    Map<String, String> range = probe(repo, false, "revert", "--no-edit", "HEAD~2..HEAD");
    assertThat(range.get("state")).isEqualTo("REVERT");

    repo.git("checkout", "-q", "other");
    Map<String, String> rebase = probe(repo, false, "rebase", "main");
    assertThat(rebase.get("args")).isEqualTo(".git/COMMIT_EDITMSG message");
    assertThat(rebase.get("state")).isEqualTo("REBASE");
    assertThat(rebase.get("branch")).isEmpty();
  }

  @Test
  void anAutomaticMergeCommitIsAMerge() throws IOException {
    repo.commitFile("a.txt", "a\n", "init");
    repo.git("checkout", "-q", "-b", "topic");
    repo.commitFile("t.txt", "t\n", "topic");
    repo.git("checkout", "-q", "main");
    repo.commitFile("m.txt", "m\n", "main");
    Map<String, String> seen = probe(repo, false, "merge", "--no-ff", "--no-edit", "topic");
    assertThat(seen.get("args")).isEqualTo(".git/MERGE_MSG merge");
    assertThat(seen.get("state")).isEqualTo("MERGE");
  }

  @Test
  void autoCommentCharIsRecoveredFromTheFileGitWrote() throws IOException {
    repo.commitFile("a.txt", "a\n", "init");
    repo.git("config", "core.commentChar", "auto");
    repo.write("a.txt", "b\n");
    repo.git("add", "a.txt");
    Path msg = repo.write("../msg.txt", "#1 is fixed\n");
    Map<String, String> seen =
        probe(repo.withEnv("GIT_EDITOR", "true"), true, "commit", "-e", "-F", msg.toString());
    assertThat(seen.get("messageHasSemicolonComment")).isEqualTo("true");
    assertThat(seen.get("comment")).isEqualTo(";");
  }
}
