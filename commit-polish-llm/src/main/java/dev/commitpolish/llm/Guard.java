package dev.commitpolish.llm;

import java.net.HttpURLConnection;
import java.util.Timer;
import java.util.TimerTask;

/**
 * Enforces the per-attempt request timeout, the stream idle timeout and the overall deadline by
 * closing the connection from a timer thread. Socket read timeouts alone cannot do this: they bound
 * each read, not the whole exchange, so a slowly trickling server could run forever (a LiteLLM
 * weakness: its timeout is per read phase, not total).
 */
final class Guard implements AutoCloseable {
  /**
   * Lazily created: the first guarded request pays for one daemon thread, class-load pays 0. {@link
   * java.util.Timer} rather than a ScheduledThreadPoolExecutor: it loads a handful of classes
   * instead of ~50, which matters in a JVM that lives for one commit.
   */
  private static final class Clock {
    static final Timer TIMER = new Timer("commit-polish-llm-guard", true);
    static final java.util.concurrent.atomic.AtomicInteger CANCELLED =
        new java.util.concurrent.atomic.AtomicInteger();
  }

  private final HttpURLConnection conn;
  private final Limits limits;
  private final long start = System.nanoTime();
  private volatile long lastProgress = start;
  private volatile boolean flowing;
  private volatile boolean waiting = true;
  private volatile String reason;
  private volatile boolean deadlineFired;
  private volatile boolean closed;
  private TimerTask task;

  Guard(HttpURLConnection conn, Limits limits) {
    this.conn = conn;
    this.limits = limits;
    schedule(nextCheckNanos(start));
  }

  /**
   * Marks that streamed data arrived. Once text has arrived the idle limit applies; before that
   * (prefill, role chunk, prompt-progress chunks) the request timeout still does.
   */
  void progress(boolean textArrived) {
    long now = System.nanoTime();
    lastProgress = now;
    if (textArrived && !flowing) {
      flowing = true;
      // Switch from the first-token limit to the (usually shorter) idle limit right away.
      synchronized (this) {
        if (task != null) {
          task.cancel();
        }
      }
      schedule(nextCheckNanos(now));
    }
  }

  /**
   * Marks whether the caller is blocked reading. The idle limit only counts time spent waiting for
   * the server, not time the caller spends between chunks (a slow consumer is not an idle server).
   */
  void waiting(boolean w) {
    if (w) {
      lastProgress = System.nanoTime();
    }
    waiting = w;
  }

  /** Why the guard cut the connection, or null when it did not. */
  String reason() {
    return reason;
  }

  /** True when the overall deadline (rather than a per-attempt limit) cut the connection. */
  boolean deadlineFired() {
    return deadlineFired;
  }

  private synchronized void schedule(long delayNanos) {
    if (closed || delayNanos == Limits.NONE) {
      return;
    }
    task =
        new TimerTask() {
          @Override
          public void run() {
            check();
          }
        };
    Clock.TIMER.schedule(task, Math.max(1L, delayNanos / 1_000_000L));
  }

  private long nextCheckNanos(long now) {
    long next = Limits.NONE;
    if (limits.deadlineNanos() != Limits.NONE) {
      next = Math.min(next, start + limits.deadlineNanos() - now);
    }
    if (!flowing && limits.requestNanos() != Limits.NONE) {
      next = Math.min(next, start + limits.requestNanos() - now);
    }
    if (flowing && limits.idleNanos() != Limits.NONE) {
      next = Math.min(next, lastProgress + limits.idleNanos() - now);
    }
    return next;
  }

  private void check() {
    if (closed) {
      return;
    }
    long now = System.nanoTime();
    if (limits.deadlineNanos() != Limits.NONE && now - start >= limits.deadlineNanos()) {
      deadlineFired = true;
      fire("the overall deadline was reached");
    } else if (!flowing
        && limits.requestNanos() != Limits.NONE
        && now - start >= limits.requestNanos()) {
      fire(
          "no response within the request timeout of "
              + Math.round(limits.requestNanos() / 1e6)
              + " ms");
    } else if (flowing
        && waiting
        && limits.idleNanos() != Limits.NONE
        && now - lastProgress >= limits.idleNanos()) {
      fire(
          "the stream was idle for longer than "
              + Math.round(limits.idleNanos() / 1e6)
              + " ms between chunks");
    } else {
      schedule(nextCheckNanos(now));
    }
  }

  private void fire(String why) {
    reason = why;
    // Closing the socket makes the blocked read in the caller's thread fail immediately.
    conn.disconnect();
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (task != null) {
      task.cancel();
      // Cancelled TimerTasks stay queued until their time: purge now and then in long-lived JVMs.
      if (Clock.CANCELLED.incrementAndGet() % 1024 == 0) {
        Clock.TIMER.purge();
      }
    }
  }
}
