package dev.commitpolish.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Wall-clock marks along one run, for finding where start-up time goes: enabled with {@code
 * -Dcommit-polish.timing=true} (e.g. {@code COMMIT_POLISH_JAVA_OPTS=-Dcommit-polish.timing=true}),
 * printed to stderr at the end. Off, a mark is one static boolean read.
 */
public final class Timing {

  private static final boolean ON = Boolean.getBoolean("commit-polish.timing");
  private static final long T0 = System.nanoTime();
  private static final List<Object[]> MARKS = ON ? new ArrayList<>() : List.of();

  private Timing() {}

  /** Records that {@code what} just happened, with the thread it happened on. */
  public static void mark(String what) {
    if (ON) {
      long now = System.nanoTime();
      // Formatted only when printed: String.format's first use would be the biggest mark.
      synchronized (MARKS) {
        if (MARKS.size() > 10_000) {
          return; // bounded: a resident worker started with timing on would collect forever
        }
        MARKS.add(new Object[] {now - T0, Thread.currentThread().getName(), what});
      }
    }
  }

  /** Prints the marks (nothing when disabled). */
  public static void print(PrintStream err) {
    if (ON) {
      // Only when enabled: the management classes cost more than everything they measure.
      long uptime = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
      long sinceT0 = (System.nanoTime() - T0) / 1_000_000;
      synchronized (MARKS) {
        err.println(
            "commit-polish timing: ms since Timing was loaded; the JVM was up "
                + (uptime - sinceT0)
                + " ms then");
        for (Object[] m : MARKS) {
          err.printf("%8.1f ms  %-24s %s%n", (Long) m[0] / 1e6, m[1], m[2]);
        }
      }
    }
  }
}
