package dev.commitpolish.hook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.commitpolish.conventional.LintConfig;
import dev.commitpolish.message.LintValidator;
import dev.commitpolish.standin.Fault;
import dev.commitpolish.standin.Profile;
import dev.commitpolish.standin.StandInServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault matrix: whatever the model, the network or the input does, the commit succeeds, the
 * message is the user's own or a valid polished one, and exactly one stderr line says why.
 */
class HookFaultTest {

  static final String DRAFT = "fixed the login thing";
  static final String CHAT = "/v1/chat/completions";
  static StandInServer llamafile;
  static StandInServer llamacpp;

  @TempDir Path tmp;

  @BeforeAll
  static void start() {
    llamafile =
        StandInServer.builder()
            .profile(Profile.LLAMAFILE_0_9)
            .port(0)
            .nCtx(1024)
            .reply(HookEndToEndTest.REPLY)
            .start();
    llamacpp =
        StandInServer.builder()
            .profile(Profile.LLAMACPP)
            .port(0)
            .nCtx(1024)
            .reply(HookEndToEndTest.REPLY)
            .start();
  }

  @AfterAll
  static void stop() {
    llamafile.close();
    llamacpp.close();
  }

  @AfterEach
  void reset() {
    assertThat(llamafile.pendingFaults()).as("unconsumed llamafile faults").isZero();
    assertThat(llamacpp.pendingFaults()).as("unconsumed llama.cpp faults").isZero();
    llamafile.setReply(HookEndToEndTest.REPLY);
    llamacpp.setReply(HookEndToEndTest.REPLY);
    llamacpp.setLoading(false);
  }

  /** For subclasses: how the hook runs. */
  void customize(Map<String, String> env) {}

  private Repo repo(String apiBase, String extraToml) throws IOException {
    return repo(apiBase, extraToml, "");
  }

  private Repo repo(String apiBase, String extraToml, String hookPreamble) throws IOException {
    // Generous: CI machines are slow and loaded; only the prefill test needs a short deadline.
    return repo(apiBase, extraToml, hookPreamble, 15);
  }

  private Repo repo(String apiBase, String extraToml, String hookPreamble, int deadline)
      throws IOException {
    Map<String, String> env = Repo.baseEnv(tmp.resolve("home"));
    env.put("COMMIT_POLISH_API_BASE", apiBase);
    Path config = tmp.resolve("config.toml");
    Files.writeString(config, "[hook]\ndeadline_seconds = " + deadline + "\n" + extraToml);
    env.put("COMMIT_POLISH_CONFIG", config.toString());
    customize(env);
    Repo r = Repo.create(tmp.resolve("repo"), env);
    r.installHook(r.dir.resolve(".git/hooks"), hookPreamble);
    return r;
  }

  /** Commits {@link #DRAFT} and checks the three promises; returns the stderr line. */
  private static String commitAndCheck(Repo repo) {
    Repo.Run r = repo.git("commit", "-q", "-m", DRAFT);
    assertThat(r.exit()).as("git commit exit; stderr: " + r.err()).isZero();
    String msg = repo.headMessage();
    if (!msg.equals(DRAFT)) {
      assertThat(new LintValidator(LintConfig.configConventional()).problems(msg))
          .as("polished message must be valid: " + msg)
          .isEmpty();
    }
    assertThat(r.errLines()).as("stderr").hasSize(1);
    // through a resident worker (HookFaultViaDaemonTest) the line is the run's own, never the
    // client's "worker stopped answering", which would also say "kept original"
    assertThat(r.err()).doesNotContain("resident worker");
    assertThat(r.errLines().get(0)).startsWith("commit-polish: ");
    return r.errLines().get(0);
  }

  private static void stageSmall(Repo repo) {
    repo.write("src/auth/Login.java", "class Login { int token = 1; }\n");
    repo.ok("add", ".");
  }

