package dev.commitpolish.llm;

import java.time.Duration;

/** Waits between retries. Injectable so tests can record waits instead of spending them. */
@FunctionalInterface
public interface Sleeper {
  /** Sleeps for {@code d}; interruption propagates. */
  void sleep(Duration d) throws InterruptedException;

  /** The real sleeper ({@link Thread#sleep(long)}). */
  static Sleeper system() {
    return d -> {
      if (!d.isNegative() && !d.isZero()) {
        Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
      }
    };
  }
}
