package dev.commitpolish.llm;

/**
 * Time limits for one HTTP attempt, all in nanoseconds of the monotonic clock; {@code
 * Long.MAX_VALUE} means "none".
 *
 * @param connectNanos TCP connect timeout
 * @param requestNanos limit for a non-streaming attempt, or until the first streamed token
 * @param idleNanos limit on the gap between streamed chunks
 * @param deadlineNanos what is left of the overall deadline
 */
record Limits(long connectNanos, long requestNanos, long idleNanos, long deadlineNanos) {

  static final long NONE = Long.MAX_VALUE;

  int connectMillis() {
    return toMillis(Math.min(connectNanos, deadlineNanos));
  }

  /** Socket read timeout: a backstop; the Guard enforces the precise limits. */
  int readMillis(boolean streaming) {
    long first = Math.min(requestNanos, deadlineNanos);
    long v = streaming ? Math.max(first, Math.min(idleNanos, deadlineNanos)) : first;
    return toMillis(v == NONE ? NONE : v + 1_000_000_000L);
  }

  private static int toMillis(long nanos) {
    if (nanos == NONE || nanos / 1_000_000L >= Integer.MAX_VALUE) {
      return 0; // HttpURLConnection: 0 = infinite
    }
    return (int) Math.max(1, nanos / 1_000_000L);
  }
}
