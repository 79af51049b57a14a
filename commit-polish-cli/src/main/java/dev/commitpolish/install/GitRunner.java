package dev.commitpolish.install;

import dev.commitpolish.cli.Env;
import dev.commitpolish.git.Git;
import dev.commitpolish.git.GitException;
import dev.commitpolish.git.GitResult;
import java.util.List;
import java.util.Optional;

/**
 * The few git calls the installer makes ({@code rev-parse}, {@code config}), on top of {@link Git}
 * (which runs git in {@link Env#cwd()} with exactly {@link Env#vars()}, so tests can isolate {@code
 * HOME} and {@code GIT_CONFIG_GLOBAL}). Failures become {@link InstallException}s with git's own
 * message.
 */
final class GitRunner {

  private final Git git;

  GitRunner(Env env) {
    this.git = Git.open(env);
  }

  GitResult run(String... args) {
    try {
      return git.run(List.of(args));
    } catch (GitException e) {
      throw new InstallException("git " + String.join(" ", args) + " failed: " + e.getMessage());
    }
  }

  /** A git config value, or empty when unset (exit 1). */
  Optional<String> config(String scope, String key) {
    GitResult r = scope == null ? run("config", "--get", key) : run("config", scope, "--get", key);
    if (r.exitCode() == 1) {
      return Optional.empty();
    }
    requireOk(r, "config " + key);
    return Optional.of(r.line());
  }

  void setConfig(String scope, String key, String value) {
    requireOk(run("config", scope, key, value), "config " + scope + " " + key);
  }

  /** Unsets a key; exit 5 (key not set) is fine: the goal state already holds. */
  void unsetConfig(String scope, String key) {
    GitResult r = run("config", scope, "--unset", key);
    if (r.exitCode() != 0 && r.exitCode() != 5) {
      requireOk(r, "config " + scope + " --unset " + key);
    }
  }

  static void requireOk(GitResult r, String what) {
    if (!r.ok()) {
      throw new InstallException("git " + what + " failed: " + r.stderr().strip());
    }
  }
}
