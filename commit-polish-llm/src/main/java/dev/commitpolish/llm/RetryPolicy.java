package dev.commitpolish.llm;

import java.time.Duration;
import java.util.Objects;

/**
 * How failed attempts are retried: exponential backoff {@code initial * 2^n}, capped at {@code
 * maxBackoff}, plus up to {@code maxJitter} random jitter; a server Retry-After of at most {@code
 * maxRetryAfter} wins over the computed backoff. Defaults equal LiteLLM's: 2 retries, 0.5 s
 * doubling to 8 s, 0.75 s jitter, Retry-After up to 60 s.
 *
 * @param maxRetries retries after the first attempt (0 = single attempt)
 * @param initialBackoff wait before the first retry
 * @param maxBackoff cap on the exponential part
 * @param maxJitter upper bound of the uniform random jitter added to every wait
 * @param maxRetryAfter largest Retry-After honoured; larger values fall back to the backoff
 */
public record RetryPolicy(
    int maxRetries,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration maxJitter,
    Duration maxRetryAfter) {

  /** Validates the fields. */
  public RetryPolicy {
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must not be negative");
    }
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(maxJitter, "maxJitter");
    Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
    if (initialBackoff.isNegative()
        || maxBackoff.isNegative()
        || maxJitter.isNegative()
        || maxRetryAfter.isNegative()) {
      throw new IllegalArgumentException("durations must not be negative");
    }
  }

  /** LiteLLM's defaults: 2 retries, 0.5 s → 8 s, 0.75 s jitter, Retry-After ≤ 60 s. */
  public static RetryPolicy defaults() {
    return new RetryPolicy(
        2,
        Duration.ofMillis(500),
        Duration.ofSeconds(8),
        Duration.ofMillis(750),
        Duration.ofSeconds(60));
  }

  /** A single attempt, no retries. */
  public static RetryPolicy none() {
    return defaults().withMaxRetries(0);
  }

  /** A copy with a different retry count. */
  public RetryPolicy withMaxRetries(int n) {
    return new RetryPolicy(n, initialBackoff, maxBackoff, maxJitter, maxRetryAfter);
  }

  /**
   * The wait before retry number {@code retry} (0-based).
   *
   * @param retryAfter the server's Retry-After, or null
   * @param random01 a uniform random number in [0, 1) for the jitter
   */
  public Duration backoff(int retry, Duration retryAfter, double random01) {
    Duration jitter = Duration.ofNanos((long) (maxJitter.toNanos() * random01));
    if (retryAfter != null
        && !retryAfter.isNegative()
        && !retryAfter.isZero()
        && retryAfter.compareTo(maxRetryAfter) <= 0) {
      // The server knows when it will be ready (e.g. after loading a model): do what it says.
      return retryAfter.plus(jitter);
    }
    long base = initialBackoff.toNanos();
    long exp = retry >= 62 ? Long.MAX_VALUE : base << Math.min(retry, 40);
    if (exp < 0 || (base != 0 && exp / base != (1L << Math.min(retry, 40)))) {
      exp = Long.MAX_VALUE;
    }
    long capped = Math.min(exp, maxBackoff.toNanos());
    return Duration.ofNanos(capped).plus(jitter);
  }
}
