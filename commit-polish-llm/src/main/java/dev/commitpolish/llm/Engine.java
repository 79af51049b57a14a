package dev.commitpolish.llm;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The retry, fallback and deadline loop shared by {@link LlmClient} and {@link Router}.
 *
 * <p>Better than LiteLLM in three ways: only retryable failures are retried (LiteLLM's {@code
 * num_retries} retries 400 and 401 too, with no wait); one overall deadline bounds every attempt,
 * backoff and fallback (LiteLLM only has per-phase timeouts); and a backoff that would overrun the
 * deadline is skipped in favour of the next fallback instead of being slept.
 */
final class Engine {
  final Map<String, String> env;
  final RetryPolicy policy;
  final Duration connectTimeout;
  final Duration requestTimeout;
  final Duration deadline;
  final Duration streamIdleTimeout;
  final Clock clock;
  final Sleeper sleeper;
  final Random random;
  final PriceTable prices;
  final Consumer<String> warnings;

  Engine(
      Map<String, String> env,
      RetryPolicy policy,
      Duration connectTimeout,
      Duration requestTimeout,
      Duration deadline,
      Duration streamIdleTimeout,
      Clock clock,
      Sleeper sleeper,
      Random random,
      PriceTable prices,
      Consumer<String> warnings) {
    this.env = Map.copyOf(env);
    this.policy = policy;
    this.connectTimeout = connectTimeout;
    this.requestTimeout = requestTimeout;
    this.deadline = deadline;
    this.streamIdleTimeout = streamIdleTimeout;
    this.clock = clock;
    this.sleeper = sleeper;
    this.random = random;
    this.prices = prices;
    this.warnings = warnings;
  }

  /** One HTTP attempt against a resolved target. */
  @FunctionalInterface
  interface Attempt<T> {
    T run(Target target, Limits limits, Instant now);
  }

  /** A successful result plus how many attempts it took. */
  record Outcome<T>(T value, int attempts, long startNanos) {
    /** The chat result with the whole call's duration and attempts (retries and fallbacks). */
    static ChatResponse timed(Outcome<ChatResponse> o) {
      return o.value().withCall(Duration.ofNanos(System.nanoTime() - o.startNanos()), o.attempts());
    }
  }

  /**
   * Runs {@code op} through the stages: retries within a stage, then the next stage (fallback)
   * after a retryable failure; a context-window error jumps to its mapped fallback.
   */
  <T> Outcome<T> run(
      List<Supplier<Stage>> stages,
      Function<String, Supplier<Stage>> contextFallback,
      Attempt<T> op) {
    long startNanos = System.nanoTime();
    Instant deadlineAt = deadline == null ? null : clock.instant().plus(deadline);
    Deque<Supplier<Stage>> queue = new ArrayDeque<>(stages);
    Set<String> contextUsed = new HashSet<>();
    Set<String> warned = new HashSet<>();
    int attempts = 0;
    LlmException last = null;
    while (!queue.isEmpty()) {
      Stage stage;
      try {
        stage = queue.poll().get();
      } catch (LlmException e) {
        if (last != null) {
          e.addSuppressed(last);
        }
        e.attempts(Math.max(attempts, 1));
        throw e;
      }
      List<Target> failed = new ArrayList<>();
      for (int retry = 0; ; retry++) {
        Target t = stage.pick(failed);
        for (ApiBaseProblem w : t.warnings()) {
          if (warned.add(w.message())) {
            warnings.accept("warning: " + w.message() + " Fix: " + w.fix());
          }
        }
        Instant now = clock.instant();
        long remaining = Limits.NONE;
        if (deadlineAt != null) {
          Duration left = Duration.between(now, deadlineAt);
          if (left.isNegative() || left.isZero()) {
            throw deadlineExceeded(last, attempts);
          }
          remaining = left.toNanos();
        }
        attempts++;
        try {
          T value = op.run(t, limits(remaining), now);
          return new Outcome<>(value, attempts, startNanos);
        } catch (LlmException e) {
          e.attempts(attempts);
          last = e;
          if (e instanceof ContextWindowExceededException) {
            Supplier<Stage> fb = contextFallback.apply(t.label());
            if (fb == null) {
              fb = contextFallback.apply(stage.name());
            }
            if (fb != null && contextUsed.add(stage.name())) {
              queue.addFirst(fb);
              break;
            }
            throw e;
          }
          if (!e.isRetryable()) {
            throw e;
          }
          failed.add(t);
          if (retry >= stage.maxRetries()) {
            break; // next fallback
          }
          Duration wait =
              stage.hasAlternative(failed)
                  ? Duration.ZERO
                  : policy.backoff(retry, e.retryAfter().orElse(null), random.nextDouble());
          if (deadlineAt != null && !clock.instant().plus(wait).isBefore(deadlineAt)) {
            break; // sleeping would spend the deadline: try the next fallback right away
          }
          sleep(wait, e);
        }
      }
    }
    if (last == null) {
      throw new IllegalStateException("no stages to run");
    }
    if (deadlineAt != null && !clock.instant().isBefore(deadlineAt)) {
      throw deadlineExceeded(last, attempts);
    }
    throw last;
  }

  private void sleep(Duration wait, LlmException cause) {
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      ApiConnectionException e =
          new ApiConnectionException(
              "Interrupted while waiting to retry after: " + cause.getMessage(),
              cause.info().withRetryable(false),
              ie);
      e.attempts(cause.attempts());
      throw e;
    }
  }

  private RequestTimeoutException deadlineExceeded(LlmException last, int attempts) {
    ErrorInfo info = last == null ? ErrorInfo.of(0, false) : last.info().withRetryable(false);
    RequestTimeoutException e =
        new RequestTimeoutException(
            "The overall deadline of "
                + deadline.toMillis() / 1000.0
                + " s was reached after "
                + attempts
                + " attempt(s)"
                + (last == null ? "." : "; last error: " + last.getMessage()),
            info,
            last);
    e.attempts(Math.max(attempts, 1));
    return e;
  }

  Limits limits(long remainingNanos) {
    return new Limits(
        nanos(connectTimeout), nanos(requestTimeout), nanos(streamIdleTimeout), remainingNanos);
  }

  private static long nanos(Duration d) {
    return d == null ? Limits.NONE : d.toNanos();
  }
}
