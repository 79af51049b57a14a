package dev.commitpolish.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.commitpolish.standin.Fault;
import dev.commitpolish.standin.Profile;
import dev.commitpolish.standin.StandInServer;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ProbeTest {
  static final String TEXT = "diff --git a/x b/x\n+hello world\n";

  @ParameterizedTest
  @EnumSource(Profile.class)
  void readyServerReportsContextTokensAndModels(Profile profile) {
    try (StandInServer s = Fixtures.server(profile).nCtx(4096).start()) {
      ServerProbe probe = Fixtures.client().build().probe("llamafile/gemma-3-3b", s.baseUrl());

      assertThat(probe.readiness()).isEqualTo(Readiness.READY);
      assertThat(probe.contextSize()).hasValue(4096);
      assertThat(probe.countTokens(TEXT))
          .isEqualTo(new TokenCount(s.tokenizer().count(TEXT), false));
      assertThat(probe.models()).contains("gemma-3-3b");
      assertThat(probe.apiBase()).isEqualTo(s.baseUrl());
    }
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void loadingServer_isLoadingOnLlamacppAndDownOnLlamafile(Profile profile) throws Exception {
    try (StandInServer s = Fixtures.server(profile).loading(Duration.ofSeconds(30)).start()) {
      ServerProbe probe = Fixtures.client().build().probe("llamafile/g", s.baseUrl());
      // llamafile binds its port only after loading (connection refused); llama.cpp answers 503.
      assertThat(probe.readiness())
          .isEqualTo(profile == Profile.LLAMACPP ? Readiness.LOADING : Readiness.DOWN);
    }
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void awaitReadyPollsUntilTheModelIsLoaded(Profile profile) {
    try (StandInServer s = Fixtures.server(profile).loading(Duration.ofMillis(600)).start()) {
      ServerProbe probe = Fixtures.client().build().probe("llamafile/g", s.baseUrl());
      assertThat(probe.awaitReady(Duration.ofSeconds(20))).isEqualTo(Readiness.READY);
    }
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void missingHealthEndpointFallsBackToModels(Profile profile) {
    try (StandInServer s = Fixtures.server(profile).start()) {
      s.enqueueFault("/health", Fault.status(404));
      ServerProbe probe = Fixtures.client().build().probe("llamafile/g", s.baseUrl());
      assertThat(probe.readiness()).isEqualTo(Readiness.READY);
      assertThat(s.requests().get(1).path()).isEqualTo("/v1/models");
    }
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void missingTokenizeGivesAHighLocalEstimate(Profile profile) {
    try (StandInServer s = Fixtures.server(profile).start()) {
      s.enqueueFault("/tokenize", Fault.status(404));
      TokenCount n = Fixtures.client().build().probe("llamafile/g", s.baseUrl()).countTokens(TEXT);
      assertThat(n.estimated()).isTrue();
      assertThat(n.count()).isGreaterThanOrEqualTo(s.tokenizer().count(TEXT));
    }
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void unknownContextSizeIsEmpty(Profile profile) {
    try (StandInServer s = Fixtures.server(profile).start()) {
      s.enqueueFault("/props", Fault.status(404));
      assertThat(Fixtures.client().build().probe("llamafile/g", s.baseUrl()).contextSize())
          .isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void downServer(Profile profile) {
    String base = "http://127.0.0.1:" + Fixtures.closedPort() + "/v1";
    ServerProbe probe = Fixtures.client().build().probe("llamafile/g", base);
    assertThat(probe.readiness()).isEqualTo(Readiness.DOWN);
    assertThat(probe.contextSize()).isEmpty();
    assertThat(probe.countTokens("abc").estimated()).isTrue();
    assertThatThrownBy(probe::models).isInstanceOf(ApiConnectionException.class);
    assertThat(profile).isNotNull();
  }
}
