package dev.commitpolish.polish;

import dev.commitpolish.ui.Colour;
import dev.commitpolish.ui.Mark;
import dev.commitpolish.ui.StatusLine;
import dev.commitpolish.ui.Terminal;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * Shows generation as it happens on stderr: finished lines of the model's output scroll up, and a
 * status line at the bottom shows a spinner, elapsed time, tokens/s and the line being written.
 * Before the first token (prompt processing on a CPU can take seconds) it says so.
 *
 * <p>Draws nothing unless stderr is a terminal (see {@link Terminal#progress()}).
 */
final class StreamView implements Generator.Listener, AutoCloseable {

  private final Terminal term;
  private final Clock clock;
  private final long startMillis;
  private final StringBuilder currentLine = new StringBuilder();
  private final StatusLine status;
  private volatile long firstTokenMillis = -1;
  private volatile int tokens;

  /**
   * Starts showing progress.
   *
   * @param show false for {@code --quiet}: nothing is drawn even on a terminal
   */
  StreamView(Terminal term, PrintStream err, Clock clock, boolean show) {
    this.term = term;
    this.clock = clock;
    this.startMillis = clock.millis();
    this.status =
        show ? StatusLine.start(term, err, this::statusText) : StatusLine.disabled(term, err);
  }

  private String statusText() {
    long now = clock.millis();
    String elapsed = Terminal.formatDuration(Duration.ofMillis(now - startMillis));
    if (firstTokenMillis < 0) {
      return "waiting for the model (reading the diff) " + elapsed;
    }
    String line;
    synchronized (currentLine) {
      line = currentLine.toString();
    }
    return elapsed
        + " "
        + dot()
        + " "
        + tokens
        + " tok "
        + dot()
        + " "
        + rate(now)
        + " tok/s  "
        + line;
  }

  private String dot() {
    return term.err().unicode() ? "·" : "|";
  }

  private String rate(long now) {
    long since = now - firstTokenMillis;
    if (since <= 0 || tokens < 2) {
      return "-";
    }
    return String.format(Locale.ROOT, "%.1f", tokens * 1000.0 / since);
  }

  @Override
  public void onToken(String delta) {
    if (delta.isEmpty()) {
      return;
    }
    if (firstTokenMillis < 0) {
      firstTokenMillis = clock.millis();
    }
    tokens++;
    int start = 0;
    int nl;
    while ((nl = delta.indexOf('\n', start)) >= 0) {
      String done;
      synchronized (currentLine) {
        currentLine.append(delta, start, nl);
        done = currentLine.toString();
        currentLine.setLength(0);
      }
      status.printAbove("  " + term.err().paint(Colour.DIM, done));
      start = nl + 1;
    }
    synchronized (currentLine) {
      currentLine.append(delta, start, delta.length());
    }
    status.refresh();
  }

  @Override
  public void onRestart(String reason) {
    String partial;
    synchronized (currentLine) {
      partial = currentLine.toString();
      currentLine.setLength(0);
    }
    if (!partial.isEmpty()) {
      status.printAbove("  " + term.err().paint(Colour.DIM, partial));
    }
    status.printAbove(term.err().mark(Mark.WARN) + " retrying: " + reason);
  }

  /** Erases the status line; the finished lines stay. */
  @Override
  public void close() {
    String partial;
    synchronized (currentLine) {
      partial = currentLine.toString();
      currentLine.setLength(0);
    }
    if (!partial.isEmpty()) {
      status.printAbove("  " + term.err().paint(Colour.DIM, partial));
    }
    status.close();
  }

  /** Elapsed time, token count and rate, for the line printed after generation. */
  String summary(int reportedTokens) {
    long now = clock.millis();
    int n = reportedTokens > 0 ? reportedTokens : tokens;
    String elapsed = Terminal.formatDuration(Duration.ofMillis(now - startMillis));
    if (firstTokenMillis < 0 || n == 0) {
      return "generated in " + elapsed;
    }
    long genMillis = Math.max(1, now - firstTokenMillis);
    return String.format(
        Locale.ROOT, "generated %d tokens in %s (%.1f tok/s)", n, elapsed, n * 1000.0 / genMillis);
  }

  boolean active() {
    return status.active();
  }
}
