package dev.commitpolish.install;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The real hook managers for the recipe tests: pre-commit from the system (Debian package), husky
 * and lefthook from npm into a reused cache directory. Missing tools skip the test with the reason,
 * except on CI ({@code CI=true}), where they must be there and their absence fails.
 */
final class Tools {

  static final String HUSKY = "husky@9.1.7";
  static final String LEFTHOOK = "lefthook@2.2.2";

  private static Path npmTools;
  private static String npmProblem;

  private Tools() {}

  static boolean onCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  /** Skips (locally) or fails (on CI) when a tool is missing. */
  static void require(boolean available, String reason) {
    if (!available && onCi()) {
      fail(reason + " (CI=true: the recipe tests must run; .ci/run installs the tools)");
    }
    assumeTrue(available, reason);
  }

  /** The repository root: the directory with {@code .pre-commit-hooks.yaml} above the module. */
  static Path repoRoot() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve(".pre-commit-hooks.yaml"))) {
        return d;
      }
    }
    throw new AssertionError("no .pre-commit-hooks.yaml above " + dir);
  }

  static Path example(String relative) {
    return repoRoot().resolve("examples/hook-managers").resolve(relative);
  }

  /** {@code pre-commit --version} works. */
  static boolean hasPreCommit() {
    return runs(List.of("pre-commit", "--version"), Path.of("."), 60);
  }

  /**
   * A directory with {@code node_modules/} holding husky and lefthook at pinned versions, installed
   * once into {@code ${XDG_CACHE_HOME:-~/.cache}/commit-polish/npm-tools} and reused.
   */
  static synchronized Path npmTools() {
    if (npmTools == null && npmProblem == null) {
      String cache = System.getenv("XDG_CACHE_HOME");
      Path base =
          cache != null && !cache.isBlank()
              ? Path.of(cache)
              : Path.of(System.getProperty("user.home"), ".cache");
      Path dir = base.resolve("commit-polish/npm-tools");
      Path stamp = dir.resolve("installed-" + HUSKY + "-" + LEFTHOOK);
      try {
        Files.createDirectories(dir);
        if (!Files.exists(stamp)) {
          if (!Files.exists(dir.resolve("package.json"))) {
            Files.writeString(
                dir.resolve("package.json"), "{\"name\":\"cp-npm-tools\",\"private\":true}\n");
          }
          // --ignore-scripts: lefthook's binary comes in its platform package; no install script
          // needs to run (and none may download anything).
          boolean ok =
              runs(
                  List.of(
                      "npm",
                      "install",
                      "--no-audit",
                      "--no-fund",
                      "--ignore-scripts",
                      HUSKY,
                      LEFTHOOK),
                  dir,
                  300);
          if (ok && Files.isExecutable(dir.resolve("node_modules/.bin/lefthook"))) {
            Files.writeString(stamp, "");
          }
        }
        if (Files.exists(stamp)) {
          npmTools = dir;
        } else {
          npmProblem = "npm install " + HUSKY + " " + LEFTHOOK + " into " + dir + " failed";
        }
      } catch (IOException e) {
        npmProblem = "cannot prepare " + dir + ": " + e;
      }
    }
    require(npmTools != null, npmProblem == null ? "npm tools unavailable" : npmProblem);
    return npmTools;
  }

  /** lefthook's native binary (from its platform package {@code lefthook-<os>-<arch>}). */
  static Path lefthookBinary() {
    Path modules = npmTools().resolve("node_modules");
    try (var s = Files.list(modules)) {
      Optional<Path> bin =
          s.filter(p -> p.getFileName().toString().startsWith("lefthook-"))
              .map(p -> p.resolve("bin/lefthook"))
              .filter(Files::isExecutable)
              .findFirst();
      require(bin.isPresent(), "no lefthook platform binary under " + modules);
      return bin.get();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static boolean runs(List<String> cmd, Path cwd, int timeoutSeconds) {
    try {
      Process p =
          new ProcessBuilder(cmd)
              .directory(cwd.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
      return p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
