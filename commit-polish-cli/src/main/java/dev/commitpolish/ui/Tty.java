package dev.commitpolish.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether this process's standard streams are terminals. Java has no {@code isatty}; on Linux the
 * answer is where {@code /proc/self/fd/N} points. Elsewhere {@link System#console()} (non-null only
 * when stdin and stdout are both terminals on JDK 17) is the best available hint.
 */
final class Tty {

  private Tty() {}

  /** Whether file descriptor {@code fd} (1 = stdout, 2 = stderr) of this process is a terminal. */
  static boolean isTerminal(int fd) {
    Path link = Path.of("/proc/self/fd/" + fd);
    try {
      String target = Files.readSymbolicLink(link).toString();
      return isTerminalDevice(target);
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      // No procfs (macOS, BSD): fall back to the JDK's own, coarser check.
      return System.console() != null;
    }
  }

  static boolean isTerminalDevice(String path) {
    return path.startsWith("/dev/pts/")
        || path.startsWith("/dev/tty")
        || path.equals("/dev/console");
  }
}
