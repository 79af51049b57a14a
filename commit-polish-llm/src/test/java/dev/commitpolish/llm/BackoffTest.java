package dev.commitpolish.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private final RetryPolicy p = RetryPolicy.defaults();

  @Test
  void backoff_doublesFromHalfASecondAndCapsAtEight() {
    assertThat(p.backoff(0, null, 0)).isEqualTo(Duration.ofMillis(500));
    assertThat(p.backoff(1, null, 0)).isEqualTo(Duration.ofSeconds(1));
    assertThat(p.backoff(2, null, 0)).isEqualTo(Duration.ofSeconds(2));
    assertThat(p.backoff(4, null, 0)).isEqualTo(Duration.ofSeconds(8));
    assertThat(p.backoff(10, null, 0)).isEqualTo(Duration.ofSeconds(8));
    assertThat(p.backoff(200, null, 0)).isEqualTo(Duration.ofSeconds(8));
  }

  @Test
  void backoff_addsUpTo750msJitter() {
    assertThat(p.backoff(0, null, 0.999))
        .isBetween(Duration.ofMillis(1249), Duration.ofMillis(1250));
    assertThat(p.backoff(0, null, 0.5)).isEqualTo(Duration.ofMillis(875));
  }

  @Test
  void backoff_retryAfterWinsUpTo60s() {
    assertThat(p.backoff(0, Duration.ofSeconds(7), 0)).isEqualTo(Duration.ofSeconds(7));
    assertThat(p.backoff(0, Duration.ofSeconds(60), 0)).isEqualTo(Duration.ofSeconds(60));
    assertThat(p.backoff(0, Duration.ofSeconds(61), 0)).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void retryAfter_parsesSecondsAndHttpDates() {
    Instant now = Instant.parse("2026-11-26T07:00:00Z");
    assertThat(ErrorMapper.retryAfter("3", now)).isEqualTo(Duration.ofSeconds(3));
    assertThat(ErrorMapper.retryAfter("1.5", now)).isEqualTo(Duration.ofMillis(1500));
    assertThat(ErrorMapper.retryAfter("Thu, 26 Nov 2026 07:00:12 GMT", now))
        .isEqualTo(Duration.ofSeconds(12));
    assertThat(ErrorMapper.retryAfter("Thu, 26 Nov 2026 06:59:00 GMT", now)).isNull();
    assertThat(ErrorMapper.retryAfter("soon", now)).isNull();
    assertThat(ErrorMapper.retryAfter("0", now)).isNull();
    assertThat(ErrorMapper.retryAfter(null, now)).isNull();
  }

  @Test
  void shouldRetry_matchesLiteLlm() {
    for (int s : new int[] {408, 409, 429, 500, 502, 503, 504, 599}) {
      assertThat(ErrorMapper.shouldRetry(s)).as("%d", s).isTrue();
    }
    for (int s : new int[] {400, 401, 403, 404, 422, 200}) {
      assertThat(ErrorMapper.shouldRetry(s)).as("%d", s).isFalse();
    }
  }
}
