package dev.commitpolish.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.commitpolish.standin.Fault;
import dev.commitpolish.standin.Profile;
import dev.commitpolish.standin.StandInServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FallbackTest {

  @ParameterizedTest
  @EnumSource(Profile.class)
  void fallsBackInOrderAfterRetryableFailures(Profile profile) {
    try (StandInServer down = Fixtures.server(profile).start();
        StandInServer alsoDown = Fixtures.server(profile).start();
        StandInServer up =
            Fixtures.server(profile).modelAlias("qwen").reply("from backup").start()) {
      down.enqueueFault(Fault.status(503));
      alsoDown.enqueueFault(Fault.status(500));
      Fixtures.FakeTime time = new Fixtures.FakeTime();
      LlmClient client =
          Fixtures.client()
              .env(
                  Map.of("OLLAMA_API_BASE", alsoDown.baseUrl(), "LM_STUDIO_API_BASE", up.baseUrl()))
              .fallbacks(List.of("ollama/qwen", "lm_studio/qwen"))
              .clock(time)
              .sleeper(time)
              .build();

      ChatResponse r =
          client.chat(
              ChatRequest.builder("llamafile/gemma").user("x").apiBase(down.baseUrl()).build());

      assertThat(r.content()).isEqualTo("from backup");
      assertThat(r.provider()).isEqualTo(Provider.LM_STUDIO);
      assertThat(r.model()).isEqualTo("lm_studio/qwen");
      assertThat(r.attempts()).isEqualTo(3);
      assertThat(down.requests()).hasSize(1);
      assertThat(alsoDown.requests()).hasSize(1);
      assertThat(up.requests()).hasSize(1);
      assertThat(up.requests().get(0).json().get("model")).isEqualTo("qwen");
    }
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void sameProviderFallbackKeepsThePerCallApiBase(Profile profile) {
    try (StandInServer s = Fixtures.server(profile).reply("second model").start()) {
      s.enqueueFault(Fault.status(500));
      LlmClient client = Fixtures.client().fallbacks(List.of("llamafile/smaller")).build();
      ChatResponse r = client.chat(Fixtures.req(s).build());
      assertThat(r.content()).isEqualTo("second model");
      assertThat(s.requests().get(1).json().get("model")).isEqualTo("smaller");
    }
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void noFallbackAfterNonRetryableErrors(Profile profile) {
    try (StandInServer s = Fixtures.server(profile).start();
        StandInServer backup = Fixtures.server(profile).start()) {
      s.enqueueFault(Fault.status(401));
      LlmClient client =
          Fixtures.client()
              .env(Map.of("OLLAMA_API_BASE", backup.baseUrl()))
              .fallbacks(List.of("ollama/x"))
              .build();
      assertThatThrownBy(() -> client.chat(Fixtures.req(s).build()))
          .isInstanceOf(AuthenticationException.class);
      assertThat(backup.requests()).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void allFallbacksFailing_reportsTheLastError(Profile profile) {
    try (StandInServer s = Fixtures.server(profile).start()) {
      s.enqueueFault(Fault.status(503));
      s.enqueueFault(Fault.status(502));
      LlmClient client = Fixtures.client().fallbacks(List.of("llamafile/b")).build();
      assertThatThrownBy(() -> client.chat(Fixtures.req(s).build()))
          .isInstanceOf(BadGatewayException.class)
          .satisfies(e -> assertThat(((LlmException) e).attempts()).isEqualTo(2))
          .satisfies(e -> assertThat(((LlmException) e).model()).isEqualTo("llamafile/b"));
    }
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void contextWindowFallbackMap(Profile profile) {
    String bigPrompt = "word ".repeat(400);
    try (StandInServer small = Fixtures.server(Profile.LLAMACPP).nCtx(64).start();
        StandInServer big = Fixtures.server(profile).nCtx(8192).reply("fits now").start()) {
      LlmClient client =
          Fixtures.client()
              .env(Map.of("OLLAMA_API_BASE", big.baseUrl()))
              .contextWindowFallbacks(Map.of("llamafile/gemma-3-3b", "ollama/big-context"))
              .build();
      ChatResponse r =
          client.chat(
              ChatRequest.builder("llamafile/gemma-3-3b")
                  .user(bigPrompt)
                  .apiBase(small.baseUrl())
                  .build());
      assertThat(r.content()).isEqualTo("fits now");
      assertThat(r.provider()).isEqualTo(Provider.OLLAMA);
      assertThat(r.attempts()).isEqualTo(2);

      LlmClient noMap = Fixtures.client().retryPolicy(RetryPolicy.defaults()).build();
      assertThatThrownBy(
              () ->
                  noMap.chat(
                      ChatRequest.builder("llamafile/gemma-3-3b")
                          .user(bigPrompt)
                          .apiBase(small.baseUrl())
                          .build()))
          .isInstanceOfSatisfying(
              ContextWindowExceededException.class,
              e -> {
                assertThat(e.contextSize()).hasValue(64);
                assertThat(e.promptTokens().getAsInt()).isGreaterThan(64);
                assertThat(e.attempts()).isEqualTo(1);
              });
    }
  }
}
