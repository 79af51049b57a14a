package dev.commitpolish.git;

import java.util.List;

/**
 * A git command failed, timed out, or could not be started. The message names the command, the exit
 * code and git's own error text, which usually says what to do.
 */
public final class GitException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Exit code used when git did not exit on its own (timeout, not startable). */
  public static final int NO_EXIT = -1;

  private final transient List<String> command;
  private final int exitCode;
  private final String stderr;

  /**
   * @param command argv, starting with the git executable
   * @param exitCode exit status, or {@link #NO_EXIT}
   * @param stderr git's error output ("" if none)
   * @param detail what went wrong when git did not exit by itself; null for a plain failure
   */
  public GitException(List<String> command, int exitCode, String stderr, String detail) {
    super(message(command, exitCode, stderr, detail));
    this.command = List.copyOf(command);
    this.exitCode = exitCode;
    this.stderr = stderr == null ? "" : stderr;
  }

  /** The argv that ran. */
  public List<String> command() {
    return command;
  }

  /** Exit status, or {@link #NO_EXIT} when git timed out or could not start. */
  public int exitCode() {
    return exitCode;
  }

  /** Git's standard error. */
  public String stderr() {
    return stderr;
  }

  private static String message(List<String> command, int exitCode, String stderr, String detail) {
    var sb = new StringBuilder();
    sb.append(shown(command));
    if (detail != null) {
      sb.append(": ").append(detail);
    } else {
      sb.append(" failed (exit ").append(exitCode).append(')');
    }
    String err = stderr == null ? "" : stderr.strip();
    if (!err.isEmpty()) {
      // The first lines carry git's "fatal: ..." reason; hints after them can be long.
      String[] lines = err.split("\n", 4);
      sb.append(": ")
          .append(String.join(" / ", java.util.Arrays.copyOf(lines, Math.min(3, lines.length))));
    }
    return sb.toString();
  }

  private static String shown(List<String> command) {
    if (command.isEmpty()) {
      return "git";
    }
    var parts = new java.util.ArrayList<String>();
    parts.add("git");
    parts.addAll(command.subList(1, command.size()));
    return String.join(" ", parts);
  }
}
