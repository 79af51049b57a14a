package dev.commitpolish.git;

import java.util.List;
import java.util.Objects;

/**
 * What one {@code git} run produced. Output is decoded as UTF-8, replacing invalid bytes.
 *
 * @param command the argv that ran, starting with the git executable
 * @param exitCode the exit status
 * @param stdout standard output
 * @param stderr standard error (capped; git's messages are short)
 * @param truncated whether stdout was cut at the byte limit the caller asked for
 */
public record GitResult(
    List<String> command, int exitCode, String stdout, String stderr, boolean truncated) {

  public GitResult {
    command = List.copyOf(command);
    Objects.requireNonNull(stdout, "stdout");
    Objects.requireNonNull(stderr, "stderr");
  }

  /** Whether git exited with 0. */
  public boolean ok() {
    return exitCode == 0;
  }

  /** Stdout without its trailing line break(s): the value of one-line commands. */
  public String line() {
    int end = stdout.length();
    while (end > 0 && (stdout.charAt(end - 1) == '\n' || stdout.charAt(end - 1) == '\r')) {
      end--;
    }
    return stdout.substring(0, end);
  }

  /** This result when git exited with 0, else a {@link GitException} carrying stderr. */
  public GitResult orThrow() {
    if (!ok()) {
      throw new GitException(command, exitCode, stderr, null);
    }
    return this;
  }
}
