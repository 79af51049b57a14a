package dev.commitpolish.server;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A download progress bar on stderr: bytes, rate and ETA. On a terminal it redraws one line; in a
 * pipe or log it prints a plain line at most every {@code intervalMillis}.
 */
final class Progress {

  private final PrintStream err;
  private final boolean tty;
  private final boolean quiet;
  private final long total;
  private final long startBytes;
  private final long startNanos = System.nanoTime();
  private final long intervalMillis;
  private long lastPrint = System.nanoTime();
  private boolean printed;

  Progress(
      PrintStream err, boolean tty, boolean quiet, long total, long startBytes, long interval) {
    this.err = err;
    this.tty = tty;
    this.quiet = quiet;
    this.total = total;
    this.startBytes = startBytes;
    this.intervalMillis = tty ? Math.min(interval, 200) : interval;
  }

  void update(long got) {
    long now = System.nanoTime();
    if (quiet || (now - lastPrint) / 1_000_000 < intervalMillis) {
      return;
    }
    lastPrint = now;
    print(got, false);
  }

  void done(long got) {
    if (!quiet && (printed || tty)) {
      print(got, true);
    }
    if (!quiet && tty) {
      err.println();
    }
  }

  private void print(long got, boolean finished) {
    double secs = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
    double rate = (got - startBytes) / secs;
    var sb = new StringBuilder();
    if (total > 0) {
      int pct = (int) Math.min(100, got * 100 / total);
      int filled = pct * 24 / 100;
      sb.append('[')
          .append("#".repeat(filled))
          .append("-".repeat(24 - filled))
          .append("] ")
          .append(String.format(Locale.ROOT, "%3d%% ", pct))
          .append(bytes(got))
          .append(" / ")
          .append(bytes(total));
    } else {
      sb.append(bytes(got));
    }
    sb.append("  ").append(bytes((long) rate)).append("/s");
    if (!finished && total > 0 && rate > 0) {
      sb.append("  ETA ").append(eta((long) ((total - got) / rate)));
    } else if (finished) {
      sb.append("  done");
    }
    if (tty) {
      err.print("\r" + sb + "   ");
    } else {
      err.println(sb);
    }
    err.flush();
    printed = true;
  }

  static String bytes(long b) {
    if (b < 1024) {
      return b + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = b;
    int i = -1;
    while (v >= 1024 && i < units.length - 1) {
      v /= 1024;
      i++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[i]);
  }

  static String eta(long seconds) {
    if (seconds >= 3600) {
      return String.format(
          Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds % 3600 / 60, seconds % 60);
    }
    return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
  }
}
