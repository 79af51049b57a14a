package dev.commitpolish.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which executable an installed hook runs, and a hook running the real CLI end to end. */
class LauncherTest {

  @TempDir Path tmp;
  Sandbox sb;
  Path repo;

  @BeforeEach
  void setUp() throws IOException {
    sb = new Sandbox(tmp);
    repo = sb.repo("repo");
  }

  @Test
  void explicitLauncherIsResolvedAgainstTheWorkingDirectory() throws IOException {
    Path mine = repo.resolve("tools/cp");
    Sandbox.writeExecutable(mine, Sandbox.FAKE_LAUNCHER);

    Sandbox.Proc r = sb.cp(repo, "install", "--launcher", "tools/cp");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("the hook runs: " + mine + " hook");
    sb.commit(repo, "-m", "explicit");
    assertThat(sb.lastMessage(repo)).isEqualTo("polished: explicit");
  }

  @Test
  void aLauncherPathWithSpacesAndQuotesWorksInTheHookAndTheAlias() throws IOException {
    sb.hideInstalledCommitPolish();
    Path odd = tmp.resolve("my tools/it's here/commit-polish");
    Sandbox.writeExecutable(odd, Sandbox.FAKE_LAUNCHER);

    Sandbox.Proc r = sb.cp(repo, "install", "--alias", "--launcher", odd.toString());

    assertThat(r.exit()).as(r.err()).isZero();
    Sandbox.Proc c = sb.commit(repo, "-m", "odd path");
    assertThat(c.exit()).as(c.err()).isZero();
    assertThat(sb.lastMessage(repo)).isEqualTo("polished: odd path");
    Sandbox.Proc polish = sb.run(repo, java.util.List.of("git", "polish", "--dry-run"));
    assertThat(polish.exit()).as(polish.err()).isZero();
    assertThat(sb.calls())
        .containsExactly(
            "commit-polish|hook|.git/COMMIT_EDITMSG|message", "commit-polish|polish|--dry-run");
    Files.delete(odd);
    Sandbox.Proc gone = sb.commit(repo, "-m", "gone");
    assertThat(gone.exit()).isZero();
    assertThat(gone.err()).contains("commit-polish: not found at " + odd + " nor on PATH");
  }

  @Test
  void aLauncherThatIsNotExecutableIsRefused() throws IOException {
    Files.writeString(repo.resolve("notes.txt"), "x");
    Sandbox.Proc r = sb.cp(repo, "install", "--launcher", "notes.txt");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err())
        .isEqualTo(
            "commit-polish install: --launcher notes.txt: "
                + repo.resolve("notes.txt")
                + " is not an executable file\n");
    assertThat(repo.resolve(".git/hooks/prepare-commit-msg")).doesNotExist();
  }

  @Test
  void theHomePropertySetByTheLauncherScriptWinsOverTheEnvironment() throws IOException {
    Path other = tmp.resolve("other-home");
    Sandbox.writeExecutable(other.resolve("bin/commit-polish"), Sandbox.FAKE_LAUNCHER);
    String before = System.getProperty(Launcher.HOME_PROPERTY);
    System.setProperty(Launcher.HOME_PROPERTY, other.toString());
    try {
      Sandbox.Proc r = sb.cp(repo, "install");
      assertThat(r.out())
          .contains("the hook runs: " + other.resolve("bin/commit-polish") + " hook");
    } finally {
      if (before == null) {
        System.clearProperty(Launcher.HOME_PROPERTY);
      } else {
        System.setProperty(Launcher.HOME_PROPERTY, before);
      }
    }
  }

  @Test
  void theInstalledHookRunsTheRealCliAndTheKillSwitchKeepsTheMessage() throws IOException {
    String cp =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path launcher = tmp.resolve("real/bin/commit-polish");
    Sandbox.writeExecutable(
        launcher,
        "#!/bin/sh\nexec '"
            + java
            + "' -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp '"
            + cp.replace(File.pathSeparator, ":")
            + "' dev.commitpolish.cli.Main \"$@\"\n");

    assertThat(sb.cp(repo, "install", "--launcher", launcher.toString()).exit()).isZero();
    sb.put("COMMIT_POLISH_SKIP", "1");
    Sandbox.Proc c = sb.commit(repo, "-m", "fixed the login thing");

    assertThat(c.exit()).as(c.err()).isZero();
    assertThat(sb.lastMessage(repo)).isEqualTo("fixed the login thing");
    // Nothing answers on the model's port here: without the kill switch the real hook must still
    // let the commit through (fail open), whatever it does to the message.
    sb.remove("COMMIT_POLISH_SKIP");
    sb.put("COMMIT_POLISH_API_BASE", "http://127.0.0.1:9/v1");
    String head = sb.git(repo, "rev-parse", "HEAD");
    Sandbox.Proc open = sb.commit(repo, "-m", "add the search page");
    assertThat(open.exit()).as(open.err()).isZero();
    assertThat(sb.git(repo, "rev-parse", "HEAD")).isNotEqualTo(head);
  }
}
