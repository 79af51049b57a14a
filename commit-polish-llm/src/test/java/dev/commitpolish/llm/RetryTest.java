package dev.commitpolish.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.commitpolish.standin.Fault;
import dev.commitpolish.standin.Profile;
import dev.commitpolish.standin.StandInServer;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Retries, backoff, Retry-After and deadlines, with a fake clock that the sleeper advances. */
class RetryTest {
  private final Fixtures.FakeTime time = new Fixtures.FakeTime();

  private LlmClient client(RetryPolicy policy) {
    return Fixtures.client()
        .retryPolicy(policy)
        .clock(time)
        .sleeper(time)
        .random(new Random(7))
        .build();
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void retries5xxWithExponentialBackoffThenSucceeds(Profile profile) {
    try (StandInServer s = Fixtures.server(profile).reply("ok").start()) {
      s.enqueueFault(Fault.status(500));
      s.enqueueFault(Fault.status(502));
      ChatResponse r = client(RetryPolicy.defaults()).chat(Fixtures.req(s).build());

      assertThat(r.content()).isEqualTo("ok");
      assertThat(r.attempts()).isEqualTo(3);
      assertThat(s.requests()).hasSize(3);
      assertThat(time.sleeps).hasSize(2);
      assertThat(time.sleeps.get(0)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1250));
      assertThat(time.sleeps.get(1)).isBetween(Duration.ofMillis(1000), Duration.ofMillis(1750));
    }
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void givesUpAfterMaxRetries(Profile profile) {
    try (StandInServer s = Fixtures.server(profile).start()) {
      for (int i = 0; i < 3; i++) {
        s.enqueueFault(Fault.status(503));
      }
      assertThatThrownBy(() -> client(RetryPolicy.defaults()).chat(Fixtures.req(s).build()))
          .isInstanceOf(ServiceUnavailableException.class)
          .satisfies(e -> assertThat(((LlmException) e).attempts()).isEqualTo(3));
      assertThat(s.requests()).hasSize(3);
    }
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void honoursRetryAfterSeconds(Profile profile) {
    try (StandInServer s = Fixtures.server(profile).reply("ok").start()) {
      s.enqueueFault(Fault.retryAfter(429, 7));
      assertThat(client(RetryPolicy.defaults()).chat(Fixtures.req(s).build()).attempts())
          .isEqualTo(2);
      assertThat(time.sleeps)
          .singleElement()
          .satisfies(d -> assertThat(d).isBetween(Duration.ofSeconds(7), Duration.ofMillis(7750)));
    }
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void honoursRetryAfterHttpDate(Profile profile) {
    try (StandInServer s = Fixtures.server(profile).reply("ok").start()) {
      String date =
          DateTimeFormatter.RFC_1123_DATE_TIME.format(
              time.instant().plusSeconds(12).atOffset(ZoneOffset.UTC));
      s.enqueueFault(Fault.retryAfterHeader(503, date));
      client(RetryPolicy.defaults()).chat(Fixtures.req(s).build());
      assertThat(time.sleeps)
          .singleElement()
          .satisfies(
              d -> assertThat(d).isBetween(Duration.ofSeconds(12), Duration.ofMillis(12750)));
    }
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void ignoresRetryAfterAbove60Seconds(Profile profile) {
    try (StandInServer s = Fixtures.server(profile).reply("ok").start()) {
      s.enqueueFault(Fault.retryAfter(503, 120));
      client(RetryPolicy.defaults()).chat(Fixtures.req(s).build());
      assertThat(time.sleeps)
          .singleElement()
          .satisfies(d -> assertThat(d).isBetween(Duration.ofMillis(500), Duration.ofMillis(1250)));
    }
  }

  static Stream<Arguments> neverRetried() {
    return Fixtures.PROFILES.stream()
        .flatMap(p -> Stream.of(400, 401, 403, 404, 422).map(st -> Arguments.of(p, st)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("neverRetried")
  void neverRetriesClientErrors(Profile profile, int status) {
    try (StandInServer s = Fixtures.server(profile).start()) {
      s.enqueueFault(Fault.status(status));
      assertThatThrownBy(
              () -> client(RetryPolicy.defaults().withMaxRetries(5)).chat(Fixtures.req(s).build()))
          .isInstanceOf(LlmException.class)
          .satisfies(e -> assertThat(((LlmException) e).statusCode()).isEqualTo(status));
      assertThat(s.requests()).hasSize(1);
      assertThat(time.sleeps).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void retriesConnectionErrorsAnd409(Profile profile) {
    try (StandInServer s = Fixtures.server(profile).reply("ok").start()) {
      s.enqueueFault(Fault.dropConnection());
      s.enqueueFault(Fault.status(409));
      s.enqueueFault(Fault.emptyReply());
      assertThat(
              client(RetryPolicy.defaults().withMaxRetries(3))
                  .chat(Fixtures.req(s).build())
                  .attempts())
          .isEqualTo(4);
    }
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void llamacppLoadingIsRetriedUntilReady(Profile profile) {
    try (StandInServer s = Fixtures.server(profile).reply("ok").start()) {
      s.enqueueFault(Fault.loading());
      assertThat(client(RetryPolicy.defaults()).chat(Fixtures.req(s).build()).content())
          .isEqualTo("ok");
    }
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void connectionRefusedIsRetriedThenReported(Profile profile) {
    String base = "http://127.0.0.1:" + Fixtures.closedPort() + "/v1";
    assertThatThrownBy(
            () ->
                client(RetryPolicy.defaults())
                    .chat(ChatRequest.builder("llamafile/g").user("x").apiBase(base).build()))
        .isInstanceOf(ApiConnectionException.class)
        .hasMessageContaining("Is the server running at " + base)
        .satisfies(e -> assertThat(((LlmException) e).attempts()).isEqualTo(3));
    assertThat(time.sleeps).hasSize(2);
    assertThat(profile).isNotNull();
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void deadlineStopsRetriesThatWouldOverrunIt(Profile profile) {
    try (StandInServer s = Fixtures.server(profile).start()) {
      for (int i = 0; i < 10; i++) {
        s.enqueueFault(Fault.status(503));
      }
      LlmClient c =
          Fixtures.client()
              .retryPolicy(RetryPolicy.defaults().withMaxRetries(10))
              .clock(time)
              .sleeper(time)
              .deadline(Duration.ofSeconds(3))
              .build();
      assertThatThrownBy(() -> c.chat(Fixtures.req(s).build()))
          .isInstanceOf(ServiceUnavailableException.class);
      Duration slept = time.sleeps.stream().reduce(Duration.ZERO, Duration::plus);
      assertThat(slept).isLessThan(Duration.ofSeconds(3));
      assertThat(s.requests().size()).isBetween(2, 3);
    }
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void spentDeadlineIsATimeout(Profile profile) {
    try (StandInServer s = Fixtures.server(profile).start()) {
      s.enqueueFault(Fault.status(503));
      s.enqueueFault(Fault.status(503));
      // A sleeper that also lets "wall time" pass beyond the backoff, as a slow network would.
      Sleeper slow = d -> time.sleep(d.plusSeconds(5));
      LlmClient c =
          Fixtures.client()
              .retryPolicy(RetryPolicy.defaults())
              .clock(time)
              .sleeper(slow)
              .deadline(Duration.ofSeconds(4))
              .build();
      assertThatThrownBy(() -> c.chat(Fixtures.req(s).build()))
          .isInstanceOf(RequestTimeoutException.class)
          .hasMessageContaining("overall deadline of 4.0 s")
          .hasCauseInstanceOf(ServiceUnavailableException.class);
      assertThat(s.requests()).hasSize(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void clientRequestTimeoutIsNotRetriedForNonStreamingCalls(Profile profile) {
    try (StandInServer s = Fixtures.server(profile).start()) {
      s.enqueueFault(Fault.delay(Duration.ofSeconds(3)));
      LlmClient c =
          Fixtures.client()
              .retryPolicy(RetryPolicy.defaults())
              .requestTimeout(Duration.ofMillis(300))
              .clock(time)
              .sleeper(time)
              .build();
      assertThatThrownBy(() -> c.chat(Fixtures.req(s).build()))
          .isInstanceOf(RequestTimeoutException.class)
          .hasMessageContaining("request timeout of 300 ms");
      assertThat(s.requests()).hasSize(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void interruptedBackoffStopsRetrying(Profile profile) {
    try (StandInServer s = Fixtures.server(profile).start()) {
      s.enqueueFault(Fault.status(500));
      LlmClient c =
          Fixtures.client()
              .retryPolicy(RetryPolicy.defaults())
              .sleeper(
                  d -> {
                    throw new InterruptedException();
                  })
              .build();
      assertThatThrownBy(() -> c.chat(Fixtures.req(s).build()))
          .isInstanceOf(ApiConnectionException.class)
          .hasMessageContaining("Interrupted");
      assertThat(Thread.interrupted()).isTrue();
      assertThat(s.requests()).hasSize(1);
    }
  }
}
