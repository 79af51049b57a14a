package dev.commitpolish.doctor;

import dev.commitpolish.cli.Env;
import dev.commitpolish.git.Git;
import dev.commitpolish.git.GitResult;
import java.time.Duration;
import java.util.List;

/**
 * The checks' view of git: {@link Git} (the env's PATH, argv, timeout, stderr captured) with its
 * failures turned into results, because a check reports a missing or stuck git rather than failing.
 */
final class Cmd {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private Cmd() {}

  /**
   * Runs {@code git <args>} in {@code env}; exit code -1, with the reason as stderr, when git could
   * not start or hung.
   */
  static GitResult git(Env env, String... args) {
    return Git.open(env).withTimeout(TIMEOUT).tryRun(List.of(args));
  }
}
