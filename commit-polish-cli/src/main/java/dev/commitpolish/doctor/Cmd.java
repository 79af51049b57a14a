package dev.commitpolish.doctor;

import dev.commitpolish.cli.Env;
import dev.commitpolish.git.Git;
import dev.commitpolish.git.GitException;
import dev.commitpolish.git.GitResult;
import java.time.Duration;
import java.util.List;

/**
 * The checks' view of git: {@link Git} (the env's PATH, argv, timeout, stderr captured) with its
 * failures turned into results, because a check reports a missing or stuck git rather than failing.
 */
final class Cmd {

  /** Exit status and captured output; {@code exitCode} -1 when git could not start or hung. */
  record Result(int exitCode, String stdout, String stderr) {
    boolean ok() {
      return exitCode == 0;
    }
  }

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private Cmd() {}

  /** Runs {@code git <args>} in {@code env}. */
  static Result git(Env env, String... args) {
    try {
      GitResult r = Git.open(env).withTimeout(TIMEOUT).run(List.of(args));
      return new Result(r.exitCode(), r.stdout(), r.stderr());
    } catch (GitException e) {
      return new Result(-1, "", e.getMessage());
    }
  }
}
