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
}
