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
 * {@code Main} skips picocli for the calls whose whole argv is literal — git's plain hook call,
 * {@code lint} / {@code lint --edit FILE} and {@code --version} — to save start-up; these tests pin
 * that users see the same behaviour as through the full command model.
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
    return isPlainCall("isPlainHookCall", args);
  }

  private static boolean isPlainCall(String method, String... args) {
    try {
      var m = Main.class.getDeclaredMethod(method, String[].class);
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
  void plainLintCallIsRecognisedOnlyForStdinAndEditFile() {
    assertThat(isPlainCall("isPlainLintCall", "lint")).isTrue();
    assertThat(isPlainCall("isPlainLintCall", "lint", "--edit", ".git/COMMIT_EDITMSG")).isTrue();
    assertThat(isPlainCall("isPlainLintCall", "lint", "--range", "origin/main..HEAD")).isTrue();
    assertThat(isPlainCall("isPlainLintCall", "lint", "--range", "-1")).isFalse();
    assertThat(isPlainCall("isPlainLintCall", "lint", "--edit")).isFalse();
    assertThat(isPlainCall("isPlainLintCall", "lint", "--edit", "--help")).isFalse();
    assertThat(isPlainCall("isPlainLintCall", "lint", "--edit", "")).isFalse();
    assertThat(isPlainCall("isPlainLintCall", "lint", "--format", "json")).isFalse();
    assertThat(isPlainCall("isPlainLintCall", "lint", "--help")).isFalse();
    assertThat(isPlainCall("isPlainLintCall", "lint", "-e", "x")).isFalse();
    assertThat(isPlainCall("isPlainLintCall", "hook")).isFalse();
  }

  @Test
  void plainLintEditPrintsWhatThePicocliPathPrints(@TempDir Path dir) throws Exception {
    for (String message :
        new String[] {
          "feat(api): add token refresh\n",
          "Fixed: the login thing.\n\n# Please enter the commit message\n",
          "fix: x\nno blank line before the body\n",
          "# only a comment\n"
        }) {
      Path msg = Files.writeString(dir.resolve("COMMIT_EDITMSG"), message);
      Result fast = run(dir, "lint", "--edit", msg.toString());
      Result picocli = run(dir, "lint", "--format", "text", "--edit", msg.toString());
      assertThat(fast).as(message).isEqualTo(picocli);
    }
    assertThat(run(dir, "lint", "--edit", dir.resolve("missing").toString()).code()).isEqualTo(2);
  }

  @Test
  void plainLintRangePrintsWhatThePicocliPathPrints(@TempDir Path dir) throws Exception {
    var git = new java.util.ArrayList<String>();
    for (String[] cmd :
        new String[][] {
          {"init", "-q", "-b", "main"},
          {"commit", "-q", "--allow-empty", "-m", "chore: root"},
          {"commit", "-q", "--allow-empty", "-m", "feat: add login"},
          {"commit", "-q", "--allow-empty", "-m", "Fixed the login thing."},
          {"commit", "-q", "--allow-empty", "-m", "fix(auth): refresh tokens\nbody without a blank"}
        }) {
      git.clear();
      git.add("git");
      git.addAll(java.util.List.of(cmd));
      var pb = new ProcessBuilder(git).directory(dir.toFile()).redirectErrorStream(true);
      pb.environment().put("HOME", dir.toString());
      pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
      pb.environment().put("GIT_AUTHOR_NAME", "T");
      pb.environment().put("GIT_AUTHOR_EMAIL", "t@example.com");
      pb.environment().put("GIT_COMMITTER_NAME", "T");
      pb.environment().put("GIT_COMMITTER_EMAIL", "t@example.com");
      Process p = pb.start();
      p.getInputStream().readAllBytes();
      assertThat(p.waitFor()).isZero();
    }
    Result fast = run(dir, "lint", "--range", "HEAD~3..HEAD");
    Result picocli = run(dir, "lint", "--format", "text", "--range", "HEAD~3..HEAD");
    assertThat(fast).isEqualTo(picocli);
    assertThat(fast.code()).isEqualTo(1);
    assertThat(fast.out()).contains("Fixed the login thing.").contains("body-leading-blank");
    assertThat(run(dir, "lint", "--range", "no-such..HEAD").code()).isEqualTo(2);
  }

  @Test
  void unknownCommandsAreUsageErrors(@TempDir Path dir) {
    Result bad = run(dir, "no-such-command");
    assertThat(bad.code()).isEqualTo(2);
  }
}
