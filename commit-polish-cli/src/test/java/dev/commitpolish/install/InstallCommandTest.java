package dev.commitpolish.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code commit-polish install/uninstall} against real git repositories and real commits. */
class InstallCommandTest {

  @TempDir Path tmp;
  Sandbox sb;
  Path repo;
  Path hooks;

  @BeforeEach
  void setUp() throws IOException {
    sb = new Sandbox(tmp);
    repo = sb.repo("repo");
    hooks = repo.resolve(".git/hooks");
  }

  @Test
  void freshInstallWritesAnExecutableHookThatRunsTheLauncherOnARealCommit() throws IOException {
    Sandbox.Proc r = sb.cp(repo, "install");

    assertThat(r.exit()).as(r.err()).isZero();
    Path hook = hooks.resolve("prepare-commit-msg");
    assertThat(r.out())
        .contains("installed prepare-commit-msg hook: " + hook)
        .contains("the hook runs: " + sb.launcher + " hook");
    assertThat(r.err()).isEmpty();
    assertThat(Files.isExecutable(hook)).isTrue();
    assertThat(Files.readString(hook))
        .startsWith("#!/bin/sh\n# commit-polish-managed: prepare-commit-msg v1")
        .contains(sb.launcher.toString());

    Sandbox.Proc c = sb.commit(repo, "-m", "fix login");
    assertThat(c.exit()).as(c.err()).isZero();
    assertThat(sb.lastMessage(repo)).isEqualTo("polished: fix login");
    assertThat(sb.calls()).containsExactly("commit-polish|hook|.git/COMMIT_EDITMSG|message");
  }

  @Test
  void runsFromASubdirectoryAndPassesAmendArgumentsThrough() throws IOException {
    Path sub = Files.createDirectories(repo.resolve("src/main"));
    assertThat(sb.cp(sub, "install").exit()).isZero();
    assertThat(hooks.resolve("prepare-commit-msg")).exists();

    sb.commit(repo, "-m", "first");
    Sandbox.Proc amend = sb.run(repo, List.of("git", "commit", "--amend", "--no-edit"));
    assertThat(amend.exit()).as(amend.err()).isZero();
    assertThat(sb.calls())
        .containsExactly(
            "commit-polish|hook|.git/COMMIT_EDITMSG|message",
            "commit-polish|hook|.git/COMMIT_EDITMSG|commit|HEAD");
  }

  @Test
  void chainsAnExistingHookBothRunWithTheSameArgumentsPreviousFirst() throws IOException {
    Sandbox.writeExecutable(
        hooks.resolve("prepare-commit-msg"),
        """
        #!/bin/sh
        line="previous"
        for a in "$@"; do line="$line|$a"; done
        printf '%s\\n' "$line" >> "$FAKE_CP_LOG"
        printf '\\nPrevious-Hook: yes\\n' >> "$1"
        """);

    Sandbox.Proc r = sb.cp(repo, "install");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .contains(
            "kept existing prepare-commit-msg hook as "
                + hooks.resolve("prepare-commit-msg.commit-polish-prev")
                + " (runs before commit-polish, same arguments)");

    Sandbox.Proc c = sb.commit(repo, "-m", "add search");
    assertThat(c.exit()).as(c.err()).isZero();
    assertThat(sb.calls())
        .containsExactly(
            "previous|.git/COMMIT_EDITMSG|message",
            "commit-polish|hook|.git/COMMIT_EDITMSG|message");
    // Ours ran on what the previous hook wrote.
    assertThat(sb.lastMessage(repo)).isEqualTo("polished: add search\n\nPrevious-Hook: yes");
  }

  @Test
  void aFailingPreviousHookStopsTheCommitAsBeforeAndCommitPolishDoesNotRun() throws IOException {
    Sandbox.writeExecutable(
        hooks.resolve("prepare-commit-msg"),
        "#!/bin/sh\necho 'previous: no commits on Fridays' >&2\nexit 3\n");
    String head = sb.git(repo, "rev-parse", "HEAD");

    assertThat(sb.cp(repo, "install").exit()).isZero();
    Sandbox.Proc c = sb.commit(repo, "-m", "add search");

    assertThat(c.exit()).isNotZero();
    assertThat(c.err()).contains("previous: no commits on Fridays");
    assertThat(sb.calls()).isEmpty();
    assertThat(sb.git(repo, "rev-parse", "HEAD")).isEqualTo(head);
  }

