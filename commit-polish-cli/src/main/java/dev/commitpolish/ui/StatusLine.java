package dev.commitpolish.ui;

import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * A live status line at the bottom of stderr: a spinner frame plus text from a supplier, redrawn
 * about ten times a second, with permanent lines printed above it.
 *
 * <p>It draws only when {@link Terminal#progress()} is true; otherwise every method is a no-op, so
 * callers need no branches and pipes and log files never see carriage returns or escape codes.
 *
 * <pre>{@code
 * try (StatusLine s = StatusLine.start(term, root.err(), () -> "waiting for the model " + secs)) {
 *   s.printAbove("first finished line");
 * }
 * }</pre>
 */
public final class StatusLine implements AutoCloseable {

  private static final String[] UNICODE_FRAMES = {"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"};
  private static final String[] ASCII_FRAMES = {"|", "/", "-", "\\"};
  private static final String CLEAR = "\r\u001b[K";

  private final PrintStream err;
  private final Supplier<String> text;
  private final Style style;
  private final int columns;
  private final Thread ticker;
  private final Thread onExit;
  private int frame;
  private int drawnWidth;
  private boolean closed;

  private StatusLine(Terminal term, PrintStream err, Supplier<String> text, boolean active) {
    this.err = err;
    this.text = text;
    this.style = term.err();
    this.columns = active ? term.columns() : 80;
    if (active) {
      ticker = new Thread(this::tick, "commit-polish-status");
      ticker.setDaemon(true);
      // Ctrl-C ends the JVM without close(): erase the line so the shell prompt starts clean.
      onExit = new Thread(this::erase, "commit-polish-status-exit");
    } else {
      ticker = null;
      onExit = null;
      closed = true;
    }
  }

  /** Starts a status line on {@code err} when {@code term} allows progress; inert otherwise. */
  public static StatusLine start(Terminal term, PrintStream err, Supplier<String> text) {
    StatusLine s = new StatusLine(term, err, text, term.progress());
    if (s.ticker != null) {
      s.redraw();
      s.ticker.start();
      Runtime.getRuntime().addShutdownHook(s.onExit);
    }
    return s;
  }

  /** A status line that never draws, for {@code --quiet}. */
  public static StatusLine disabled(Terminal term, PrintStream err) {
    return new StatusLine(term, err, () -> "", false);
  }

  /** Whether anything is being drawn. */
  public boolean active() {
    return ticker != null;
  }

  private void tick() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        Thread.sleep(100);
        synchronized (this) {
          if (closed) {
            return;
          }
          frame++;
          redraw();
        }
      }
    } catch (InterruptedException e) {
      // close() interrupts the ticker: nothing left to draw.
    }
  }

  /** Redraws now (e.g. after the text changed), without waiting for the next tick. */
  public synchronized void refresh() {
    if (!closed) {
      redraw();
    }
  }

  /** Prints {@code line} permanently above the status line. */
  public synchronized void printAbove(String line) {
    if (closed) {
      return;
    }
    err.print(clear());
    err.println(line);
    drawnWidth = 0;
    redraw();
  }

  private void redraw() {
    String[] frames = style.unicode() ? UNICODE_FRAMES : ASCII_FRAMES;
    String f = frames[frame % frames.length];
    // Leave the last column free: writing into it makes many terminals wrap, which breaks \r.
    String body = fit(text.get(), columns - 3);
    String clear = clear();
    err.print(clear + style.paint(Colour.CYAN, f) + " " + body);
    drawnWidth = 2 + body.codePointCount(0, body.length());
    err.flush();
  }

  /**
   * Returns to the start of the line and erases it. With colour allowed that is the usual erase
   * escape; with {@code NO_COLOR} (which users also set to get escape-free logs of terminal
   * sessions) the old text is overwritten with spaces instead, so no escape sequence is written.
   */
  private String clear() {
    if (style.colour()) {
      return CLEAR;
    }
    return "\r" + " ".repeat(drawnWidth) + "\r";
  }

  /** {@code s} shortened from the left to {@code width} code points, so the newest text shows. */
  String fit(String s, int width) {
    String oneLine = s.replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
    int n = oneLine.codePointCount(0, oneLine.length());
    if (width <= 0 || n <= width) {
      return oneLine;
    }
    String dots = style.ellipsis();
    int keep = Math.max(0, width - dots.length());
    int start = oneLine.offsetByCodePoints(0, n - keep);
    return dots + oneLine.substring(start);
  }

  private synchronized boolean erase() {
    if (closed) {
      return false;
    }
    closed = true;
    err.print(clear());
    err.flush();
    return true;
  }

  /** Erases the status line and stops redrawing. Safe to call twice. */
  @Override
  public void close() {
    if (!erase()) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(onExit);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down; the hook erases (again, harmlessly)
    }
    ticker.interrupt();
    try {
      ticker.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
