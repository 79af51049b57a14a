package dev.commitpolish.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.commitpolish.standin.Fault;
import dev.commitpolish.standin.Profile;
import dev.commitpolish.standin.StandInServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Both SSE dialects over real sockets: llamafile 0.9 (no [DONE], no usage) and llama.cpp. */
class StreamingTest {
  static final String REPLY = "fix(stream): handle both dialects";

  @ParameterizedTest
  @EnumSource(Profile.class)
  void stream_deliversDeltasAndAccumulatedResponse(Profile profile) {
    try (StandInServer s = Fixtures.server(profile).reply(REPLY).start();
        ChatStream stream =
            Fixtures.client().build().chatStream(Fixtures.req(s).maxTokens(100).build())) {
      StringBuilder sb = new StringBuilder();
      List<String> finishes = new ArrayList<>();
      for (ChatChunk c : stream) {
        sb.append(c.delta());
        c.finish().ifPresent(finishes::add);
      }
      ChatResponse r = stream.response();

      assertThat(sb).hasToString(REPLY);
      assertThat(r.content()).isEqualTo(REPLY);
      assertThat(r.finishReason()).isEqualTo("stop");
      assertThat(finishes).containsExactly("stop");
      assertThat(r.truncated()).isFalse();
      assertThat(r.model()).isEqualTo("llamafile/gemma-3-3b");
      assertThat(r.attempts()).isEqualTo(1);
      Map<String, Object> body = s.requests().get(0).json();
      assertThat(body.get("stream")).isEqualTo(true);
      assertThat(body.get("stream_options")).isEqualTo(Map.of("include_usage", true));
      if (profile == Profile.LLAMACPP) {
        assertThat(r.usage().estimated()).as("llama.cpp sends a usage chunk").isFalse();
        assertThat(r.usage().completionTokens()).isEqualTo(s.tokenizer().count(REPLY));
      } else {
        assertThat(r.usage().estimated()).as("llamafile streams carry no usage").isTrue();
        assertThat(r.usage().completionTokens()).isPositive();
        assertThat(r.usage().promptTokens()).isPositive();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void stream_worksAsJavaStream(Profile profile) {
    try (StandInServer s = Fixtures.server(profile).reply(REPLY).start();
        ChatStream stream = Fixtures.client().build().chatStream(Fixtures.req(s).build())) {
      assertThat(stream.stream().map(ChatChunk::delta).collect(Collectors.joining()))
          .isEqualTo(REPLY);
    }
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void stream_detectsTruncation(Profile profile) {
    try (StandInServer s = Fixtures.server(profile).reply(REPLY + " and more words here").start();
        ChatStream stream =
            Fixtures.client().build().chatStream(Fixtures.req(s).maxTokens(3).build())) {
      ChatResponse r = stream.response();
      assertThat(r.truncated()).isTrue();
      assertThat(r.finishReason()).isEqualTo("length");
    }
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void stream_errorEventMidStreamIsTypedAndNotRetried(Profile profile) {
    try (StandInServer s = Fixtures.server(profile).reply(REPLY).start()) {
      s.enqueueFault(Fault.streamError("slot crashed: out of memory", 2));
      LlmClient client = Fixtures.client().retryPolicy(RetryPolicy.defaults()).build();
      try (ChatStream stream = client.chatStream(Fixtures.req(s).build())) {
        StringBuilder got = new StringBuilder();
        assertThatThrownBy(
                () -> {
                  for (ChatChunk c : stream) {
                    got.append(c.delta());
                  }
                })
            .isInstanceOf(InternalServerException.class)
            .hasMessageContaining("slot crashed")
            .satisfies(e -> assertThat(((LlmException) e).isRetryable()).isFalse());
        assertThat(got.toString()).isNotEmpty();
      }
      assertThat(s.requests()).hasSize(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void stream_dropAfterTextIsNotRetried(Profile profile) {
    try (StandInServer s = Fixtures.server(profile).reply(REPLY).start()) {
      s.enqueueFault(Fault.dropMidStream(3));
      LlmClient client = Fixtures.client().retryPolicy(RetryPolicy.defaults()).build();
      try (ChatStream stream = client.chatStream(Fixtures.req(s).build())) {
        assertThatThrownBy(() -> stream.forEach(c -> {}))
            .isInstanceOf(ApiConnectionException.class)
            .satisfies(e -> assertThat(((LlmException) e).isRetryable()).isFalse());
      }
      assertThat(s.requests()).hasSize(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void stream_failureBeforeFirstTextIsRetried(Profile profile) {
    try (StandInServer s = Fixtures.server(profile).reply(REPLY).start()) {
      s.enqueueFault(Fault.dropMidStream(0));
      Fixtures.FakeTime time = new Fixtures.FakeTime();
      LlmClient client =
          Fixtures.client().retryPolicy(RetryPolicy.defaults()).sleeper(time).clock(time).build();
      try (ChatStream stream = client.chatStream(Fixtures.req(s).build())) {
        assertThat(stream.response().content()).isEqualTo(REPLY);
        assertThat(stream.response().attempts()).isEqualTo(2);
      }
      assertThat(s.requests()).hasSize(2);
      assertThat(time.sleeps).hasSize(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void stream_malformedOrEmptyStreamIsAnErrorNotAnEmptyAnswer(Profile profile) {
    try (StandInServer s = Fixtures.server(profile).start()) {
      s.enqueueFault(Fault.malformedJson());
      assertThatThrownBy(() -> Fixtures.client().build().chatStream(Fixtures.req(s).build()))
          .isInstanceOf(ApiException.class)
          .hasMessageContaining("without a single valid chunk");
      s.enqueueFault(Fault.emptyBody());
      assertThatThrownBy(() -> Fixtures.client().build().chatStream(Fixtures.req(s).build()))
          .isInstanceOf(ApiException.class);
    }
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void stream_statusIsCheckedBeforeParsing(Profile profile) {
    try (StandInServer s = Fixtures.server(profile).start()) {
      s.enqueueFault(Fault.status(404));
      assertThatThrownBy(() -> Fixtures.client().build().chatStream(Fixtures.req(s).build()))
          .isInstanceOf(NotFoundException.class);
    }
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void stream_idleTimeoutBetweenChunks(Profile profile) {
    try (StandInServer s = Fixtures.server(profile).reply(REPLY).tokensPerSecond(2).start()) {
      LlmClient client = Fixtures.client().streamIdleTimeout(Duration.ofMillis(150)).build();
      try (ChatStream stream = client.chatStream(Fixtures.req(s).build())) {
        assertThatThrownBy(() -> stream.forEach(c -> {}))
            .isInstanceOf(RequestTimeoutException.class)
            .hasMessageContaining("idle");
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void stream_closeEarlyReleasesConnection(Profile profile) {
    try (StandInServer s = Fixtures.server(profile).reply(REPLY).tokensPerSecond(50).start()) {
      LlmClient client = Fixtures.client().build();
      try (ChatStream stream = client.chatStream(Fixtures.req(s).build())) {
        assertThat(stream.iterator().next()).isNotNull();
      }
      // The server is free again: a second call succeeds.
      assertThat(client.chat(Fixtures.req(s).build()).content()).isEqualTo(REPLY);
    }
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void stream_contextOverflowBeforeFirstChunkIsTyped(Profile profile) {
    try (StandInServer s = Fixtures.server(Profile.LLAMACPP).nCtx(32).start()) {
      ChatRequest req =
          ChatRequest.builder("llamafile/gemma-3-3b")
              .user("word ".repeat(200))
              .apiBase(s.baseUrl())
              .build();
      assertThatThrownBy(
              () -> Fixtures.client().retryPolicy(RetryPolicy.defaults()).build().chatStream(req))
          .isInstanceOfSatisfying(
              ContextWindowExceededException.class, e -> assertThat(e.contextSize()).hasValue(32));
      assertThat(s.requests()).hasSize(1);
      assertThat(profile).isNotNull();
    }
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void stream_deadlineCoversTheWholeStream(Profile profile) {
    try (StandInServer s = Fixtures.server(profile).reply(REPLY).tokensPerSecond(4).start()) {
      LlmClient client = Fixtures.client().deadline(Duration.ofMillis(900)).build();
      // The deadline may strike while waiting for the first token (slow machine) or mid-stream.
      assertThatThrownBy(
              () -> {
                try (ChatStream stream = client.chatStream(Fixtures.req(s).build())) {
                  stream.forEach(c -> {});
                }
              })
          .isInstanceOf(RequestTimeoutException.class)
          .hasMessageContaining("deadline");
    }
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void stream_slowConsumerIsNotAnIdleServer(Profile profile) throws InterruptedException {
    try (StandInServer s = Fixtures.server(profile).reply(REPLY).start()) {
      LlmClient client = Fixtures.client().streamIdleTimeout(Duration.ofMillis(150)).build();
      StringBuilder got = new StringBuilder();
      int n = 0;
      try (ChatStream stream = client.chatStream(Fixtures.req(s).build())) {
        for (ChatChunk c : stream) {
          got.append(c.delta());
          if (n++ < 3) {
            Thread.sleep(250); // the caller is slow; the server is not
          }
        }
      }
      assertThat(got).hasToString(REPLY);
    }
  }
}