  @Test
  void withRunPreviousLastThePreviousHookRunsAfterAndItsFailureStillStopsTheCommit()
      throws IOException {
    Sandbox.writeExecutable(
        hooks.resolve("prepare-commit-msg"),
        """
        #!/bin/sh
        printf 'previous saw: %s\\n' "$(head -n 1 "$1")" >> "$FAKE_CP_LOG"
        case "$(head -n 1 "$1")" in *fail*) exit 4 ;; esac
        sed -i '1s/^/ABC-1 /' "$1"
        """);
    assertThat(sb.cp(repo, "install", "--run-previous=last").exit()).isZero();

    Sandbox.Proc ok = sb.commit(repo, "-m", "add search");
    assertThat(ok.exit()).as(ok.err()).isZero();
    assertThat(sb.lastMessage(repo)).isEqualTo("ABC-1 polished: add search");

    Sandbox.Proc failed = sb.commit(repo, "-m", "fail now");
    assertThat(failed.exit()).isNotZero();
    assertThat(sb.calls())
        .containsExactly(
            "commit-polish|hook|.git/COMMIT_EDITMSG|message",
            "previous saw: polished: add search",
            "commit-polish|hook|.git/COMMIT_EDITMSG|message",
            "previous saw: polished: fail now");
  }

  @Test
  void installingTwiceIsHarmless() throws IOException {
    Sandbox.writeExecutable(hooks.resolve("prepare-commit-msg"), "#!/bin/sh\nexit 0\n");
    assertThat(sb.cp(repo, "install").exit()).isZero();
    List<String> before = listing(hooks);
    String script = Files.readString(hooks.resolve("prepare-commit-msg"));

    Sandbox.Proc again = sb.cp(repo, "install");

    assertThat(again.exit()).isZero();
    assertThat(again.out())
        .startsWith(
            "already installed: prepare-commit-msg hook " + hooks.resolve("prepare-commit-msg"));
    assertThat(listing(hooks)).isEqualTo(before);
    assertThat(Files.readString(hooks.resolve("prepare-commit-msg"))).isEqualTo(script);
    assertThat(Files.readString(hooks.resolve("prepare-commit-msg.commit-polish-prev")))
        .isEqualTo("#!/bin/sh\nexit 0\n");
    sb.commit(repo, "-m", "once");
    assertThat(sb.lastMessage(repo)).isEqualTo("polished: once");
  }

