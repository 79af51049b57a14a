package dev.commitpolish.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recipes in examples/hook-managers and the root .pre-commit-hooks.yaml, wired up with the real
 * husky, lefthook and pre-commit, and a real {@code git commit}: the fake launcher on PATH proves
 * which arguments commit-polish got, and the message proves its result was kept.
 */
class HookManagerRecipesTest {

  @TempDir Path tmp;
  Sandbox sb;
  Path repo;

  @BeforeEach
  void setUp() throws IOException {
    sb = new Sandbox(tmp);
    repo = sb.repo("repo");
    sb.put("PATH", sb.launcher.getParent() + ":" + sb.vars().get("PATH"));
  }

  @Test
  void huskyRecipePassesGitsArgumentsAndInstallPointsThere() throws IOException {
    Path tools = Tools.npmTools();
    Sandbox.Proc husky =
        sb.run(repo, List.of("node", tools.resolve("node_modules/husky/bin.js").toString()));
    assertThat(husky.exit()).as(husky.out() + husky.err()).isZero();
    assertThat(sb.git(repo, "config", "core.hooksPath").strip()).isEqualTo(".husky/_");
    Files.copy(
        Tools.example("husky/prepare-commit-msg"), repo.resolve(".husky/prepare-commit-msg"));
    Files.copy(Tools.example("husky/commit-msg"), repo.resolve(".husky/commit-msg"));

    assertRecipeWorks();

    Sandbox.Proc install = sb.cp(repo, "install");
    assertThat(install.exit()).isEqualTo(1);
    assertThat(install.err()).contains("managed by husky (core.hooksPath=.husky/_)");
  }

  @Test
  void lefthookRecipePassesGitsArgumentsAndInstallPointsThere() throws IOException {
    // The native binary from lefthook's platform package, not the node wrapper in .bin: the
    // generated hook calls `lefthook` on PATH for every hook, and node start-up adds up.
    Path bin = Tools.lefthookBinary().getParent();
    sb.put("PATH", bin + ":" + sb.vars().get("PATH"));
    Files.copy(Tools.example("lefthook/lefthook.yml"), repo.resolve("lefthook.yml"));
    Sandbox.Proc install = sb.run(repo, List.of(bin.resolve("lefthook").toString(), "install"));
    assertThat(install.exit()).as(install.out() + install.err()).isZero();

    assertRecipeWorks();

    Sandbox.Proc ours = sb.cp(repo, "install");
    assertThat(ours.exit()).isEqualTo(1);
    assertThat(ours.err()).contains("managed by lefthook").contains("lefthook.yml");
  }

  @Test
  void preCommitManifestAtTheRepoRootWorksAsARemoteHookRepository() throws IOException {
    Tools.require(Tools.hasPreCommit(), "pre-commit is not installed (apt-get install pre-commit)");
    Path hookRepo = sb.repo("hook-repo");
    Files.copy(
        Tools.repoRoot().resolve(".pre-commit-hooks.yaml"),
        hookRepo.resolve(".pre-commit-hooks.yaml"));
    sb.git(hookRepo, "add", ".pre-commit-hooks.yaml");
    sb.git(hookRepo, "-c", "core.hooksPath=/dev/null", "commit", "-q", "-m", "hooks");
    String rev = sb.git(hookRepo, "rev-parse", "HEAD").strip();
    Files.writeString(
        repo.resolve(".pre-commit-config.yaml"),
        "repos:\n  - repo: "
            + hookRepo
            + "\n    rev: "
            + rev
            + "\n    hooks:\n      - id: commit-polish\n      - id: commit-polish-lint\n");
    preCommitInstall(List.of("--hook-type", "prepare-commit-msg", "--hook-type", "commit-msg"));

    assertRecipeWorks();

    Sandbox.Proc ours = sb.cp(repo, "install");
    assertThat(ours.exit()).isEqualTo(1);
    assertThat(ours.err()).contains("managed by pre-commit");
  }

  @Test
  void preCommitExampleConfigWithALocalRepoWorks() throws IOException {
    Tools.require(Tools.hasPreCommit(), "pre-commit is not installed (apt-get install pre-commit)");
    Files.copy(
        Tools.example("pre-commit/.pre-commit-config.yaml"),
        repo.resolve(".pre-commit-config.yaml"));
    preCommitInstall(List.of());

    // The manifest test above covers amend and rejection; a plain commit proves this config.
    Sandbox.Proc c = sb.commit(repo, "-m", "add search");
    assertThat(c.exit()).as(c.out() + c.err()).isZero();
    assertThat(sb.lastMessage(repo)).isEqualTo("polished: add search");
    assertThat(sb.calls())
        .containsExactly(
            "commit-polish|hook|.git/COMMIT_EDITMSG|message",
            "commit-polish|lint|--edit|.git/COMMIT_EDITMSG");
  }

  private void preCommitInstall(List<String> args) {
    sb.put("PRE_COMMIT_HOME", tmp.resolve("pre-commit-home").toString());
    // pre-commit refuses to run with an unstaged config: commit it without hooks first.
    sb.git(repo, "add", ".pre-commit-config.yaml");
    sb.git(repo, "-c", "core.hooksPath=/dev/null", "commit", "-q", "-m", "pre-commit config");
    Sandbox.Proc install =
        sb.run(repo, Sandbox.prepend("pre-commit", Sandbox.prepend("install", args)));
    assertThat(install.exit()).as(install.out() + install.err()).isZero();
  }

  /**
   * A plain commit is polished and then linted; an amend reaches commit-polish as {@code commit
   * HEAD} (so it can leave it alone); a message the linter rejects stops the commit.
   */
  private void assertRecipeWorks() throws IOException {
    Files.writeString(sb.log, "");
    Sandbox.Proc c = sb.commit(repo, "-m", "add search");
    assertThat(c.exit()).as(c.out() + c.err()).isZero();
    assertThat(sb.lastMessage(repo)).isEqualTo("polished: add search");
    assertThat(sb.calls())
        .containsExactly(
            "commit-polish|hook|.git/COMMIT_EDITMSG|message",
            "commit-polish|lint|--edit|.git/COMMIT_EDITMSG");

    Files.writeString(sb.log, "");
    Sandbox.Proc amend = sb.run(repo, List.of("git", "commit", "--amend", "--no-edit"));
    assertThat(amend.exit()).as(amend.out() + amend.err()).isZero();
    assertThat(sb.calls()).first().isEqualTo("commit-polish|hook|.git/COMMIT_EDITMSG|commit|HEAD");

    String head = sb.git(repo, "rev-parse", "HEAD");
    Sandbox.Proc bad = sb.commit(repo, "-m", "bad words");
    assertThat(bad.exit()).isNotZero();
    assertThat(bad.out() + bad.err()).contains("lint: subject may not contain bad");
    assertThat(sb.git(repo, "rev-parse", "HEAD")).isEqualTo(head);
  }
}
