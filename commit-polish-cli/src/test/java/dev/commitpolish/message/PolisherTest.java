package dev.commitpolish.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.commitpolish.cli.Env;
import dev.commitpolish.config.Config;
import dev.commitpolish.git.FileChange;
import dev.commitpolish.git.StagedChanges;
import dev.commitpolish.standin.Profile;
import dev.commitpolish.standin.RecordedRequest;
import dev.commitpolish.standin.StandInServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The engine against the stand-in: repair loop, validator command, streaming, privacy. */
class PolisherTest {

  static StandInServer server;

  static final StagedChanges CHANGES =
      new StagedChanges(
          List.of(new FileChange("src/auth/Login.java", "src/auth/Login.java", 'M', 1, 1, false)),
          "diff --git a/src/auth/Login.java b/src/auth/Login.java\n"
              + "@@ -1 +1 @@\n-  token = null;\n+  token = refresh(token);\n",
          false,
          false);

  @BeforeAll
  static void start() {
    server = StandInServer.builder().profile(Profile.LLAMACPP).port(0).nCtx(4096).start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void reset() {
    server.clearRequests();
  }

  static Config config(
      String apiBase, boolean allowRemote, int maxRetries, List<String> validator) {
    Config d = Config.defaults();
    return new Config(
        new Config.Ai(
            "llamafile/gemma-3-3b",
            0.2,
            120,
            Optional.of(apiBase),
            Optional.empty(),
            allowRemote,
            Duration.ofSeconds(20)),
        d.llamafile(),
        new Config.Validation(true, maxRetries, validator, Optional.empty()),
        d.hook(),
        d.diff());
  }

  private static PolishOutcome polish(Config c, String draft, List<String> streamed) {
    return Polisher.create(c, new Env(Map.of("PATH", System.getenv("PATH")), Path.of(".")))
        .polish(
            draft,
            CHANGES,
            Conventions.defaults(),
            Instant.now().plusSeconds(20),
            streamed == null ? null : streamed::add);
  }

  @Test
  void invalidFirstAnswerIsRepairedWithTheProblemsFedBack() {
    server.setReplies("Fixed the login.", "fix(auth): refresh the token on login");
    PolishOutcome o = polish(config(server.baseUrl(), false, 2, List.of()), "fixed login", null);
    assertThat(o.message()).isEqualTo("fix(auth): refresh the token on login");
    assertThat(o.engine()).isEqualTo(PolishOutcome.Engine.LLM);
    assertThat(o.attempts()).isEqualTo(2);
    assertThat(o.valid()).isTrue();
    assertThat(o.polished()).isTrue();
    assertThat(o.promptTokens()).isPositive();
    List<RecordedRequest> chats = server.requests("/v1/chat/completions");
    assertThat(chats).hasSize(2);
    List<String> second = chats.get(1).messageContents();
    assertThat(second).hasSize(4);
    assertThat(second.get(2)).isEqualTo("Fixed the login");
    assertThat(second.get(3))
        .contains("type-empty")
        .contains("Reply with the corrected commit message only");
    // The repair keeps the first two messages identical, so the server reuses its cached prefix.
    assertThat(second.subList(0, 2)).isEqualTo(chats.get(0).messageContents());
    assertThat(chats.get(0).json()).containsEntry("cache_prompt", true);
  }

  @Test
  void nothingValidAfterAllRetriesKeepsTheDraft() {
    server.setReplies("Whatever.");
    PolishOutcome o = polish(config(server.baseUrl(), false, 1, List.of()), "fixed login", null);
    assertThat(o.message()).isEqualTo("fixed login");
    assertThat(o.polished()).isFalse();
    assertThat(o.attempts()).isEqualTo(2);
    assertThat(o.error())
        .get()
        .extracting(PolishOutcome.ModelError::type)
        .isEqualTo("InvalidReply");
    assertThat(o.errors()).isNotEmpty();
  }

  @Test
  void externalValidatorRunsAsArgvAndItsOutputIsFedBack() {
    server.setReplies("fix(auth): refresh token", "feat(auth): refresh token");
    List<String> validator =
        List.of("sh", "-c", "grep -q '^feat' || { echo 'type must be feat here'; exit 1; }");
    PolishOutcome o = polish(config(server.baseUrl(), false, 2, validator), "refresh", null);
    assertThat(o.message()).isEqualTo("feat(auth): refresh token");
    assertThat(o.attempts()).isEqualTo(2);
    assertThat(server.requests("/v1/chat/completions").get(1).lastMessageContent())
        .contains("type must be feat here");
  }

  @Test
  void validatorThatCannotStartRejectsRatherThanWavesThrough() {
    CommandValidator v =
        new CommandValidator(
            List.of("/nonexistent/validator"), Path.of("."), Map.of(), Duration.ofSeconds(5));
    assertThat(v.problems("feat: x")).singleElement().asString().contains("could not run");
  }

  @Test
  void aValidatorThatTimesOutGoesWithItsChildren(@org.junit.jupiter.api.io.TempDir Path tmp)
      throws Exception {
    // like `npx commitlint`: a parent whose child does the work
    Path pidFile = tmp.resolve("child.pid");
    CommandValidator v =
        new CommandValidator(
            List.of("sh", "-c", "sleep 60 & echo $! > '" + pidFile + "'; wait"),
            tmp,
            Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin")),
            Duration.ofSeconds(1));
    assertThat(v.problems("feat: x")).singleElement().asString().contains("timed out");
    long child = Long.parseLong(java.nio.file.Files.readString(pidFile).strip());
    long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false)
        && System.nanoTime() - until < 0) {
      Thread.sleep(20);
    }
    assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false)).isFalse();
  }

  @Test
  void tokensAreStreamedToTheListener() {
    server.setReplies("feat(auth): stream the answer");
    List<String> deltas = new ArrayList<>();
    PolishOutcome o = polish(config(server.baseUrl(), false, 0, List.of()), "stream it", deltas);
    assertThat(o.polished()).isTrue();
    assertThat(String.join("", deltas)).isEqualTo("feat(auth): stream the answer");
  }

  @Test
  void remoteEndpointIsRefusedUnlessAllowedAndNothingIsSent() {
    server.setReplies("feat: x");
    PolishOutcome o =
        polish(config("http://192.0.2.10:8080/v1", false, 0, List.of()), "fixed the login", null);
    assertThat(o.error())
        .get()
        .extracting(PolishOutcome.ModelError::type)
        .isEqualTo("RemoteNotAllowed");
    assertThat(o.error().get().hint()).contains("allow_remote");
    assertThat(o.engine()).isEqualTo(PolishOutcome.Engine.OFFLINE);
    assertThat(o.message()).isEqualTo("fix: fix the login");
    assertThat(o.attempts()).isZero();
    assertThat(o.prompt()).isPresent();
  }

  @Test
  void loopbackDetection() {
    assertThat(Polisher.isLoopback("http://127.0.0.1:8080/v1")).isTrue();
    assertThat(Polisher.isLoopback("http://localhost:8080/v1")).isTrue();
    assertThat(Polisher.isLoopback("http://127.3.4.5/v1")).isTrue();
    assertThat(Polisher.isLoopback("http://[::1]:8080/v1")).isTrue();
    assertThat(Polisher.isLoopback("http://10.0.0.5:8080/v1")).isFalse();
    assertThat(Polisher.isLoopback("https://api.openai.com/v1")).isFalse();
    assertThat(Polisher.isLoopback("http://127.0.0.1.evil.com/v1")).isFalse();
    assertThat(Polisher.isLoopback("not a url")).isFalse();
  }

  @Test
  void conventionsFindTicketsExamplesAndScopes() {
    Conventions c =
        new Conventions(
            Conventions.defaults().lint(),
            "test",
            List.of("feat(api): a", "fix(api): b", "docs: c", "random words", "fix(ui): d"),
            Optional.of("bugfix/PROJ-42-crash"));
    assertThat(c.ticket()).contains("PROJ-42");
    assertThat(c.styleExamples(3)).containsExactly("feat(api): a", "fix(api): b", "docs: c");
    assertThat(c.commonScopes(5)).containsExactly("api");
    Conventions messy =
        new Conventions(
            Conventions.defaults().lint(),
            "t",
            List.of("wip", "more wip", "feat: x"),
            Optional.of("main"));
    assertThat(messy.styleExamples(3)).isEmpty();
    assertThat(messy.ticket()).isEmpty();
  }
}
