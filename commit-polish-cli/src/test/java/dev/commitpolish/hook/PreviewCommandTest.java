package dev.commitpolish.hook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.commitpolish.cli.Env;
import dev.commitpolish.cli.Main;
import dev.commitpolish.standin.Profile;
import dev.commitpolish.standin.StandInServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreviewCommandTest {

  static StandInServer server;

  @TempDir Path tmp;
  Path diff;
  Env env;
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeAll
  static void start() {
    server =
        StandInServer.builder()
            .profile(Profile.LLAMAFILE_0_9)
            .port(0)
            .reply("fix(auth): refresh the login token")
            .start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void setUp() throws IOException {
    diff = tmp.resolve("change.diff");
    Files.writeString(
        diff,
        "diff --git a/src/auth/Login.java b/src/auth/Login.java\n"
            + "--- a/src/auth/Login.java\n+++ b/src/auth/Login.java\n"
            + "@@ -1 +1 @@\n-  token = null;\n+  token = refresh(token);\n");
    env =
        new Env(Map.of("PATH", System.getenv("PATH"), "HOME", tmp.resolve("home").toString()), tmp);
  }

  private int run(String... args) {
    return Main.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        env);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void printsOnlyTheMessageOnStdout() {
    int code =
        run(
            "preview",
            "-m",
            "fixed the login thing",
            "--diff",
            diff.toString(),
            "--api-base",
            server.baseUrl());
    assertThat(code).isZero();
    assertThat(out()).isEqualTo("fix(auth): refresh the login token\n");
  }

  @Test
  void jsonHasEveryDocumentedField() {
    int code =
        run(
            "preview",
            "--json",
            "-m",
            "fixed the login thing",
            "--diff",
            diff.toString(),
            "--api-base",
            server.baseUrl());
    assertThat(code).isZero();
    String json = out().strip();
    assertThat(json)
        .startsWith("{\"message\":\"fix(auth): refresh the login token\",\"engine\":\"llm\"")
        .contains("\"model\":\"llamafile/gemma-3-3b\"")
        .contains("\"attempts\":1")
        .contains("\"valid\":true")
        .contains("\"errors\":[]")
        .containsPattern("\"prompt_tokens\":[1-9][0-9]*")
        .containsPattern("\"completion_tokens\":[1-9][0-9]*")
        .containsPattern("\"elapsed_ms\":[0-9]+")
        .doesNotContain("\"error\":")
        .endsWith("}");
    assertThat(json.lines()).hasSize(1);
  }

  @Test
  void jsonCarriesTheModelErrorWhenTheServerIsDown() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    int code =
        run(
            "preview",
            "--json",
            "-m",
            "fixed the login thing",
            "--diff",
            diff.toString(),
            "--api-base",
            "http://127.0.0.1:" + port + "/v1");
    assertThat(code).isZero();
    assertThat(out())
        .contains("\"message\":\"fix: fix the login thing\"")
        .contains("\"engine\":\"offline\"")
        .contains("\"attempts\":1")
        .contains(
            "\"error\":{\"type\":\"APIConnectionError\",\"status\":0,\"message\":\"no server at");
  }

  @Test
  void showPromptAndShowDiffPrintWhatIsSent() {
    int code =
        run(
            "preview",
            "--show-prompt",
            "-m",
            "fixed the login thing",
            "--diff",
            diff.toString(),
            "--api-base",
            server.baseUrl());
    assertThat(code).isZero();
    assertThat(out())
        .startsWith("----- prompt -----\n[system]\n")
        .contains("Author's draft (keep its intent):\n<<<\nfixed the login thing\n>>>")
        .contains("M src/auth/Login.java (+1 -1)")
        .endsWith("----- message -----\nfix(auth): refresh the login token\n");
    out.reset();
    run("preview", "--show-diff", "--diff", diff.toString(), "--api-base", server.baseUrl());
    assertThat(out())
        .startsWith("----- diff -----\nChanged files (1, +1 -1):")
        .contains("+  token = refresh(token);");
  }

  @Test
  void outsideARepositoryWithoutDiffIsAClearError() {
    int code = run("preview", "-m", "x", "--api-base", server.baseUrl());
    assertThat(code).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("not in a git repository; pass --diff FILE");
  }
}
