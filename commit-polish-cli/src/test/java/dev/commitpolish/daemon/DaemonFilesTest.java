package dev.commitpolish.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.commitpolish.cli.Env;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DaemonFilesTest {

  private static Env env(Map<String, String> vars) {
    return new Env(vars, Path.of("/"));
  }

  @Test
  void prefersTheRuntimeDirThenTheCacheThenHome() {
    assertThat(
            DaemonFiles.of(
                    env(
                        Map.of(
                            "XDG_RUNTIME_DIR",
                            "/run/user/1",
                            "XDG_CACHE_HOME",
                            "/c",
                            "HOME",
                            "/h")),
                    "abc")
                .orElseThrow()
                .state())
        .isEqualTo(Path.of("/run/user/1/commit-polish/daemon-abc.state"));
    assertThat(
            DaemonFiles.of(env(Map.of("XDG_CACHE_HOME", "/c", "HOME", "/h")), "abc")
                .orElseThrow()
                .dir())
        .isEqualTo(Path.of("/c/commit-polish"));
    assertThat(DaemonFiles.of(env(Map.of("HOME", "/h")), "abc").orElseThrow().log())
        .isEqualTo(Path.of("/h/.cache/commit-polish/daemon.log"));
  }

  @Test
  void ignoresRelativeXdgValuesAsTheSpecSays() {
    assertThat(
            DaemonFiles.of(env(Map.of("XDG_RUNTIME_DIR", "run", "HOME", "/h")), "abc")
                .orElseThrow()
                .dir())
        .isEqualTo(Path.of("/h/.cache/commit-polish"));
    assertThat(DaemonFiles.of(env(Map.of("HOME", "relative")), "abc")).isEmpty();
  }

  @Test
  void needsAFingerprintThatIsAFileName() {
    assertThat(DaemonFiles.of(env(Map.of("HOME", "/h")), null)).isEmpty();
    assertThat(DaemonFiles.of(env(Map.of("HOME", "/h")), "")).isEmpty();
    assertThat(DaemonFiles.of(env(Map.of("HOME", "/h")), "../x")).isEmpty();
    assertThat(DaemonFiles.of(env(Map.of("HOME", "/h")), "a/b")).isEmpty();
  }

  @Test
  void theSwitchTurnsTheWorkerOff() {
    for (String off : new String[] {"0", "false", "no", "off", " OFF "}) {
      assertThat(DaemonStarter.switchedOff(env(Map.of("COMMIT_POLISH_DAEMON", off)))).isTrue();
    }
    assertThat(DaemonStarter.switchedOff(env(Map.of()))).isFalse();
    assertThat(DaemonStarter.switchedOff(env(Map.of("COMMIT_POLISH_DAEMON", "1")))).isFalse();
  }

  @Test
  void aWorkerIsStartedOnlyWhereTheClientCanReachIt(@org.junit.jupiter.api.io.TempDir Path tmp)
      throws java.io.IOException {
    Path bin = java.nio.file.Files.createDirectories(tmp.resolve("bin"));
    Path launcher = java.nio.file.Files.writeString(bin.resolve("commit-polish"), "");
    Env withBash = env(Map.of("PATH", "/usr/bin:/bin"));
    // no client script next to the launcher
    assertThat(DaemonStarter.clientCanRun(withBash, launcher)).isFalse();
    java.nio.file.Files.writeString(bin.resolve("commit-polish-client.bash"), "");
    assertThat(DaemonStarter.clientCanRun(withBash, launcher)).isTrue(); // bash 5 here
    // no bash on PATH (relative entries are not searched)
    assertThat(DaemonStarter.clientCanRun(env(Map.of("PATH", tmp + ":relative")), launcher))
        .isFalse();
    // a "bash" that is too old: reports 3.2
    Path old = java.nio.file.Files.createDirectories(tmp.resolve("old"));
    Path fake = old.resolve("bash");
    java.nio.file.Files.writeString(fake, "#!/bin/sh\nexit 1\n");
    fake.toFile().setExecutable(true);
    assertThat(DaemonStarter.clientCanRun(env(Map.of("PATH", old + ":/usr/bin")), launcher))
        .isFalse();
  }
}