  @Test
  void uninstallRestoresTheExactPreviousHookBytesAndModeBits() throws IOException {
    Path hook = hooks.resolve("prepare-commit-msg");
    byte[] bytes =
        "#!/bin/sh\n# caf\u00e9 \u00ff\r\nexit 0\n"
            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    Files.write(hook, bytes);
    Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-x---"));
    List<String> before = listing(hooks);

    assertThat(sb.cp(repo, "install").exit()).isZero();
    assertThat(Files.readAllBytes(hook)).isNotEqualTo(bytes);
    Sandbox.Proc un = sb.cp(repo, "uninstall");

    assertThat(un.exit()).as(un.err()).isZero();
    assertThat(un.out()).isEqualTo("restored previous prepare-commit-msg hook: " + hook + "\n");
    assertThat(Files.readAllBytes(hook)).isEqualTo(bytes);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(hook)))
        .isEqualTo("rwxr-x---");
    assertThat(listing(hooks)).isEqualTo(before);
  }

  @Test
  void uninstallRemovesOurFileWhenThereWasNoneAndLeavesForeignHooksAlone() throws IOException {
    List<String> before = listing(hooks);
    assertThat(sb.cp(repo, "install").exit()).isZero();
    assertThat(sb.cp(repo, "uninstall").out())
        .isEqualTo(
            "removed prepare-commit-msg hook: " + hooks.resolve("prepare-commit-msg") + "\n");
    assertThat(listing(hooks)).isEqualTo(before);

    Sandbox.writeExecutable(hooks.resolve("prepare-commit-msg"), "#!/bin/sh\n# mine\n");
    Sandbox.Proc un = sb.cp(repo, "uninstall");
    assertThat(un.exit()).isZero();
    assertThat(un.out()).contains("left alone: " + hooks.resolve("prepare-commit-msg"));
    assertThat(Files.readString(hooks.resolve("prepare-commit-msg")))
        .isEqualTo("#!/bin/sh\n# mine\n");

    Files.delete(hooks.resolve("prepare-commit-msg"));
    assertThat(sb.cp(repo, "uninstall").out()).startsWith("nothing to remove");
  }

  @Test
  void aPreviousHookWithoutTheExecutableBitIsKeptButNotRunJustLikeGitDid() throws IOException {
    Path hook = hooks.resolve("prepare-commit-msg");
    Files.writeString(hook, "#!/bin/sh\necho ran >> \"$FAKE_CP_LOG\"\n");
    Sandbox.Proc r = sb.cp(repo, "install");
    assertThat(r.out()).contains("it is not executable, so neither git nor commit-polish runs it");
    sb.commit(repo, "-m", "x");
    assertThat(sb.calls()).containsExactly("commit-polish|hook|.git/COMMIT_EDITMSG|message");
  }

  @Test
  void honoursALocalCoreHooksPath() throws IOException {
    sb.git(repo, "config", "core.hooksPath", ".githooks");

    Sandbox.Proc r = sb.cp(repo, "install");

    assertThat(r.exit()).as(r.err()).isZero();
    Path hook = repo.resolve(".githooks/prepare-commit-msg");
    assertThat(r.out())
        .contains("installed prepare-commit-msg hook: " + hook)
        .contains("note: core.hooksPath=.githooks (local config)");
    assertThat(hooks.resolve("prepare-commit-msg")).doesNotExist();
    sb.commit(repo, "-m", "via hooksPath");
    assertThat(sb.lastMessage(repo)).isEqualTo("polished: via hooksPath");

    assertThat(sb.cp(repo, "uninstall").exit()).isZero();
    assertThat(hook).doesNotExist();
  }

  @Test
  void aLinkedWorktreeSharesTheMainRepositorysHooks() throws IOException {
    Path wt = tmp.resolve("wt");
    sb.git(repo, "worktree", "add", "-q", wt.toString());

    Sandbox.Proc r = sb.cp(wt, "install");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("installed prepare-commit-msg hook: " + hooks.resolve("prepare-commit-msg"));
    Sandbox.Proc c = sb.commit(wt, "-m", "from the worktree");
    assertThat(c.exit()).as(c.err()).isZero();
    assertThat(sb.lastMessage(wt)).isEqualTo("polished: from the worktree");
    sb.commit(repo, "-m", "from main");
    assertThat(sb.lastMessage(repo)).isEqualTo("polished: from main");
    // In a linked worktree git passes an absolute message path.
    assertThat(sb.calls().get(0))
        .matches("commit-polish\\|hook\\|/.*/\\.git/worktrees/wt/COMMIT_EDITMSG\\|message");
  }

  @Test
  void aSubmoduleGetsItsOwnHooksDirectory() throws IOException {
    Path lib = sb.repo("lib");
    sb.git(
        repo, "-c", "protocol.file.allow=always", "submodule", "add", "-q", lib.toString(), "lib");
    Path sub = repo.resolve("lib");
    Path subHooks = repo.resolve(".git/modules/lib/hooks");

    Sandbox.Proc r = sb.cp(sub, "install");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("installed prepare-commit-msg hook: " + subHooks.resolve("prepare-commit-msg"));
    assertThat(hooks.resolve("prepare-commit-msg")).doesNotExist();
    Sandbox.Proc c = sb.commit(sub, "-m", "in the submodule");
    assertThat(c.exit()).as(c.err()).isZero();
    assertThat(sb.lastMessage(sub)).isEqualTo("polished: in the submodule");
    assertThat(sb.calls().get(0))
        .matches("commit-polish\\|hook\\|/.*/\\.git/modules/lib/COMMIT_EDITMSG\\|message");
  }

  @Test
  void createsAMissingHooksDirectory() throws IOException {
    try (Stream<Path> s = Files.list(hooks)) {
      for (Path p : s.toList()) {
        Files.delete(p);
      }
    }
    Files.delete(hooks);

    Sandbox.Proc r = sb.cp(repo, "install");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .startsWith("created directory " + hooks + "\ninstalled prepare-commit-msg hook");
    sb.commit(repo, "-m", "fresh dir");
    assertThat(sb.lastMessage(repo)).isEqualTo("polished: fresh dir");
  }

  @Test
  void commitMsgInstallLintsWithoutRewritingAndBlocksBadMessages() throws IOException {
    Sandbox.Proc r = sb.cp(repo, "install", "--commit-msg");

    assertThat(r.exit()).as(r.err()).isZero();
    Path hook = hooks.resolve("commit-msg");
    assertThat(r.out())
        .contains("installed commit-msg hook: " + hook)
        .contains("the hook runs: " + sb.launcher + " lint --edit <file>");
    assertThat(hooks.resolve("prepare-commit-msg")).doesNotExist();

    Sandbox.Proc good = sb.commit(repo, "-m", "feat: good");
    assertThat(good.exit()).as(good.err()).isZero();
    assertThat(sb.lastMessage(repo)).isEqualTo("feat: good");
    String head = sb.git(repo, "rev-parse", "HEAD");
    Sandbox.Proc bad = sb.commit(repo, "-m", "bad message");
    assertThat(bad.exit()).isNotZero();
    assertThat(bad.err()).contains("lint: subject may not contain bad");
    assertThat(sb.git(repo, "rev-parse", "HEAD")).isEqualTo(head);
    assertThat(sb.calls())
        .containsExactly(
            "commit-polish|lint|--edit|.git/COMMIT_EDITMSG",
            "commit-polish|lint|--edit|.git/COMMIT_EDITMSG");

    // Both hooks side by side; uninstall --commit-msg removes only the lint hook.
    assertThat(sb.cp(repo, "install").exit()).isZero();
    assertThat(sb.cp(repo, "uninstall", "--commit-msg").out())
        .isEqualTo("removed commit-msg hook: " + hook + "\n");
    assertThat(hooks.resolve("prepare-commit-msg")).exists();
  }

  @Test
  void aliasAddsGitPolishAndUninstallRemovesIt() throws IOException {
    Sandbox.Proc r = sb.cp(repo, "install", "--alias", "--no-hook");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .isEqualTo(
            "added git alias: git polish runs '" + sb.launcher + " polish' (global config)\n");
    assertThat(hooks.resolve("prepare-commit-msg")).doesNotExist();
    assertThat(sb.git(repo, "config", "--global", "alias.polish").strip())
        .isEqualTo("!" + sb.launcher + " polish");
    Sandbox.Proc polish = sb.run(repo, List.of("git", "polish", "-y"));
    assertThat(polish.exit()).as(polish.err()).isZero();
    assertThat(sb.calls()).containsExactly("commit-polish|polish|-y");

    assertThat(sb.cp(repo, "install", "--alias", "--no-hook").out()).startsWith("already set");
    Sandbox.Proc un = sb.cp(repo, "uninstall", "--alias", "--no-hook");
    assertThat(un.out()).isEqualTo("removed git alias: git polish (global config)\n");
    assertThat(Files.readString(sb.globalConfig)).doesNotContain("polish");
  }

  @Test
  void aForeignAliasIsRefusedUnlessForcedAndThenRestoredOnUninstall() throws IOException {
    sb.git(repo, "config", "--local", "alias.polish", "!echo mine");

    Sandbox.Proc refused = sb.cp(repo, "install", "--alias", "--local", "--no-hook");
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err())
        .contains("alias.polish is already set in your local git config to '!echo mine'");

    assertThat(sb.cp(repo, "install", "--alias", "--local", "--force").exit()).isZero();
    assertThat(sb.git(repo, "config", "--local", "alias.polish").strip())
        .isEqualTo("!" + sb.launcher + " polish");
    Sandbox.Proc un = sb.cp(repo, "uninstall");
    assertThat(un.out())
        .contains("removed prepare-commit-msg hook")
        .contains("restored previous git alias polish (local config)");
    assertThat(sb.git(repo, "config", "--local", "alias.polish").strip()).isEqualTo("!echo mine");
    assertThat(
            sb.run(repo, List.of("git", "config", "--local", Installer.PREVIOUS_ALIAS_KEY)).exit())
        .isEqualTo(1);
  }

  @Test
  void refusesAHuskyOwnedHooksDirWithTheRecipeAndChainsOnlyWithForce() throws IOException {
    sb.git(repo, "config", "core.hooksPath", ".husky/_");
    Path husky = repo.resolve(".husky/_");
    Sandbox.writeExecutable(husky.resolve("h"), "#!/usr/bin/env sh\n");
    Sandbox.writeExecutable(
        husky.resolve("prepare-commit-msg"), "#!/usr/bin/env sh\n. \"$(dirname \"$0\")/h\"");
    List<String> before = listing(husky);

    Sandbox.Proc r = sb.cp(repo, "install");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .startsWith("commit-polish install: the hooks directory " + husky + " is managed by husky")
        .contains("core.hooksPath=.husky/_")
        .contains("printf '%s\\n' 'commit-polish hook \"$@\"' >> .husky/prepare-commit-msg")
        .contains("docs/install.md")
        .contains("--force");
    assertThat(listing(husky)).isEqualTo(before);

    Sandbox.Proc forced = sb.cp(repo, "install", "--force");
    assertThat(forced.exit()).as(forced.err()).isZero();
    assertThat(husky.resolve("prepare-commit-msg.commit-polish-prev")).exists();
    // Re-running without --force is still harmless once ours is there.
    assertThat(sb.cp(repo, "install").out()).startsWith("already installed");
  }

  @Test
  void refusesHooksGeneratedByLefthookAndPreCommit() throws IOException {
    Sandbox.writeExecutable(
        hooks.resolve("pre-commit"),
        "#!/bin/sh\n\nif [ \"$LEFTHOOK_VERBOSE\" = \"1\" ]; then set -x; fi\ncall_lefthook run \"pre-commit\" \"$@\"\n");
    Sandbox.Proc lefthook = sb.cp(repo, "install");
    assertThat(lefthook.exit()).isEqualTo(1);
    assertThat(lefthook.err())
        .contains("managed by lefthook (its hook " + hooks.resolve("pre-commit") + ")")
        .contains("run: commit-polish hook {0}");

    Files.delete(hooks.resolve("pre-commit"));
    Sandbox.writeExecutable(
        hooks.resolve("prepare-commit-msg"),
        "#!/usr/bin/env bash\n# File generated by pre-commit: https://pre-commit.com\n"
            + "# ID: 138fd403232d2ddd5efb44317e38bf03\n");
    Sandbox.Proc preCommit = sb.cp(repo, "install", "--commit-msg");
    assertThat(preCommit.exit()).isEqualTo(1);
    assertThat(preCommit.err())
        .contains("managed by pre-commit")
        .contains("hook id commit-polish-lint")
        .contains("pre-commit install --hook-type commit-msg");
    assertThat(hooks.resolve("commit-msg")).doesNotExist();
  }

  @Test
  void refusesARepositoryInstallWhenAForeignGlobalHooksPathHidesGitHooks() throws IOException {
    Path global = Files.createDirectories(tmp.resolve("my-global-hooks"));
    sb.git(repo, "config", "--global", "core.hooksPath", global.toString());

    Sandbox.Proc r = sb.cp(repo, "install");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err())
        .contains("core.hooksPath is set in your global git config (" + global + ")")
        .contains("commit-polish install --global");
    assertThat(hooks.resolve("prepare-commit-msg")).doesNotExist();
    assertThat(global.resolve("prepare-commit-msg")).doesNotExist();
  }

  @Test
  void failsOpenWithOneLineWhenTheLauncherIsGone() throws IOException {
    sb.hideInstalledCommitPolish();
    assertThat(sb.cp(repo, "install").exit()).isZero();
    Files.delete(sb.launcher);

    Sandbox.Proc c = sb.commit(repo, "-m", "still commits");

    assertThat(c.exit()).as(c.err()).isZero();
    assertThat(sb.lastMessage(repo)).isEqualTo("still commits");
    assertThat(c.err().lines().filter(l -> l.startsWith("commit-polish:")))
        .containsExactly(
            "commit-polish: not found at "
                + sb.launcher
                + " nor on PATH; message left unchanged (reinstall it, or remove"
                + " .git/hooks/prepare-commit-msg)");
  }

  @Test
  void fallsBackToCommitPolishOnPathWhenNoInstallationIsKnown() throws IOException {
    sb.hideInstalledCommitPolish();
    sb.remove(Launcher.HOME_ENV);
    Sandbox.Proc r = sb.cp(repo, "install");
    assertThat(r.out())
        .contains("the hook runs: commit-polish hook <file> [<source> [<sha>]] (found on PATH");

    Sandbox.Proc missing = sb.commit(repo, "-m", "no binary");
    assertThat(missing.exit()).isZero();
    assertThat(missing.err())
        .contains("commit-polish: commit-polish not found on PATH; message left unchanged");

    sb.put("PATH", sb.launcher.getParent() + ":" + sb.vars().get("PATH"));
    sb.commit(repo, "-m", "on path");
    assertThat(sb.lastMessage(repo)).isEqualTo("polished: on path");
  }

  @Test
  void outsideARepositoryTheErrorSaysWhatToDo() throws IOException {
    Path plain = Files.createDirectories(tmp.resolve("plain"));
    sb.put("GIT_CEILING_DIRECTORIES", tmp.toString());
    Sandbox.Proc r = sb.cp(plain, "install");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err())
        .isEqualTo(
            "commit-polish install: not inside a git repository ("
                + plain
                + "): run it from your repository, or use --global to install for all"
                + " repositories\n");
  }

  @Test
  void usageErrorsExitTwoAndHelpHasExamples() {
    assertThat(sb.cp(repo, "install", "--local").exit()).isEqualTo(2);
    assertThat(sb.cp(repo, "install", "--run-previous=sometimes").exit()).isEqualTo(2);
    Sandbox.Proc help = sb.cp(repo, "install", "--help");
    assertThat(help.exit()).isZero();
    assertThat(help.out()).contains("Examples:").contains("--commit-msg").contains("--global");
    assertThat(sb.cp(repo, "uninstall", "--help").out()).contains("Examples:");
  }

  static List<String> listing(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