  @Test
  void serverDownFallsBackToTheOfflinePolisher() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Repo repo = repo("http://127.0.0.1:" + port + "/v1", "");
    stageSmall(repo);
    String line = commitAndCheck(repo);
    assertThat(repo.headMessage()).as(line).isEqualTo("fix: fix the login thing");
    assertThat(line)
        .startsWith("commit-polish: polished offline (no server at http://127.0.0.1:" + port)
        .containsAnyOf("commit-polish server start", "commit-polish setup");
  }

  @Test
  void internalServerErrorsFallBack() throws IOException {
    llamafile.enqueueFault(CHAT, Fault.status(500));
    llamafile.enqueueFault(CHAT, Fault.status(500));
    Repo repo = repo(llamafile.baseUrl(), "");
    stageSmall(repo);
    String line = commitAndCheck(repo);
    assertThat(line).contains("offline");
  }

  @Test
  void loadingServerFallsBackAndSaysSo() throws IOException {
    llamacpp.setLoading(true);
    Repo repo = repo(llamacpp.baseUrl(), "");
    stageSmall(repo);
    String line = commitAndCheck(repo);
    assertThat(line).contains("loading");
  }

  @Test
  void rejectedApiKeyFallsBackAndNamesTheFix() throws IOException {
    try (StandInServer keyed =
        StandInServer.builder().profile(Profile.LLAMACPP).port(0).apiKey("sk-test").start()) {
      Repo repo = repo(keyed.baseUrl(), "");
      stageSmall(repo);
      String line = commitAndCheck(repo);
      assertThat(line).contains("401").contains("api_key");
      assertThat(String.join("\n", keyed.prompts())).doesNotContain("sk-test");
    }
  }

  private static void stageBig(Repo repo, int kb) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; sb.length() < kb * 1024; i++) {
      sb.append("    int value").append(i).append(" = compute(").append(i).append(");\n");
    }
    repo.write("src/Big.java", sb.toString());
    repo.ok("add", ".");
  }

  @Test
  void contextOverflowOnLlamaCppIsAnErrorAndTheCommitGoesThrough() throws IOException {
    // /props fails, so the hook assumes the configured 4096 tokens while the server has 1024.
    llamacpp.enqueueFault("/props", Fault.status(500));
    Repo repo = repo(llamacpp.baseUrl(), "[diff]\ndefault_context_tokens = 4096\n");
    stageBig(repo, 24);
    llamacpp.clearRequests();
    String line = commitAndCheck(repo);
    // The 400 names the real context size; the hook re-budgets once and the commit is polished.
    assertThat(line).startsWith("commit-polish: polished with");
    assertThat(llamacpp.requests(CHAT)).hasSize(2);
  }

  @Test
  void contextOverflowOnLlamafileIsSilentTruncationAndTheCommitGoesThrough() throws IOException {
    llamafile.enqueueFault("/props", Fault.status(404));
    Repo repo = repo(llamafile.baseUrl(), "[diff]\ndefault_context_tokens = 4096\n");
    stageBig(repo, 24);
    commitAndCheck(repo);
  }

  @Test
  void prefillSlowerThanTheDeadlineKeepsTheCommitMoving() throws IOException {
    try (StandInServer slow =
        StandInServer.builder()
            .profile(Profile.LLAMAFILE_0_9)
            .port(0)
            .prefillTokensPerSecond(20)
            .reply(HookEndToEndTest.REPLY)
            .start()) {
      Repo repo = repo(slow.baseUrl(), "", "", 4);
      stageSmall(repo);
      long t0 = System.nanoTime();
      String line = commitAndCheck(repo);
      long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
      assertThat(seconds).as("bounded by the 4 s deadline plus JVM start").isLessThan(30);
      assertThat(line).containsAnyOf("in time", "timed out");
    }
  }

  @Test
  void malformedJsonFallsBack() throws IOException {
    llamafile.enqueueFault(CHAT, Fault.malformedJson());
    llamafile.enqueueFault(CHAT, Fault.malformedJson());
    Repo repo = repo(llamafile.baseUrl(), "");
    stageSmall(repo);
    commitAndCheck(repo);
    drain(llamafile);
  }

  @Test
  void connectionDroppedMidStreamFallsBack() throws IOException {
    llamacpp.enqueueFault(CHAT, Fault.dropMidStream(1));
    llamacpp.enqueueFault(CHAT, Fault.dropMidStream(1));
    Repo repo = repo(llamacpp.baseUrl(), "");
    stageSmall(repo);
    commitAndCheck(repo);
    drain(llamacpp);
  }

  @Test
  void emptyReplyFromTheServerFallsBack() throws IOException {
    llamafile.enqueueFault(CHAT, Fault.emptyReply());
    llamafile.enqueueFault(CHAT, Fault.emptyReply());
    Repo repo = repo(llamafile.baseUrl(), "");
    stageSmall(repo);
    commitAndCheck(repo);
    drain(llamafile);
  }

  @Test
  void emptyModelAnswerKeepsTheOriginal() throws IOException {
    llamafile.setReply("");
    Repo repo = repo(llamafile.baseUrl(), "");
    stageSmall(repo);
    String line = commitAndCheck(repo);
    assertThat(repo.headMessage()).isEqualTo(DRAFT);
    assertThat(line)
        .startsWith("commit-polish: kept original (the model's reply contained no commit message");
  }

  @Test
  void thinkOnlyAnswerKeepsTheOriginal() throws IOException {
    llamacpp.setReply("<think>The user changed the login. Maybe a fix? Let me");
    Repo repo = repo(llamacpp.baseUrl(), "");
    stageSmall(repo);
    String line = commitAndCheck(repo);
    assertThat(repo.headMessage()).isEqualTo(DRAFT);
    assertThat(line).startsWith("commit-polish: kept original");
  }

  @Test
  void nonUtf8DiffIsPolished() throws IOException {
    Repo repo = repo(llamafile.baseUrl(), "");
    repo.write("latin1.txt", "caf\u00e9 cr\u00e8me\n".getBytes(StandardCharsets.ISO_8859_1));
    repo.ok("add", ".");
    String line = commitAndCheck(repo);
    assertThat(repo.headMessage()).as(line).isEqualTo(HookEndToEndTest.REPLY);
    assertThat(line).startsWith("commit-polish: polished");
  }

  @Test
  void fiftyMegabyteDiffIsPolishedWithinTheContext() throws IOException {
    // A generous deadline: this test is about the size of what is read and sent, not time.
    Repo repo = repo(llamacpp.baseUrl(), "", "", 30);
    Path big = repo.dir.resolve("data/huge.txt");
    Files.createDirectories(big.getParent());
    try (OutputStream out = Files.newOutputStream(big)) {
      byte[] line =
          "a line of generated sample text that goes on for a while 0123456789\n"
              .getBytes(StandardCharsets.UTF_8);
      for (long written = 0; written < 50L * 1024 * 1024; written += line.length) {
        out.write(line);
      }
    }
    repo.ok("add", ".");
    llamacpp.clearRequests();
    String line = commitAndCheck(repo);
    assertThat(line).startsWith("commit-polish: polished");
    assertThat(llamacpp.requests(CHAT)).hasSize(1);
    assertThat(llamacpp.requests(CHAT).get(0).body())
        .hasSizeLessThan(20_000)
        .contains("data/huge.txt")
        .contains("too large, diff not shown");
  }

  @Test
  void readOnlyMessageFileIsRespected() throws IOException {
    Repo repo = repo(llamafile.baseUrl(), "", "chmod a-w \"$1\"\n");
    stageSmall(repo);
    String line = commitAndCheck(repo);
    assertThat(repo.headMessage()).isEqualTo(DRAFT);
    assertThat(line).isEqualTo("commit-polish: kept original (message file is read-only)");
  }

  /** Faults a retry did not reach are consumed here so they do not leak into the next test. */
  private static void drain(StandInServer s) {
    for (int i = 0; i < 5 && s.pendingFaults() > 0; i++) {
      try {
        var c =
            (java.net.HttpURLConnection)
                new java.net.URL(s.baseUrl() + "/chat/completions").openConnection();
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.setReadTimeout(5000);
        try (OutputStream o = c.getOutputStream()) {
          o.write(
              "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"
                  .getBytes(StandardCharsets.UTF_8));
        }
        c.getResponseCode();
        c.disconnect();
      } catch (IOException e) {
        // the fault did what faults do
      }
    }
  }
}
