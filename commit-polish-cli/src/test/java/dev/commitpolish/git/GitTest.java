package dev.commitpolish.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.commitpolish.cli.Env;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitTest {

  @TempDir Path tmp;
  TestRepo repo;

  @BeforeEach
  void setUp() {
    repo = TestRepo.init(tmp, "repo");
  }

  private Path real(Path p) throws IOException {
    return p.toRealPath();
  }

  @Test
  void layoutFromASubdirectory() throws IOException {
    repo.commitFile("sub/a.txt", "a\n", "init");
    Git git = Git.open(repo.env().in(repo.dir.resolve("sub")));
    assertThat(git.isInsideWorkTree()).isTrue();
    assertThat(git.topLevel()).isEqualTo(real(repo.dir));
    assertThat(git.gitDir()).isEqualTo(real(repo.dir.resolve(".git")));
    assertThat(git.commonDir()).isEqualTo(real(repo.dir.resolve(".git")));
    assertThat(git.gitPath("hooks")).isEqualTo(real(repo.dir).resolve(".git/hooks"));
  }

  @Test
  void gitPathHooksHonoursARelativeCoreHooksPath() throws IOException {
    repo.commitFile("sub/a.txt", "a\n", "init");
    repo.git("config", "core.hooksPath", ".githooks");
    Git git = Git.open(repo.env().in(repo.dir.resolve("sub")));
    assertThat(git.gitPath("hooks")).isEqualTo(real(repo.dir).resolve(".githooks"));
  }

  @Test
  void linkedWorktreeHasItsOwnGitDirButSharesCommonDirAndHooks() throws IOException {
    repo.commitFile("a.txt", "a\n", "init");
    repo.git("worktree", "add", "-q", "-b", "wt", tmp.resolve("wt").toString());
    Git git = Git.open(repo.at(tmp.resolve("wt")).env());
    assertThat(git.topLevel()).isEqualTo(real(tmp.resolve("wt")));
    assertThat(git.gitDir()).isEqualTo(real(repo.dir).resolve(".git/worktrees/wt"));
    assertThat(git.commonDir()).isEqualTo(real(repo.dir).resolve(".git"));
    assertThat(git.gitPath("hooks")).isEqualTo(real(repo.dir).resolve(".git/hooks"));
    assertThat(git.branch()).contains("wt");
  }

  @Test
  void outsideARepositoryCommandsFailWithGitsReason() throws IOException {
    Path plain = Files.createDirectories(tmp.resolve("plain"));
    var vars = new HashMap<>(repo.vars);
    vars.put("GIT_CEILING_DIRECTORIES", tmp.toString());
    Git git = Git.open(new Env(vars, plain));
    assertThat(git.isInsideWorkTree()).isFalse();
    assertThatThrownBy(git::topLevel)
        .isInstanceOfSatisfying(
            GitException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(128);
              assertThat(e.stderr()).contains("not a git repository");
              assertThat(e.command()).endsWith("rev-parse", "--show-toplevel");
              assertThat(e.getMessage())
                  .startsWith("git rev-parse --show-toplevel failed (exit 128): fatal: not a git");
            });
  }

  @Test
  void gitDirAndWorkTreeFromTheEnvironmentAreHonoured() throws IOException {
    repo.commitFile("a.txt", "a\n", "init");
    Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
    Env env =
        new Env(repo.vars, elsewhere)
            .with("GIT_DIR", repo.dir.resolve(".git").toString())
            .with("GIT_WORK_TREE", repo.dir.toString());
    Git git = Git.open(env);
    assertThat(git.topLevel()).isEqualTo(real(repo.dir));
    assertThat(git.recentSubjects(5)).containsExactly("init");
  }

  @Test
  void theGitOnTheEnvironmentsPathIsTheOneThatRuns() throws IOException {
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path fake = Files.writeString(bin.resolve("git"), "#!/bin/sh\necho fake git \"$@\"\n");
    fake.toFile().setExecutable(true);
    Git git = Git.open(repo.env().with("PATH", bin + ":" + repo.vars.get("PATH")));
    assertThat(git.run("version").line()).isEqualTo("fake git version");
  }

  @Test
  void aGitInsideTheRepositoryIsNeverPickedFromARelativePathEntry() throws IOException {
    Path fake = repo.write("git", "#!/bin/sh\necho planted\n");
    fake.toFile().setExecutable(true);
    Git git = Git.open(repo.env().with("PATH", ".:" + repo.vars.get("PATH")));
    assertThat(git.run("version").line()).startsWith("git version ");
  }

  @Test
  void stagedChangesListEveryStatusWithCountsBinaryAndLossyText() {
    repo.write("a.txt", "one\ntwo\n");
    repo.write("b.txt", "bee\n");
    repo.write("c.txt", "a fairly long line so that rename detection is sure\nsecond line\n");
    repo.git("add", ".");
    repo.git("commit", "-q", "-m", "init");
    repo.write("a.txt", "one\nTWO\nthree\n");
    repo.git("rm", "-q", "b.txt");
    repo.git("mv", "c.txt", "d.txt");
    repo.write("e.txt", "new\n");
    repo.write("f.bin", new byte[] {0, 1, 2, 3, (byte) 0xff, 0});
    repo.write("g.txt", "caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
    repo.write("h é.txt", "unicode name\n");
    repo.git("add", "a.txt", "e.txt", "f.bin", "g.txt", "h é.txt");
    repo.write("unstaged.txt", "not staged\n");

    StagedChanges sc = repo.gitApi().stagedChanges();
    assertThat(sc.initialCommit()).isFalse();
    assertThat(sc.truncated()).isFalse();
    assertThat(sc.files())
        .containsExactly(
            new FileChange("a.txt", "a.txt", 'M', 2, 1, false),
            new FileChange("b.txt", "b.txt", 'D', 0, 1, false),
            new FileChange("d.txt", "c.txt", 'R', 0, 0, false),
            new FileChange("e.txt", "e.txt", 'A', 1, 0, false),
            new FileChange("f.bin", "f.bin", 'A', 0, 0, true),
            new FileChange("g.txt", "g.txt", 'A', 1, 0, false),
            new FileChange("h é.txt", "h é.txt", 'A', 1, 0, false));
    assertThat(sc.files().get(2).moved()).isTrue();
    assertThat(sc.patch())
        .contains("diff --git a/a.txt b/a.txt")
        .contains("rename from c.txt")
        .contains("Binary files /dev/null and b/f.bin differ")
        .contains("+caf\uFFFD")
        .contains("diff --git a/h é.txt b/h é.txt")
        .doesNotContain("unstaged");
  }

  @Test
  void theUsersDiffConfigDoesNotChangeThePatchFormat() {
    repo.commitFile("a.txt", "a\n", "init");
    repo.git("config", "diff.noprefix", "true");
    repo.git("config", "color.diff", "always");
    repo.git("config", "diff.external", "false");
    repo.write("a.txt", "b\n");
    repo.git("add", "a.txt");
    String patch = repo.gitApi().stagedChanges().patch();
    assertThat(patch).startsWith("diff --git a/a.txt b/a.txt\n").doesNotContain("\u001b[");
  }

  @Test
  void theInitialCommitDiffsAgainstNothing() {
    repo.write("a.txt", "hello\n");
    repo.git("add", "a.txt");
    Git git = repo.gitApi();
    StagedChanges sc = git.stagedChanges();
    assertThat(sc.initialCommit()).isTrue();
    assertThat(sc.files()).containsExactly(new FileChange("a.txt", null, 'A', 1, 0, false));
    assertThat(sc.patch()).contains("+hello");
    assertThat(git.hasHead()).isFalse();
    assertThat(git.branch()).contains("main");
    assertThat(git.recentSubjects(5)).isEmpty();
  }

  @Test
  void nothingStagedIsEmpty() {
    repo.commitFile("a.txt", "a\n", "init");
    StagedChanges sc = repo.gitApi().stagedChanges();
    assertThat(sc.isEmpty()).isTrue();
    assertThat(sc.patch()).isEmpty();
  }

  @Test
  void aHugePatchIsCutAtALineWithinTheLimitWhileTheFileListStaysComplete() {
    repo.commitFile("small.txt", "a\n", "init");
    var big = new StringBuilder();
    for (int i = 0; i < 60_000; i++) {
      big.append("line number ").append(i).append(" with some padding text\n");
    }
    repo.write("big.txt", big.toString()); // ~2.2 MB
    repo.write("small.txt", "b\n");
    repo.git("add", ".");

    StagedChanges sc = repo.gitApi().stagedChanges(100_000);
    assertThat(sc.truncated()).isTrue();
    assertThat(sc.patch().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(100_000);
    assertThat(sc.patch()).endsWith("\n").startsWith("diff --git a/big.txt b/big.txt");
    assertThat(sc.files())
        .containsExactly(
            new FileChange("big.txt", null, 'A', 60_000, 0, false),
            new FileChange("small.txt", null, 'M', 1, 1, false));
    assertThat(sc.linesAdded()).isEqualTo(60_001);
  }

  @Test
  void aZeroPatchLimitListsTheFilesWithoutReadingAPatch() {
    repo.commitFile("small.txt", "a\n", "init");
    repo.write("small.txt", "b\n");
    repo.write("new.txt", "x\ny\n");
    repo.git("add", ".");

    StagedChanges sc = repo.gitApi().stagedChanges(0);

    assertThat(sc.patch()).isEmpty();
    assertThat(sc.truncated()).isTrue();
    assertThat(sc.files())
        .containsExactly(
            new FileChange("new.txt", null, 'A', 2, 0, false),
            new FileChange("small.txt", null, 'M', 1, 1, false));
  }

  @Test
  void aTwelveMegabyteDiffIsReadOnlyUpToTheDefaultLimit() {
    repo.commitFile("small.txt", "a\n", "init");
    var line = "0123456789abcdef".repeat(7) + "\n"; // 113 bytes
    repo.write("huge.txt", line.repeat(110_000)); // ~12.4 MB
    repo.git("add", "huge.txt");
    StagedChanges sc = repo.gitApi().stagedChanges();
    assertThat(sc.truncated()).isTrue();
    assertThat((long) sc.patch().length())
        .isBetween(Git.DEFAULT_PATCH_LIMIT - 200, Git.DEFAULT_PATCH_LIMIT);
    assertThat(sc.files())
        .containsExactly(new FileChange("huge.txt", null, 'A', 110_000, 0, false));
  }

  @Test
  void submoduleChangesAreMarkedAndSummarised() {
    TestRepo sub = TestRepo.init(tmp, "subsrc");
    sub.commitFile("s.txt", "s\n", "sub init");
    repo.commitFile("a.txt", "a\n", "init");
    repo.git("submodule", "add", "-q", sub.dir.toString(), "mod");
    StagedChanges added = repo.gitApi().stagedChanges();
    assertThat(added.files())
        .containsExactly(
            new FileChange(".gitmodules", null, 'A', 3, 0, false, false),
            new FileChange("mod", null, 'A', 1, 0, false, true));
    repo.git("commit", "-q", "-m", "add submodule");

    TestRepo inner = repo.at(repo.dir.resolve("mod"));
    inner.commitFile("s.txt", "s2\n", "sub change");
    repo.git("add", "mod");
    StagedChanges moved = repo.gitApi().stagedChanges();
    assertThat(moved.files()).containsExactly(new FileChange("mod", null, 'M', 1, 1, false, true));
    assertThat(moved.patch()).contains("-Subproject commit ").contains("+Subproject commit ");
  }

  @Test
  void anAlternativeIndexFileIsWhatGetsDiffed() {
    repo.commitFile("a.txt", "a\n", "init");
    repo.write("b.txt", "b\n");
    repo.git("add", "b.txt"); // staged in the default index only
    Path alt = repo.dir.resolve(".git/alt-index");
    Map<String, String> altEnv = Map.of("GIT_INDEX_FILE", alt.toString());
    assertThat(repo.run(List.of("read-tree", "HEAD"), altEnv).exit()).isZero();
    repo.write("c.txt", "c\n");
    assertThat(repo.run(List.of("add", "c.txt"), altEnv).exit()).isZero();

    Git git = Git.open(repo.env().with("GIT_INDEX_FILE", alt.toString()));
    assertThat(git.stagedChanges().files()).extracting(FileChange::path).containsExactly("c.txt");
    assertThat(repo.gitApi().stagedChanges().files())
        .extracting(FileChange::path)
        .containsExactly("b.txt");
  }

  @Test
  void stateIsNoneWithoutAnOperation() {
    repo.commitFile("a.txt", "a\n", "init");
    assertThat(repo.gitApi().state()).isEqualTo(RepoState.NONE);
  }

  /** main and topic both change a.txt: any replay of topic onto main conflicts. */
  private void divergingBranches() {
    repo.commitFile("a.txt", "base\n", "init");
    repo.git("checkout", "-q", "-b", "topic");
    repo.commitFile("a.txt", "topic\n", "topic change");
    repo.git("checkout", "-q", "main");
    repo.commitFile("a.txt", "main\n", "main change");
  }

  @Test
  void stateDetectsAConflictedMerge() {
    divergingBranches();
    assertThat(repo.run(List.of("merge", "topic"), Map.of()).exit()).isNotZero();
    assertThat(repo.gitApi().state()).isEqualTo(RepoState.MERGE);
  }

  @Test
  void stateDetectsAConflictedCherryPick() {
    divergingBranches();
    assertThat(repo.run(List.of("cherry-pick", "topic"), Map.of()).exit()).isNotZero();
    assertThat(repo.gitApi().state()).isEqualTo(RepoState.CHERRY_PICK);
  }

  @Test
  void stateDetectsAConflictedRevert() {
    divergingBranches();
    assertThat(repo.run(List.of("revert", "--no-edit", "HEAD~1"), Map.of()).exit()).isNotZero();
    assertThat(repo.gitApi().state()).isEqualTo(RepoState.REVERT);
  }

  @Test
  void stateDetectsAStoppedRebaseOfEitherBackend() {
    divergingBranches();
    repo.git("checkout", "-q", "topic");
    assertThat(repo.run(List.of("rebase", "main"), Map.of()).exit()).isNotZero();
    assertThat(repo.dir.resolve(".git/rebase-merge")).isDirectory();
    assertThat(repo.gitApi().state()).isEqualTo(RepoState.REBASE);
    repo.git("rebase", "--abort");

    assertThat(repo.run(List.of("rebase", "--apply", "main"), Map.of()).exit()).isNotZero();
    assertThat(repo.dir.resolve(".git/rebase-apply")).isDirectory();
    assertThat(repo.gitApi().state()).isEqualTo(RepoState.REBASE);
  }

  @Test
  void commentStringDefaultsToHashAndFollowsCoreCommentChar() {
    repo.commitFile("a.txt", "a\n", "init");
    Git git = repo.gitApi();
    assertThat(git.commentString()).isEqualTo("#");
    repo.git("config", "core.commentChar", ";");
    assertThat(git.commentString()).isEqualTo(";");
    assertThat(git.commentString("anything\n")).isEqualTo(";");
  }

  @Test
  void commentStringIsHonouredOnlyByGitsThatKnowIt() {
    repo.commitFile("a.txt", "a\n", "init");
    Git git = repo.gitApi();
    repo.git("config", "core.commentString", "//");
    assertThat(git.commentString()).isEqualTo(git.versionAtLeast(2, 45) ? "//" : "#");
    // git reads both keys into one setting: the last one in config order wins.
    repo.git("config", "core.commentChar", "%");
    assertThat(git.commentString()).isEqualTo("%");
  }

  @Test
  void autoCommentCharIsRecomputedFromTheMessage() {
    repo.commitFile("a.txt", "a\n", "init");
    repo.git("config", "core.commentChar", "auto");
    Git git = repo.gitApi();
    assertThat(git.commentString()).isEqualTo("#");
    assertThat(git.commentString("fix: x\n\n# Please enter\n#\n# On branch main\n")).isEqualTo("#");
    assertThat(git.commentString("#1 fix the bug\n\n; Please enter the message\n;\n; On main\n"))
        .isEqualTo(";");
  }

  @Test
  void autoCommentCharFollowsGitsCandidateOrder() {
    assertThat(Git.autoCommentChar("plain\n")).isEqualTo("#");
    assertThat(Git.autoCommentChar("#a\n;b\n")).isEqualTo("@");
    assertThat(Git.autoCommentChar("#a\n;b\n@c\n\n! status\n!\n")).isEqualTo("!");
    // A trailing ";" line without git's bare comment line is message text (-m), not comments.
    assertThat(Git.autoCommentChar("#1 fix\n\n; not a comment\n")).isEqualTo("@");
    // The verbose diff below the scissors line is not part of the message.
    assertThat(
            Git.autoCommentChar(
                "fix\n# ------------------------ >8 ------------------------\n;diff\n"))
        .isEqualTo("#");
  }

  @Test
  void branchIsEmptyWhenHeadIsDetached() {
    repo.commitFile("a.txt", "a\n", "init");
    Git git = repo.gitApi();
    assertThat(git.branch()).contains("main");
    repo.git("checkout", "-q", "--detach");
    // An instance remembers the layout it read; a changed HEAD needs a new one.
    assertThat(git.branch()).contains("main");
    Git fresh = repo.gitApi();
    assertThat(fresh.branch()).isEmpty();
    assertThat(fresh.hasHead()).isTrue();
  }

  @Test
  void oneRevParseAnswersGitDirTopLevelHeadAndBranch() throws IOException {
    repo.commitFile("a.txt", "a\n", "init");
    repo.git("checkout", "-q", "-b", "feature/ABC-12-login");
    Path trace = tmp.resolve("trace.log");
    Git git = Git.open(repo.env().with("GIT_TRACE", trace.toString())).prefetchLayout();
    assertThat(git.gitDir()).isEqualTo(real(repo.dir.resolve(".git")));
    assertThat(git.topLevel()).isEqualTo(real(repo.dir));
    assertThat(git.hasHead()).isTrue();
    assertThat(git.branch()).contains("feature/ABC-12-login");
    List<String> commands =
        Files.readAllLines(trace).stream().filter(l -> l.contains("trace: built-in: git")).toList();
    assertThat(commands).hasSize(1);
    assertThat(commands.get(0))
        .endsWith("git rev-parse --absolute-git-dir --show-toplevel --symbolic-full-name HEAD --");
  }

  @Test
  void onlyTheExactShapesOfTheLayoutAnswerAreTrusted() {
    List<String> cmd = List.of("git", "rev-parse");
    Git.Layout born =
        Git.Layout.parse(new GitResult(cmd, 0, "/r/.git\n/r\nrefs/heads/main\n--\n", "", false));
    assertThat(born).isEqualTo(new Git.Layout("/r/.git", "/r", true, true, "refs/heads/main"));
    Git.Layout unborn =
        Git.Layout.parse(
            new GitResult(cmd, 128, "/r/.git\n/r\n", "fatal: bad revision 'HEAD'\n", false));
    assertThat(unborn).isEqualTo(new Git.Layout("/r/.git", "/r", true, false, null));
    // older gits print nothing for --show-toplevel outside a work tree and exit 0
    Git.Layout shifted =
        Git.Layout.parse(new GitResult(cmd, 0, "/r.git\nrefs/heads/main\n--\n", "", false));
    assertThat(shifted).isEqualTo(new Git.Layout("/r.git", null, false, false, null));
    Git.Layout none = Git.Layout.parse(new GitResult(cmd, 128, "", "fatal: not a git", false));
    assertThat(none).isEqualTo(new Git.Layout(null, null, false, false, null));
  }

  @Test
  void aFileNamedHeadIsNotTakenForTheCommitOnAnUnbornBranch() {
    repo.write("HEAD", "not a ref\n");
    repo.git("add", "HEAD");
    Git git = repo.gitApi();
    assertThat(git.hasHead()).isFalse();
    assertThat(git.branch()).contains("main");
    assertThat(git.stagedChanges().initialCommit()).isTrue();
    repo.git("commit", "-q", "-m", "init");
    repo.git("checkout", "-q", "--detach");
    Git detached = repo.gitApi();
    assertThat(detached.hasHead()).isTrue();
    assertThat(detached.branch()).isEmpty();
  }

  @Test
  void aBareRepositoryHasAGitDirButNoWorkTree() throws IOException {
    Path bare = tmp.resolve("bare.git");
    repo.git("init", "-q", "--bare", bare.toString());
    Git git = Git.open(new Env(repo.vars, bare));
    assertThat(git.gitDir()).isEqualTo(real(bare));
    assertThatThrownBy(git::topLevel)
        .isInstanceOfSatisfying(
            GitException.class, e -> assertThat(e.stderr()).contains("work tree"));
  }

  @Test
  void configEntriesReadSeveralKeysInOneCallInGitsOrder() {
    repo.git("config", "--global", "core.commentChar", ";");
    repo.git("config", "core.commentChar", "%");
    repo.git("config", "commit-polish.enabled", "off");
    Git git = repo.gitApi();
    List<Git.ConfigEntry> entries =
        git.configEntries("^(commit-polish\\.enabled|core\\.comment(char|string))$");
    assertThat(entries)
        .containsExactly(
            new Git.ConfigEntry("core.commentchar", Optional.of(";")),
            new Git.ConfigEntry("core.commentchar", Optional.of("%")),
            new Git.ConfigEntry("commit-polish.enabled", Optional.of("off")));
    assertThat(git.commentString(entries, "fix\n")).isEqualTo("%");
    assertThat(git.configEntries("^no\\.such$")).isEmpty();
  }

  @Test
  void aKeyWithoutAValueHasNoneAndReadsAsTrue() throws IOException {
    Files.writeString(
        repo.dir.resolve(".git/config"),
        "[commit-polish]\n\tenabled\n[core]\n\tcommentChar =\n",
        java.nio.file.StandardOpenOption.APPEND);
    List<Git.ConfigEntry> entries =
        repo.gitApi().configEntries("^(commit-polish\\.enabled|core\\.commentchar)$");
    assertThat(entries)
        .containsExactly(
            new Git.ConfigEntry("commit-polish.enabled", Optional.empty()),
            new Git.ConfigEntry("core.commentchar", Optional.of("")));
    assertThat(Git.parseBool(entries.get(0).value())).contains(true);
    // git itself agrees on both
    assertThat(repo.git("config", "--type=bool", "--get", "commit-polish.enabled").strip())
        .isEqualTo("true");
  }

  @Test
  void booleansAreParsedAsGitParsesThem() {
    for (String t : List.of("true", "TRUE", "yes", "On", "1", "42", "-1")) {
      assertThat(Git.parseBool(Optional.of(t))).as(t).contains(true);
      assertThat(repo.git("-c", "x.y=" + t, "config", "--type=bool", "--get", "x.y").strip())
          .as("git on " + t)
          .isEqualTo("true");
    }
    for (String f : List.of("false", "No", "OFF", "0", "")) {
      assertThat(Git.parseBool(Optional.of(f))).as(f).contains(false);
      assertThat(repo.git("-c", "x.y=" + f, "config", "--type=bool", "--get", "x.y").strip())
          .as("git on '" + f + "'")
          .isEqualTo("false");
    }
    assertThat(Git.parseBool(Optional.of("maybe"))).isEmpty();
  }

  @Test
  void recentSubjectsAreNewestFirstWithoutMerges() {
    assertThat(repo.gitApi().recentSubjects(3)).isEmpty();
    repo.commitFile("a.txt", "1\n", "feat: one");
    repo.git("checkout", "-q", "-b", "side");
    repo.commitFile("b.txt", "1\n", "fix(b): side");
    repo.git("checkout", "-q", "main");
    repo.commitFile("a.txt", "2\n", "feat: two");
    repo.git("merge", "-q", "--no-ff", "-m", "Merge branch 'side'", "side");
    Git git = repo.gitApi();
    assertThat(git.recentSubjects(2)).containsExactly("feat: two", "fix(b): side");
    assertThat(git.recentSubjects(10)).containsExactly("feat: two", "fix(b): side", "feat: one");
    assertThat(git.recentSubjects(0)).isEmpty();
  }

  @Test
  void configReadsValuesAndBooleans() {
    Git git = repo.gitApi();
    assertThat(git.config("commit-polish.enabled")).isEmpty();
    assertThat(git.configBool("commit-polish.enabled")).isEmpty();
    repo.git("config", "commit-polish.enabled", "off");
    assertThat(git.config("commit-polish.enabled")).contains("off");
    assertThat(git.configBool("commit-polish.enabled")).contains(false);
    repo.git("config", "commit-polish.enabled", "yes");
    assertThat(git.configBool("commit-polish.enabled")).contains(true);
    repo.git("config", "commit-polish.enabled", "maybe");
    assertThatThrownBy(() -> git.configBool("commit-polish.enabled"))
        .isInstanceOf(GitException.class)
        .hasMessageContaining("commit-polish.enabled");
  }

  @Test
  void aCommandThatOutlivesItsTimeoutIsStopped() {
    Git git = repo.gitApi().withTimeout(Duration.ofMillis(300));
    long start = System.nanoTime();
    assertThatThrownBy(() -> git.run("-c", "alias.slow=!sleep 20", "slow"))
        .isInstanceOfSatisfying(
            GitException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(GitException.NO_EXIT);
              assertThat(e.getMessage()).contains("timed out");
            });
    // Generous bound: the point is that we did not wait for the 20 s sleep.
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void anAttachedRunCopiesBothStreamsAndTakesExtraVariables() {
    var out = new java.io.ByteArrayOutputStream();
    var err = new java.io.ByteArrayOutputStream();
    int code =
        repo.gitApi()
            .runAttached(
                List.of("-c", "alias.both=!echo to-out:$CP_X; echo to-err >&2; exit 3", "both"),
                Map.of("CP_X", "42"),
                out,
                err);
    assertThat(code).isEqualTo(3);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("to-out:42\n");
    assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("to-err\n");
  }

  @Test
  void runReturnsFailuresAndOrThrowTurnsThemIntoExceptions() {
    GitResult r = repo.gitApi().run("rev-parse", "--verify", "-q", "no-such-ref");
    assertThat(r.ok()).isFalse();
    assertThat(r.exitCode()).isEqualTo(1);
    assertThatThrownBy(r::orThrow).isInstanceOf(GitException.class);
  }
}
