package dev.commitpolish.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.commitpolish.llm.ApiBaseProblem.Severity;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RoutingTest {

  @Test
  void parse_splitsOnFirstSlashOnly() {
    ModelRef r = ModelRef.parse("llamafile/mistralai/mistral-7b-instruct-v0.2");
    assertThat(r.provider()).isEqualTo(Provider.LLAMAFILE);
    assertThat(r.model()).isEqualTo("mistralai/mistral-7b-instruct-v0.2");
    assertThat(r).hasToString("llamafile/mistralai/mistral-7b-instruct-v0.2");
  }

  @Test
  void parse_knowsEveryProvider() {
    assertThat(ModelRef.parse("ollama/qwen2.5:3b").provider()).isEqualTo(Provider.OLLAMA);
    assertThat(ModelRef.parse("lm_studio/x").provider()).isEqualTo(Provider.LM_STUDIO);
    assertThat(ModelRef.parse("hosted_vllm/x").provider()).isEqualTo(Provider.HOSTED_VLLM);
    assertThat(ModelRef.parse("litellm_proxy/x").provider()).isEqualTo(Provider.LITELLM_PROXY);
    assertThat(ModelRef.parse("openai/gpt-4o").provider()).isEqualTo(Provider.OPENAI);
  }

  @ParameterizedTest
  @MethodSource("badModels")
  void parse_rejectsMissingOrUnknownPrefix_listingProvidersAndSuggestingLlamafile(String spec) {
    assertThatThrownBy(() -> ModelRef.parse(spec))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining(
            "llamafile/, ollama/, lm_studio/, hosted_vllm/, litellm_proxy/, openai/")
        .hasMessageContaining("'llamafile/")
        .satisfies(e -> assertThat(((LlmException) e).isRetryable()).isFalse())
        .satisfies(e -> assertThat(((LlmException) e).litellmName()).isEqualTo("BadRequestError"));
  }

  static Stream<String> badModels() {
    return Stream.of("gemma-3-3b", "llamacpp/gemma", "qwen/qwen3-coder", "", "llamafile/", "/x");
  }

  @Test
  void resolve_llamafileDefaultsAndFakeKey() {
    Target t = Target.resolve(ModelRef.parse("llamafile/g"), null, null, Map.of());
    assertThat(t.apiBase()).isEqualTo("http://127.0.0.1:8080/v1");
    assertThat(t.apiKey()).isEqualTo("fake-api-key");
  }

  @Test
  void resolve_explicitBeatsEnvBeatsDefault() {
    Map<String, String> env =
        Map.of("LLAMAFILE_API_BASE", "http://127.0.0.1:9000/v1", "LLAMAFILE_API_KEY", "sk-env");
    Target fromEnv = Target.resolve(ModelRef.parse("llamafile/g"), null, null, env);
    assertThat(fromEnv.apiBase()).isEqualTo("http://127.0.0.1:9000/v1");
    assertThat(fromEnv.apiKey()).isEqualTo("sk-env");
    Target explicit =
        Target.resolve(ModelRef.parse("llamafile/g"), "http://h:1/v1/", "sk-call", env);
    assertThat(explicit.apiBase()).isEqualTo("http://h:1/v1");
    assertThat(explicit.apiKey()).isEqualTo("sk-call");
  }

  @Test
  void resolve_providerDefaults() {
    assertThat(Target.resolve(ModelRef.parse("ollama/m"), null, null, Map.of()).apiBase())
        .isEqualTo("http://localhost:11434/v1");
    assertThat(
            Target.resolve(
                    ModelRef.parse("ollama/m"),
                    null,
                    null,
                    Map.of("OLLAMA_API_BASE", "http://gpu:11434"))
                .apiBase())
        .as("LiteLLM-style bare OLLAMA_API_BASE gets /v1")
        .isEqualTo("http://gpu:11434/v1");
    assertThat(Target.resolve(ModelRef.parse("lm_studio/m"), null, null, Map.of()).apiBase())
        .isEqualTo("http://localhost:1234/v1");
    assertThat(
            Target.resolve(
                    ModelRef.parse("litellm_proxy/m"),
                    null,
                    null,
                    Map.of(
                        "LITELLM_PROXY_API_BASE",
                        "http://gw:4000",
                        "LITELLM_PROXY_API_KEY",
                        "sk-gw"))
                .apiKey())
        .isEqualTo("sk-gw");
    assertThat(
            Target.resolve(
                    ModelRef.parse("openai/m"),
                    null,
                    null,
                    Map.of("OPENAI_API_BASE", "http://h:1/v1"))
                .apiKey())
        .isEqualTo("fake-api-key");
  }

  @Test
  void resolve_hostedVllmNeedsABase() {
    assertThatThrownBy(() -> Target.resolve(ModelRef.parse("hosted_vllm/m"), null, null, Map.of()))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining("HOSTED_VLLM_API_BASE");
    assertThat(
            Target.resolve(
                    ModelRef.parse("hosted_vllm/m"),
                    null,
                    null,
                    Map.of("HOSTED_VLLM_API_BASE", "http://gpu:8000/v1"))
                .apiBase())
        .isEqualTo("http://gpu:8000/v1");
  }

  @Test
  void resolve_openaiWithoutKeyIsAnAuthenticationError() {
    assertThatThrownBy(() -> Target.resolve(ModelRef.parse("openai/gpt-4o"), null, null, Map.of()))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("OPENAI_API_KEY");
  }

  @Test
  void resolve_refusesBrokenBaseWithFix() {
    assertThatThrownBy(
            () ->
                Target.resolve(
                    ModelRef.parse("llamafile/g"), "http://localhost:8080", null, Map.of()))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining("/v1")
        .hasMessageContaining("Fix: use http://localhost:8080/v1");
  }

  static Stream<Arguments> apiBases() {
    return Stream.of(
        Arguments.of(Provider.LLAMAFILE, "http://localhost:8080/v1", List.of(), ""),
        Arguments.of(Provider.LLAMAFILE, "http://localhost:8080/v1/", List.of(), ""),
        Arguments.of(
            Provider.LLAMAFILE,
            "http://localhost:8080",
            List.of(Severity.ERROR),
            "use http://localhost:8080/v1"),
        Arguments.of(
            Provider.LLAMAFILE,
            "http://localhost:8080/v1/chat/completions",
            List.of(Severity.ERROR),
            "use http://localhost:8080/v1"),
        Arguments.of(
            Provider.LLAMAFILE,
            "http://localhost:8080/chat/completions",
            List.of(Severity.ERROR, Severity.ERROR),
            "use http://localhost:8080/v1"),
        Arguments.of(
            Provider.LLAMAFILE,
            "http://localhost:8000/v1",
            List.of(Severity.WARNING),
            "use http://localhost:8080/v1"),
        Arguments.of(Provider.HOSTED_VLLM, "http://localhost:8000/v1", List.of(), ""),
        Arguments.of(
            Provider.LLAMAFILE,
            "http://localhost:8080//v1",
            List.of(Severity.ERROR),
            "use http://localhost:8080/v1"),
        Arguments.of(
            Provider.LLAMAFILE,
            "localhost:8080/v1",
            List.of(Severity.ERROR),
            "http://127.0.0.1:8080/v1"),
        Arguments.of(Provider.LLAMAFILE, "", List.of(Severity.ERROR), "LLAMAFILE_API_BASE"),
        Arguments.of(
            Provider.LLAMAFILE,
            "http://host:8080/prefix",
            List.of(Severity.WARNING),
            "http://host:8080/v1"),
        Arguments.of(Provider.LITELLM_PROXY, "http://gateway:4000", List.of(), ""),
        Arguments.of(Provider.OPENAI, "https://api.groq.com/openai/v1", List.of(), ""));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("apiBases")
  void apiBaseCheck_findsSeedPitfalls(
      Provider p, String url, List<Severity> severities, String fixContains) {
    List<ApiBaseProblem> problems = ApiBase.check(p, url);
    assertThat(problems).extracting(ApiBaseProblem::severity).isEqualTo(severities);
    for (ApiBaseProblem problem : problems) {
      assertThat(problem.fix()).contains(fixContains).doesNotContain("\n");
      assertThat(problem.message()).isNotBlank();
    }
  }

  @Test
  void apiBaseCheck_neverEchoesCredentials() {
    List<ApiBaseProblem> problems = ApiBase.check(Provider.LLAMAFILE, "http://user:s3cret@h:8080");
    assertThat(problems).isNotEmpty();
    assertThat(problems.toString()).doesNotContain("s3cret");
  }

  @Test
  void requestToStringHidesKey() {
    ChatRequest r = ChatRequest.builder("llamafile/g").user("x").apiKey("sk-secret").build();
    assertThat(r.toString()).doesNotContain("sk-secret").contains("apiKey=***");
  }
}
