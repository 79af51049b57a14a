package dev.commitpolish.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.commitpolish.standin.Fault;
import dev.commitpolish.standin.Profile;
import dev.commitpolish.standin.StandInServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RouterTest {

  /** A Random whose nextDouble is scripted, to choose deployments deterministically. */
  static final class ScriptedRandom extends Random {
    private static final long serialVersionUID = 1L;
    private final double[] values;
    private int i;

    ScriptedRandom(double... values) {
      this.values = values;
    }

    @Override
    public double nextDouble() {
      return values[Math.min(i++, values.length - 1)];
    }
  }

  static String yaml(String baseA, String baseB) {
    return """
        model_list:
          - model_name: commit-model
            litellm_params:
              model: llamafile/gemma-a
              api_base: %s
              weight: 1
          - model_name: commit-model
            litellm_params:
              model: llamafile/gemma-b
              api_base: os.environ/B_BASE
              api_key: os.environ/B_KEY
              weight: 3
            model_info:
              id: deployment-b
          - model_name: backup
            litellm_params:
              model: ollama/qwen
              api_base: %s
        router_settings:
          num_retries: 1
          timeout: 30
          fallbacks:
            - commit-model: [backup]
        """
        .formatted(baseA, baseB);
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void picksDeploymentsByWeightAndResolvesEnvSecrets(Profile profile) {
    try (StandInServer a = Fixtures.server(profile).reply("from a").start();
        StandInServer b = Fixtures.server(profile).apiKey("sk-b").reply("from b").start()) {
      Map<String, String> env = Map.of("B_BASE", b.baseUrl(), "B_KEY", "sk-b");
      // weights 1:3 → r*4 < 1 picks a, otherwise b
      Router router =
          Router.fromYaml(
              yaml(a.baseUrl(), a.baseUrl()),
              env,
              Fixtures.client().random(new ScriptedRandom(0.1, 0.9, 0.5)));

      assertThat(router.modelNames()).containsExactly("commit-model", "backup");
      assertThat(router.deployments("commit-model")).hasSize(2);
      assertThat(router.deployments("commit-model").get(1).id()).contains("deployment-b");
      assertThat(router.numRetries()).isEqualTo(1);
      assertThat(router.timeout()).contains(Duration.ofSeconds(30));
      assertThat(router.fallbacks()).containsEntry("commit-model", java.util.List.of("backup"));

      ChatRequest req = ChatRequest.builder("commit-model").user("x").build();
      assertThat(router.chat(req).content()).isEqualTo("from a");
      assertThat(router.chat(req).content()).isEqualTo("from b");
      assertThat(router.chat(req).content()).isEqualTo("from b");
      assertThat(b.requests().get(0).header("Authorization")).contains("Bearer sk-b");
      assertThat(b.requests().get(0).json().get("model")).isEqualTo("gemma-b");
    }
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void failedDeploymentIsRetriedOnTheOtherWithoutBackoff(Profile profile) {
    try (StandInServer a = Fixtures.server(profile).reply("from a").start();
        StandInServer b = Fixtures.server(profile).apiKey("sk-b").reply("from b").start()) {
      a.enqueueFault(Fault.status(503));
      Fixtures.FakeTime time = new Fixtures.FakeTime();
      Router router =
          Router.fromYaml(
              yaml(a.baseUrl(), a.baseUrl()),
              Map.of("B_BASE", b.baseUrl(), "B_KEY", "sk-b"),
              Fixtures.client().random(new ScriptedRandom(0.1)).clock(time).sleeper(time));
      ChatResponse r = router.chat(ChatRequest.builder("commit-model").user("x").build());
      assertThat(r.content()).isEqualTo("from b");
      assertThat(r.attempts()).isEqualTo(2);
      assertThat(time.sleeps).containsExactly(Duration.ZERO);
    }
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void fallsBackToAnotherGroup(Profile profile) {
    try (StandInServer a = Fixtures.server(profile).start();
        StandInServer backup = Fixtures.server(profile).reply("backup answer").start()) {
      for (int i = 0; i < 2; i++) {
        a.enqueueFault(Fault.status(500));
      }
      Fixtures.FakeTime time = new Fixtures.FakeTime();
      // both commit-model deployments point at the failing server
      Router router =
          Router.fromYaml(
              yaml(a.baseUrl(), backup.baseUrl()),
              Map.of("B_BASE", a.baseUrl(), "B_KEY", "k"),
              Fixtures.client().clock(time).sleeper(time));
      ChatResponse r = router.chat(ChatRequest.builder("commit-model").user("x").build());
      assertThat(r.content()).isEqualTo("backup answer");
      assertThat(r.provider()).isEqualTo(Provider.OLLAMA);
      assertThat(r.attempts()).isEqualTo(3);
    }
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void streamsThroughTheRouter(Profile profile) {
    try (StandInServer a = Fixtures.server(profile).reply("streamed").start()) {
      Router router =
          Router.fromYaml(
              "model_list:\n  - model_name: m\n    litellm_params: {model: llamafile/x, api_base: "
                  + a.baseUrl()
                  + "}\n",
              Map.of());
      try (ChatStream s = router.chatStream(ChatRequest.builder("m").user("x").build())) {
        assertThat(s.response().content()).isEqualTo("streamed");
      }
    }
  }

  @Test
  void unknownGroupListsTheConfiguredOnes() {
    Router router =
        Router.fromYaml(
            "model_list:\n  - model_name: m\n    litellm_params: {model: llamafile/x}\n", Map.of());
    assertThatThrownBy(() -> router.chat(ChatRequest.builder("nope").user("x").build()))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining("defines m");
  }

  @Test
  void configErrorsNameTheirLocation(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> Router.fromYaml(yaml("http://h:1/v1", "x"), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("model_list[1].litellm_params.api_base")
        .hasMessageContaining("B_BASE");
    assertThatThrownBy(() -> Router.fromYaml("model_list: []", Map.of()))
        .hasMessageContaining("model_list is missing or empty");
    assertThatThrownBy(
            () ->
                Router.fromYaml(
                    "model_list:\n  - model_name: m\n    litellm_params: {model: gpt}\n", Map.of()))
        .hasMessageContaining("model_list[0]")
        .hasMessageContaining("llamafile/");
    assertThatThrownBy(() -> Router.fromYaml("model_list: [", Map.of()))
        .hasMessageContaining("not valid YAML");
    Path file = dir.resolve("config.yaml");
    Files.writeString(
        file,
        "model_list:\n  - model_name: m\n    litellm_params: {model: llamafile/x, api_base: 'http://h:8080'}\n");
    assertThatThrownBy(() -> Router.fromYaml(file, Map.of()))
        .hasMessageContaining(file.toString())
        .hasMessageContaining("Fix: use http://h:8080/v1");
  }

  @Test
  void litellmSettingsAreUsedWhenRouterSettingsAreAbsent() {
    Router router =
        Router.fromYaml(
            """
            model_list:
              - model_name: m
                litellm_params: {model: llamafile/x}
            litellm_settings:
              num_retries: 4
              request_timeout: 6000
            """,
            Map.of());
    assertThat(router.numRetries()).isEqualTo(4);
    assertThat(router.timeout()).contains(Duration.ofSeconds(600));
  }
}
