package dev.commitpolish.ui;

import java.io.IOException;
import java.util.Optional;

/**
 * Where interactive questions go. The real one is the controlling terminal ({@link #openTty}), so
 * questions work even when stdout is piped and stdin is not the keyboard (as in a git hook); tests
 * substitute their own.
 */
public interface Console extends AutoCloseable {

  /**
   * Shows {@code prompt} and reads one line.
   *
   * @return the line without its terminator, or empty at end of input
   */
  Optional<String> ask(String prompt) throws IOException;

  /** Prints one line to the user. */
  void say(String line);

  /**
   * Whether this console is the controlling terminal, so a child process (an editor) can be given
   * {@code /dev/tty} as its stdin and stdout.
   */
  default boolean isTerminal() {
    return false;
  }

  /** Decoration suitable for this console. */
  Style style();

  @Override
  void close();

  /**
   * Opens {@code /dev/tty}, the controlling terminal.
   *
   * @return empty when the process has no controlling terminal (CI, cron, IDE without a tty)
   */
  static Optional<Console> openTty(Terminal term) {
    return TtyConsole.open(term);
  }
}
