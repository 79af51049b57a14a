package dev.commitpolish.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.commitpolish.standin.Profile;
import dev.commitpolish.standin.StandInServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CompletionAndEmbeddingTest {

  @ParameterizedTest
  @EnumSource(Profile.class)
  void textCompletion_usesCompletionsOrLlamafileNativeEndpoint(Profile profile) {
    try (StandInServer s = Fixtures.server(profile).reply("refresh token").start()) {
      ChatResponse r =
          Fixtures.client()
              .build()
              .textCompletion(
                  CompletionRequest.builder("llamafile/gemma-3-3b")
                      .prompt("fix(auth): ")
                      .maxTokens(20)
                      .temperature(0)
                      .apiBase(s.baseUrl())
                      .build());
      assertThat(r.content()).isEqualTo("refresh token");
      assertThat(r.usage().completionTokens()).isPositive();
      var last = s.requests().get(s.requests().size() - 1);
      assertThat(last.path())
          .isEqualTo(profile == Profile.LLAMACPP ? "/v1/completions" : "/completion");
      // the same sampling options, under the name each endpoint knows the token limit by
      String limit = profile == Profile.LLAMACPP ? "max_tokens" : "n_predict";
      assertThat(last.json()).containsEntry(limit, 20).containsEntry("temperature", 0.0);
      assertThat(last.json())
          .doesNotContainKey(profile == Profile.LLAMACPP ? "n_predict" : "max_tokens");
    }
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void embedding_returnsVectorsOrExplainsLlamafileLimit(Profile profile) {
    try (StandInServer s = Fixtures.server(profile).embeddings(true).start()) {
      LlmClient client = Fixtures.client().retryPolicy(RetryPolicy.defaults()).build();
      EmbeddingRequest req =
          EmbeddingRequest.builder("llamafile/minilm")
              .input("hello", "world")
              .apiBase(s.baseUrl())
              .build();
      if (profile == Profile.LLAMACPP) {
        EmbeddingResponse r = client.embedding(req);
        assertThat(r.vectors()).hasSize(2);
        assertThat(r.vector(0)).isNotEmpty();
        assertThat(r.vector(0)).isNotEqualTo(r.vector(1));
        assertThat(r.usage().promptTokens()).isPositive();
      } else {
        assertThatThrownBy(() -> client.embedding(req))
            .isInstanceOf(ServiceUnavailableException.class)
            .hasMessageContaining("--v2")
            .satisfies(e -> assertThat(((LlmException) e).isRetryable()).isFalse());
        assertThat(s.requests()).hasSize(1);
      }
    }
  }
}
