package dev.commitpolish.install;

import dev.commitpolish.cli.Env;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@code git} executable for the installer, in {@link Env#cwd()} with exactly {@link
 * Env#vars()} as its environment (so tests can isolate {@code HOME} and {@code GIT_CONFIG_GLOBAL}).
 *
 * <p>Why not {@code dev.commitpolish.git.Git}: the installer needs only a handful of plumbing calls
 * ({@code rev-parse}, {@code config}), and it must keep working in a directory that is not a
 * repository at all ({@code install --global}); a dozen lines here keep it independent of the
 * hook's git layer.
 */
final class GitRunner {

  /** The outcome of one git call. */
  record Result(int exitCode, String stdout, String stderr) {
    boolean ok() {
      return exitCode == 0;
    }

    /** stdout without the trailing newline git prints after a value. */
    String value() {
      return stdout.strip();
    }
  }

  private static final long TIMEOUT_SECONDS = 30;

  private final Env env;

  GitRunner(Env env) {
    this.env = env;
  }

  Path cwd() {
    return env.cwd();
  }

  Result run(String... args) {
    var cmd = new ArrayList<String>();
    cmd.add("git");
    cmd.addAll(List.of(args));
    var pb = new ProcessBuilder(cmd).directory(env.cwd().toFile());
    pb.environment().clear();
    pb.environment().putAll(env.vars());
    pb.redirectInput(ProcessBuilder.Redirect.from(nullFile()));
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new InstallException(
          "could not run git (" + e.getMessage() + "); install git and make sure it is on PATH");
    }
    // stderr on its own thread (not the common pool, which has one worker on 2 cores) so a full
    // pipe on one stream can never block the other.
    var err = new String[] {""};
    Thread errReader = new Thread(() -> err[0] = readAll(p.getErrorStream()), "git-stderr");
    errReader.setDaemon(true);
    errReader.start();
    try {
      String out = readAll(p.getInputStream());
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new InstallException(
            "git " + String.join(" ", args) + " did not finish in " + TIMEOUT_SECONDS + " s");
      }
      errReader.join(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
      return new Result(p.exitValue(), out, err[0]);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new InstallException("interrupted while running git");
    }
  }

  /** A git config value, or empty when unset (exit 1). */
  Optional<String> config(String scope, String key) {
    Result r = scope == null ? run("config", "--get", key) : run("config", scope, "--get", key);
    if (r.exitCode() == 1) {
      return Optional.empty();
    }
    requireOk(r, "config " + key);
    return Optional.of(r.value());
  }

  void setConfig(String scope, String key, String value) {
    requireOk(run("config", scope, key, value), "config " + scope + " " + key);
  }

  /** Unsets a key; exit 5 (key not set) is fine: the goal state already holds. */
  void unsetConfig(String scope, String key) {
    Result r = run("config", scope, "--unset", key);
    if (r.exitCode() != 0 && r.exitCode() != 5) {
      requireOk(r, "config " + scope + " --unset " + key);
    }
  }

  static void requireOk(Result r, String what) {
    if (!r.ok()) {
      throw new InstallException("git " + what + " failed: " + r.stderr().strip());
    }
  }

  private static java.io.File nullFile() {
    return new java.io.File(
        System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
  }

  private static String readAll(InputStream in) {
    try (in) {
      var buf = new ByteArrayOutputStream();
      in.transferTo(buf);
      return buf.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
