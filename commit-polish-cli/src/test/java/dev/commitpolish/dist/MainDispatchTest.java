package dev.commitpolish.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.commitpolish.cli.Env;
import dev.commitpolish.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Main} skips picocli for the two calls whose whole argv is literal — git's plain hook call
 * and {@code --version} — to save start-up; these tests pin that users see the same behaviour as
 * through the full command model.
 */
class MainDispatchTest {

  record Result(int code, String out, String err) {}

  static Result run(Path cwd, String... args) {
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    Env env =
        new Env(
            Map.of(
                "HOME", cwd.toString(),
                "PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
                "COMMIT_POLISH_SKIP", "1"),
            cwd);
    int code =
        Main.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            env);
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void plainHookCallIsRecognisedOnlyWithoutOptions() {
    assertThat(isPlain("hook", ".git/COMMIT_EDITMSG")).isTrue();
    assertThat(isPlain("hook", ".git/COMMIT_EDITMSG", "message")).isTrue();
    assertThat(isPlain("hook", ".git/COMMIT_EDITMSG", "commit", "abc123")).isTrue();
    assertThat(isPlain("hook")).isTrue();
    assertThat(isPlain("hook", "--help")).isFalse();
    assertThat(isPlain("hook", "-v", ".git/COMMIT_EDITMSG")).isFalse();
    assertThat(isPlain("-v", "hook", ".git/COMMIT_EDITMSG")).isFalse();
    assertThat(isPlain("lint", "x")).isFalse();
    assertThat(isPlain()).isFalse();
  }

  private static boolean isPlain(String... args) {
    try {
      var m = Main.class.getDeclaredMethod("isPlainHookCall", String[].class);
      m.setAccessible(true);
      return (boolean) m.invoke(null, (Object) args);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void hookHelpStillWorksThroughTheFullModel(@TempDir Path dir) {
    Result r = run(dir, "hook", "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("Usage: commit-polish hook");
  }

  @Test
  void plainHookCallRunsTheHookAndLeavesTheMessageWhenSkipped(@TempDir Path dir) throws Exception {
    Path msg = Files.writeString(dir.resolve("COMMIT_EDITMSG"), "my draft\n");
    // COMMIT_POLISH_SKIP=1 (the hook's kill switch) makes the hook a no-op wherever it runs
    Result r = run(dir, "hook", msg.toString(), "message");
    assertThat(r.code()).isZero();
    assertThat(Files.readString(msg)).isEqualTo("my draft\n");
  }

  @Test
  void versionFastPathPrintsWhatPicocliPrints(@TempDir Path dir) {
    Result fast = run(dir, "--version");
    // Two arguments take the full picocli model, whose version provider is the reference.
    Result picocli = run(dir, "--quiet", "--version");
    assertThat(fast.code()).isZero();
    assertThat(fast.out()).isEqualTo(picocli.out()).matches("commit-polish \\d+\\.\\d+\\.\\d+\\R");
    assertThat(run(dir, "-V").out()).isEqualTo(fast.out());
  }

  @Test
  void unknownCommandsAreUsageErrors(@TempDir Path dir) {
    Result bad = run(dir, "no-such-command");
    assertThat(bad.code()).isEqualTo(2);
  }
}
