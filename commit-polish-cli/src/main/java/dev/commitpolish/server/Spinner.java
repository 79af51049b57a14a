package dev.commitpolish.server;

import java.io.PrintStream;

/** A one-line spinner on stderr, drawn only on a terminal (never in logs or pipes). */
final class Spinner {

  private static final String FRAMES = "|/-\\";
  private final PrintStream err;
  private final boolean enabled;
  private int frame;
  private int width;

  Spinner(PrintStream err, boolean enabled) {
    this.err = err;
    this.enabled = enabled;
  }

  void tick(String message) {
    if (!enabled) {
      return;
    }
    String line = FRAMES.charAt(frame++ % FRAMES.length()) + " " + message;
    err.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
    err.flush();
    width = line.length();
  }

  void clear() {
    if (enabled && width > 0) {
      err.print("\r" + " ".repeat(width) + "\r");
      err.flush();
      width = 0;
    }
  }
}
