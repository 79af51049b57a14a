package dev.commitpolish.hook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.commitpolish.cli.Env;
import dev.commitpolish.cli.Main;
import dev.commitpolish.standin.Profile;
import dev.commitpolish.standin.RecordedRequest;
import dev.commitpolish.standin.StandInServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way of committing from git-hooks-and-commitlint.md §1.2, with the real {@code git commit}
 * running the real hook in its own JVM and the server stand-in as the model.
 */
class HookEndToEndTest {

  static final String REPLY = "fix(auth): refresh the login token";
  static StandInServer server;

  @TempDir Path tmp;
  Repo repo;

  @BeforeAll
  static void startServer() {
    server =
        StandInServer.builder()
            .profile(Profile.LLAMAFILE_0_9)
            .port(0)
            .nCtx(4096)
            .reply(REPLY)
            .start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @BeforeEach
  void setUp() throws IOException {
    server.setReply(REPLY);
    server.clearRequests();
    Map<String, String> env = Repo.baseEnv(tmp.resolve("home"));
    env.put("COMMIT_POLISH_API_BASE", server.baseUrl());
    Path config = tmp.resolve("config.toml");
    Files.writeString(config, "[hook]\ndeadline_seconds = 15\n");
    env.put("COMMIT_POLISH_CONFIG", config.toString());
    customize(env);
    repo = Repo.init(tmp.resolve("repo"), env);
  }

  /** For subclasses: how the hook runs (the environment reaches every repository made here). */
  void customize(Map<String, String> env) {}

  private void stage(String path, String content) {
    repo.write(path, content);
    repo.ok("add", path);
  }

  private static void assertOneLine(Repo.Run r, String startsWith) {
    assertThat(r.errLines()).as("stderr of git commit").hasSize(1);
    assertThat(r.errLines().get(0)).startsWith("commit-polish: " + startsWith);
  }

  private List<RecordedRequest> chats() {
    return server.requests("/v1/chat/completions");
  }

  @Test
  void plainCommitWithEditorGetsTheModelsMessage() {
    stage("src/auth/Login.java", "class Login { int token = 2; }\n");
    Repo.Run r = repo.git("commit", "-q");
    assertThat(r.exit()).isZero();
    assertThat(repo.headMessage()).isEqualTo(REPLY);
    assertOneLine(r, "polished with llamafile/gemma-3-3b");
    assertThat(chats()).hasSize(1);
    assertThat(chats().get(0).body())
        .contains("src/auth/Login.java")
        .contains("\"cache_prompt\":true");
  }

  @Test
  void messageFromDashMIsPolished() {
    stage("src/auth/Login.java", "class Login {}\n");
    Repo.Run r = repo.git("commit", "-q", "-m", "fixed the login thing");
    assertThat(repo.headMessage()).isEqualTo(REPLY);
    assertOneLine(r, "polished");
    assertThat(chats().get(0).body()).contains("fixed the login thing");
  }

  @Test
  void messageFromDashFIsPolished() throws IOException {
    stage("a.txt", "a\n");
    Path f = tmp.resolve("msg.txt");
    Files.writeString(f, "fixed the login thing\n");
    Repo.Run r = repo.git("commit", "-q", "-F", f.toString());
    assertThat(repo.headMessage()).isEqualTo(REPLY);
    assertOneLine(r, "polished");
  }

  @Test
  void templateIsPolished() throws IOException {
    stage("a.txt", "a\n");
    Path t = tmp.resolve("template.txt");
    Files.writeString(t, "fixed the login thing\n# explain why\n");
    Repo.Run r = repo.git("commit", "-q", "-t", t.toString());
    assertThat(r.exit()).isZero();
    assertThat(repo.headMessage()).isEqualTo(REPLY);
    assertOneLine(r, "polished");
  }

  @Test
  void verboseCommitKeepsTheScissorsSectionOutOfTheMessage() {
    stage("a.txt", "a\n");
    Repo.Run r = repo.git("commit", "-q", "-v");
    assertThat(r.exit()).isZero();
    assertThat(repo.headMessage()).isEqualTo(REPLY);
    assertOneLine(r, "polished");
  }

  @Test
  void amendWithoutNewMessageIsLeftAlone() {
    stage("a.txt", "a\n");
    repo.ok("commit", "-q", "-m", "fixed the login thing");
    server.setReply("feat: something else");
    stage("a.txt", "b\n");
    Repo.Run r = repo.git("commit", "-q", "--amend", "--no-edit");
    assertThat(repo.headMessage()).isEqualTo(REPLY);
    assertOneLine(r, "skipped (reusing HEAD's message");
  }

  @Test
  void amendWithANewDraftIsPolished() {
    stage("a.txt", "a\n");
    repo.ok("commit", "-q", "-m", "fixed the login thing");
    server.setReply("fix(auth): refresh the token twice");
    stage("a.txt", "b\n");
    Repo.Run r = repo.git("commit", "-q", "--amend", "-m", "fixed it again");
    assertThat(repo.headMessage()).isEqualTo("fix(auth): refresh the token twice");
    assertOneLine(r, "polished");
  }

  @Test
  void reusingAMessageWithDashCOrCapitalCIsLeftAlone() {
    stage("a.txt", "a\n");
    repo.ok("-c", "core.hooksPath=/dev/null", "commit", "-q", "-m", "docs: keep me as I am");
    String keep = repo.head();
    stage("b.txt", "b\n");
    Repo.Run big = repo.git("commit", "-q", "-C", keep);
    assertThat(repo.headMessage()).isEqualTo("docs: keep me as I am");
    assertOneLine(big, "skipped (reusing " + keep);
    stage("c.txt", "c\n");
    Repo.Run small = repo.git("commit", "-q", "-c", keep);
    assertThat(repo.headMessage()).isEqualTo("docs: keep me as I am");
    assertOneLine(small, "skipped (reusing");
    assertThat(chats()).isEmpty();
  }

  private void featureBranchWithCommit(String message) {
    repo.ok("checkout", "-q", "-b", "feature");
    stage("feature.txt", "feature\n");
    repo.ok("-c", "core.hooksPath=/dev/null", "commit", "-q", "-m", message);
    repo.ok("checkout", "-q", "main");
    stage("main.txt", "main\n");
    repo.ok("-c", "core.hooksPath=/dev/null", "commit", "-q", "-m", "chore: main moves on");
  }

  @Test
  void mergeCommitIsLeftAlone() {
    featureBranchWithCommit("wip feature");
    Repo.Run r = repo.git("merge", "-q", "--no-ff", "feature");
    assertThat(r.exit()).isZero();
    assertThat(repo.headMessage()).isEqualTo("Merge branch 'feature'");
    assertOneLine(r, "skipped (merge message)");
  }

  @Test
  void squashMergeCommitIsLeftAlone() {
    featureBranchWithCommit("wip feature");
    repo.ok("merge", "-q", "--squash", "feature");
    Repo.Run r = repo.git("commit", "-q");
    assertThat(r.exit()).isZero();
    assertThat(repo.headMessage())
        .startsWith("Squashed commit of the following:")
        .contains("wip feature");
    assertOneLine(r, "skipped (squash message)");
  }

  @Test
  void cherryPickIsLeftAlone() {
    featureBranchWithCommit("wip feature");
    String pick = repo.ok("rev-parse", "feature").out().strip();
    Repo.Run r = repo.git("cherry-pick", pick);
    assertThat(r.exit()).isZero();
    assertThat(repo.headMessage()).isEqualTo("wip feature");
    assertThat(r.errLines())
        .filteredOn(l -> l.startsWith("commit-polish:"))
        .containsExactly("commit-polish: skipped (cherry-pick in progress)");
  }

  @Test
  void rebaseRewordAndPicksAreLeftAlone() {
    stage("one.txt", "1\n");
    repo.ok("-c", "core.hooksPath=/dev/null", "commit", "-q", "-m", "wip one");
    stage("two.txt", "2\n");
    repo.ok("-c", "core.hooksPath=/dev/null", "commit", "-q", "-m", "wip two");
    Repo.Run r =
        repo.git(
            Map.of("GIT_SEQUENCE_EDITOR", "sed -i -e '1s/^pick/reword/'"),
            "rebase",
            "-q",
            "-i",
            "--force-rebase",
            "HEAD~2");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(repo.ok("log", "-2", "--format=%s").out()).isEqualTo("wip two\nwip one\n");
    List<String> hookLines =
        r.errLines().stream().filter(l -> l.startsWith("commit-polish:")).toList();
    assertThat(hookLines)
        .isNotEmpty()
        .allMatch(l -> l.equals("commit-polish: skipped (rebase in progress)"));
    assertThat(chats()).isEmpty();
  }

  @Test
  void revertIsLeftAlone() {
    stage("a.txt", "a\n");
    repo.ok("-c", "core.hooksPath=/dev/null", "commit", "-q", "-m", "feat: add a");
    String sha = repo.head();
    Repo.Run r = repo.git("revert", "--no-edit", "HEAD");
    assertThat(r.exit()).isZero();
    assertThat(repo.headMessage())
        .isEqualTo("Revert \"feat: add a\"\n\nThis reverts commit " + sha + ".");
    assertThat(r.errLines()).filteredOn(l -> l.startsWith("commit-polish:")).hasSize(1);
  }

  @Test
  void commitWithPathsSeesExactlyThosePaths() {
    stage("tracked.txt", "v1\n");
    repo.ok("-c", "core.hooksPath=/dev/null", "commit", "-q", "-m", "chore: track");
    stage("staged-elsewhere.txt", "c\n");
    repo.write("tracked.txt", "v2\n");
    Repo.Run r = repo.git("commit", "-q", "-m", "update tracked", "tracked.txt");
    assertThat(repo.headMessage()).isEqualTo(REPLY);
    assertOneLine(r, "polished");
    String body = chats().get(0).body();
    assertThat(body).contains("tracked.txt").doesNotContain("staged-elsewhere.txt");
  }

  @Test
  void commitAllSeesWorkingTreeChanges() {
    repo.write("README.md", "# demo\n\nmore words\n");
    Repo.Run r = repo.git("commit", "-q", "-a", "-m", "explain the demo");
    assertThat(repo.headMessage()).isEqualTo(REPLY);
    assertOneLine(r, "polished");
    assertThat(chats().get(0).body()).contains("README.md").contains("more words");
  }

  @Test
  void linkedWorktreeIsPolishedAndBacksUpUnderItsOwnGitDir() {
    repo.ok("worktree", "add", "-q", tmp.resolve("wt").toString(), "-b", "side");
    Repo wt = repo.at(tmp.resolve("wt"));
    wt.write("w.txt", "w\n");
    wt.ok("add", "w.txt");
    Repo.Run r = wt.git("commit", "-q", "-m", "fixed the login thing");
    assertThat(wt.headMessage()).isEqualTo(REPLY);
    assertOneLine(r, "polished");
    assertThat(repo.dir.resolve(".git/worktrees/wt/commit-polish/original"))
        .hasContent("fixed the login thing");
  }

  @Test
  void submoduleCommitIsPolished() {
    Repo lib = Repo.create(tmp.resolve("lib"), repo.env);
    repo.ok(
        "-c", "protocol.file.allow=always", "submodule", "add", "-q", lib.dir.toString(), "lib");
    repo.ok("-c", "core.hooksPath=/dev/null", "commit", "-q", "-m", "chore: add lib");
    repo.installHook(repo.dir.resolve(".git/modules/lib/hooks"), "");
    Repo sub = repo.at(repo.dir.resolve("lib"));
    sub.write("s.txt", "s\n");
    sub.ok("add", "s.txt");
    Repo.Run r = sub.git("commit", "-q", "-m", "fixed the login thing");
    assertThat(sub.headMessage()).isEqualTo(REPLY);
    assertOneLine(r, "polished");
    assertThat(chats().get(0).body()).contains("s.txt");
  }

  @Test
  void hooksInCoreHooksPathRun() {
    Repo plain = Repo.create(tmp.resolve("hp"), repo.env);
    plain.installHook(plain.dir.resolve(".githooks"), "");
    plain.ok("config", "core.hooksPath", ".githooks");
    plain.write("x.txt", "x\n");
    plain.ok("add", "x.txt");
    Repo.Run r = plain.git("commit", "-q", "-m", "fixed the login thing");
    assertThat(plain.headMessage()).isEqualTo(REPLY);
    assertOneLine(r, "polished");
  }

  @Test
  void killSwitchesLeaveTheMessageAndAskNoModel() {
    stage("a.txt", "a\n");
    Repo.Run env = repo.git(Map.of("COMMIT_POLISH_SKIP", "1"), "commit", "-q", "-m", "fixed it");
    assertThat(repo.headMessage()).isEqualTo("fixed it");
    assertOneLine(env, "skipped (COMMIT_POLISH_SKIP=1)");
    repo.ok("config", "commit-polish.enabled", "false");
    stage("b.txt", "b\n");
    Repo.Run cfg = repo.git("commit", "-q", "-m", "fixed it again");
    assertThat(repo.headMessage()).isEqualTo("fixed it again");
    assertOneLine(cfg, "skipped (git config commit-polish.enabled is false)");
    stage("c.txt", "c\n");
    Repo.Run noVerify = repo.git("commit", "-q", "--no-verify", "-m", "still skipped");
    assertOneLine(noVerify, "skipped");
    assertThat(chats()).isEmpty();
  }

  @Test
  void fixupCommitIsLeftAlone() {
    stage("a.txt", "a\n");
    repo.ok("-c", "core.hooksPath=/dev/null", "commit", "-q", "-m", "feat: add a");
    stage("a.txt", "b\n");
    Repo.Run r = repo.git("commit", "-q", "--fixup", "HEAD");
    assertThat(repo.headMessage()).isEqualTo("fixup! feat: add a");
    assertOneLine(r, "skipped (fixup! commit)");
  }

  @Test
  void signOffTrailerStaysLastAndUnchanged() {
    stage("a.txt", "a\n");
    Repo.Run r = repo.git("commit", "-q", "-s", "-m", "fixed the login thing");
    assertThat(repo.headMessage())
        .isEqualTo(REPLY + "\n\nSigned-off-by: Ann Author <ann@example.com>");
    assertOneLine(r, "polished");
  }

  @Test
  void conventionalDraftIsKeptAsWritten() {
    stage("a.txt", "a\n");
    Repo.Run r = repo.git("commit", "-q", "-m", "feat(ui): add a dark mode toggle");
    assertThat(repo.headMessage()).isEqualTo("feat(ui): add a dark mode toggle");
    assertOneLine(r, "skipped (message already follows the convention)");
    assertThat(chats()).isEmpty();
  }

  @Test
  void restorePrintsAndReinstatesTheOriginal() {
    stage("a.txt", "a\n");
    repo.ok("commit", "-q", "-m", "fixed the login thing");
    assertThat(repo.headMessage()).isEqualTo(REPLY);
    Env env = new Env(repo.env, repo.dir);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(new String[] {"restore"}, print(out), print(err), env);
    assertThat(code).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("fixed the login thing\n");
    code = Main.run(new String[] {"restore", "--apply"}, print(out), print(err), env);
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(repo.headMessage()).isEqualTo("fixed the login thing");
    // A second --apply refuses: HEAD no longer has the message the hook wrote.
    code = Main.run(new String[] {"restore", "--apply"}, print(out), print(err), env);
    assertThat(code).isEqualTo(1);
  }

  @Test
  void branchTicketAndHistoryReachThePrompt() {
    for (String s :
        List.of("feat(auth): add login", "fix(auth): handle expiry", "docs(api): explain tokens")) {
      stage("h" + s.length() + ".txt", s);
      repo.ok("-c", "core.hooksPath=/dev/null", "commit", "-q", "-m", s);
    }
    repo.ok("checkout", "-q", "-b", "feature/ABC-123-login");
    stage("a.txt", "a\n");
    repo.ok("commit", "-q", "-m", "fixed the login thing");
    Map<String, Object> json = chats().get(0).json();
    String all = String.valueOf(json.get("messages"));
    assertThat(all)
        .contains("ABC-123")
        .contains("fix(auth): handle expiry")
        .contains("Scopes commonly used here: auth");
  }

  private static PrintStream print(ByteArrayOutputStream b) {
    return new PrintStream(b, true, StandardCharsets.UTF_8);
  }
}
