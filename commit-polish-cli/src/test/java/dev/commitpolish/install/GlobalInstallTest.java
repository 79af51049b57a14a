package dev.commitpolish.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code install --global} / {@code uninstall --global} with an isolated global git config. */
class GlobalInstallTest {

  @TempDir Path tmp;
  Sandbox sb;
  Path repo;
  Path globalDir;

  @BeforeEach
  void setUp() throws IOException {
    sb = new Sandbox(tmp);
    repo = sb.repo("repo");
    globalDir = sb.home.resolve(".config/commit-polish/hooks");
  }

  @Test
  void globalInstallSetsHooksPathPolishesEveryRepoAndKeepsRepoHooksRunning() throws IOException {
    Sandbox.writeExecutable(
        repo.resolve(".git/hooks/pre-commit"),
        "#!/bin/sh\necho repo-pre-commit >> \"$FAKE_CP_LOG\"\n");
    Sandbox.writeExecutable(
        repo.resolve(".git/hooks/prepare-commit-msg"),
        "#!/bin/sh\necho \"repo-prepare|$*\" >> \"$FAKE_CP_LOG\"\n");
    String configBefore = Files.readString(sb.globalConfig);
    Path other = sb.repo("other");

    Sandbox.Proc r = sb.cp(tmp, "install", "--global");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out().lines())
        .contains(
            "created directory " + globalDir,
            "installed prepare-commit-msg hook: " + globalDir.resolve("prepare-commit-msg"),
            "set git config --global core.hooksPath " + globalDir)
        .anyMatch(l -> l.startsWith("added 15 forwarding hooks to " + globalDir))
        .anyMatch(l -> l.startsWith("note: git now runs hooks from " + globalDir));
    assertThat(sb.git(repo, "config", "--global", "core.hooksPath").strip())
        .isEqualTo(globalDir.toString());

    Sandbox.Proc c = sb.commit(repo, "-m", "global one");
    assertThat(c.exit()).as(c.err()).isZero();
    assertThat(sb.lastMessage(repo)).isEqualTo("polished: global one");
    assertThat(sb.calls())
        .containsExactly(
            "repo-pre-commit",
            "repo-prepare|.git/COMMIT_EDITMSG message",
            "commit-polish|hook|.git/COMMIT_EDITMSG|message");
    sb.commit(other, "-m", "other repo");
    assertThat(sb.lastMessage(other)).isEqualTo("polished: other repo");

    Sandbox.Proc un = sb.cp(tmp, "uninstall", "--global");
    assertThat(un.exit()).as(un.err()).isZero();
    assertThat(un.out().lines())
        .contains(
            "removed prepare-commit-msg hook: " + globalDir.resolve("prepare-commit-msg"),
            "removed 15 forwarding hooks from " + globalDir,
            "removed empty directory " + globalDir,
            "unset git config --global core.hooksPath (repositories use their .git/hooks again)");
    assertThat(globalDir).doesNotExist();
    assertThat(Files.readString(sb.globalConfig)).isEqualTo(configBefore);
    Files.writeString(sb.log, "");
    sb.commit(repo, "-m", "after");
    assertThat(sb.lastMessage(repo)).isEqualTo("after");
    assertThat(sb.calls())
        .containsExactly("repo-pre-commit", "repo-prepare|.git/COMMIT_EDITMSG message");
  }

  @Test
  void aRepositoryInstallUnderOurGlobalInstallRunsCommitPolishOnce() throws IOException {
    assertThat(sb.cp(tmp, "install", "--global").exit()).isZero();

    Sandbox.Proc r = sb.cp(repo, "install");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .contains(
            "installed prepare-commit-msg hook: " + repo.resolve(".git/hooks/prepare-commit-msg"));
    sb.commit(repo, "-m", "once only");
    assertThat(sb.lastMessage(repo)).isEqualTo("polished: once only");
    assertThat(sb.calls()).containsExactly("commit-polish|hook|.git/COMMIT_EDITMSG|message");
    assertThat(sb.cp(repo, "uninstall").exit()).isZero();
    assertThat(repo.resolve(".git/hooks/prepare-commit-msg")).doesNotExist();
  }

  @Test
  void globalInstallChainsIntoAnExistingGlobalHooksDirAndLeavesItsConfigAlone() throws IOException {
    Path mine = Files.createDirectories(tmp.resolve("my-hooks"));
    Path myHook = mine.resolve("prepare-commit-msg");
    Sandbox.writeExecutable(myHook, "#!/bin/sh\necho mine >> \"$FAKE_CP_LOG\"\n");
    byte[] myBytes = Files.readAllBytes(myHook);
    sb.git(repo, "config", "--global", "core.hooksPath", mine.toString());
    String configBefore = Files.readString(sb.globalConfig);

    Sandbox.Proc r = sb.cp(tmp, "install", "--global");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .contains(
            "kept existing prepare-commit-msg hook as "
                + mine.resolve("prepare-commit-msg.commit-polish-prev"))
        .contains("note: installed into your existing global hooks directory")
        .doesNotContain("forwarding");
    assertThat(Files.readString(sb.globalConfig)).isEqualTo(configBefore);
    sb.commit(repo, "-m", "chained");
    assertThat(sb.calls())
        .containsExactly("mine", "commit-polish|hook|.git/COMMIT_EDITMSG|message");

    Sandbox.Proc un = sb.cp(tmp, "uninstall", "--global");
    assertThat(un.out()).isEqualTo("restored previous prepare-commit-msg hook: " + myHook + "\n");
    assertThat(Files.readAllBytes(myHook)).isEqualTo(myBytes);
    assertThat(InstallCommandTest.listing(mine)).containsExactly("prepare-commit-msg");
    assertThat(Files.readString(sb.globalConfig)).isEqualTo(configBefore);
  }

  @Test
  void uninstallingOneOfTwoGlobalHooksKeepsTheDirectoryForwarding() throws IOException {
    assertThat(sb.cp(tmp, "install", "--global").exit()).isZero();
    assertThat(sb.cp(tmp, "install", "--global", "--commit-msg").out())
        .contains("installed commit-msg hook: " + globalDir.resolve("commit-msg"));
    Sandbox.writeExecutable(
        repo.resolve(".git/hooks/commit-msg"),
        "#!/bin/sh\necho repo-commit-msg >> \"$FAKE_CP_LOG\"\n");

    assertThat(sb.cp(tmp, "uninstall", "--global", "--commit-msg").exit()).isZero();

    assertThat(sb.git(repo, "config", "--global", "core.hooksPath").strip())
        .isEqualTo(globalDir.toString());
    sb.commit(repo, "-m", "x");
    assertThat(sb.calls())
        .containsExactly("commit-polish|hook|.git/COMMIT_EDITMSG|message", "repo-commit-msg");
    assertThat(sb.cp(tmp, "uninstall", "--global").exit()).isZero();
    assertThat(globalDir).doesNotExist();
    assertThat(sb.run(repo, List.of("git", "config", "--global", "core.hooksPath")).exit())
        .isEqualTo(1);
  }
}
