package dev.commitpolish.standin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class StandInFidelityTest {

  private static final String PREFIX = "<|im_start|>user\n";
  private static final String SUFFIX = "<|im_end|>\n<|im_start|>assistant\n";

  @Test
  @SuppressWarnings("unchecked")
  void llamacppRejectsAnOversizedPromptWith400BeforeAnyStreamByte() throws Exception {
    try (var s = StandInServer.builder().profile(Profile.LLAMACPP).nCtx(64).start()) {
      String content = "x".repeat(300);
      int n = s.tokenizer().count(PREFIX + content + SUFFIX);
      for (boolean stream : new boolean[] {false, true}) {
        var r = Http.post(s.baseUrl() + "/chat/completions", Http.chat(content, stream));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).isEqualTo("application/json; charset=utf-8");
        var e = (Map<String, Object>) r.json().get("error");
        assertThat(e)
            .containsEntry("type", "exceed_context_size_error")
            .containsEntry("n_prompt_tokens", n)
            .containsEntry("n_ctx", 64)
            .containsEntry("code", 400);
        assertThat((String) e.get("message"))
            .isEqualTo(
                "request ("
                    + n
                    + " tokens) exceeds the available context size (64 tokens), try increasing it");
      }
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void llamafileSilentlyDropsTheFrontOfAnOversizedPrompt() throws Exception {
    try (var s = StandInServer.builder().nCtx(64).start()) {
      String content = "FRONT-MARKER " + "y".repeat(300) + " TAIL-MARKER";
      int n = s.tokenizer().count(PREFIX + content + SUFFIX);
      // server.cpp with n_keep 0: erase whole blocks of n_ctx/2 from the front.
      int erased = (n - 32) / 32;
      var r = Http.post(s.baseUrl() + "/chat/completions", Http.chat(content, false));
      assertThat(r.status()).isEqualTo(200);
      var usage = (Map<String, Object>) r.json().get("usage");
      assertThat(usage.get("prompt_tokens")).isEqualTo(n - erased * 32);
      String seen = s.prompts().get(0);
      assertThat(seen).doesNotContain("FRONT-MARKER").endsWith("TAIL-MARKER" + SUFFIX);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void llamacppStopsWithLengthWhenTheContextFills() throws Exception {
    try (var s =
        StandInServer.builder().profile(Profile.LLAMACPP).nCtx(20).reply("z".repeat(200)).start()) {
      var r = Http.post(s.baseUrl() + "/chat/completions", Http.chat("hi", false));
      var j = r.json();
      var usage = (Map<String, Object>) j.get("usage");
      int prompt = (Integer) usage.get("prompt_tokens");
      assertThat(usage.get("completion_tokens")).isEqualTo(20 - prompt);
      var choice = ((List<Map<String, Object>>) j.get("choices")).get(0);
      assertThat(choice.get("finish_reason")).isEqualTo("length");
    }
  }

  @Test
  void llamacppAnswers503LoadingModelUntilReady() throws Exception {
    try (var s =
        StandInServer.builder().profile(Profile.LLAMACPP).loading(Duration.ofSeconds(60)).start()) {
      var r = Http.get(s.rootUrl() + "/health");
      assertThat(r.status()).isEqualTo(503);
      assertThat(r.body()).contains("\"Loading model\"");
      assertThat(Http.post(s.baseUrl() + "/chat/completions", Http.chat("x", false)).status())
          .isEqualTo(503);
      s.setLoading(false);
      assertThat(poll(s.rootUrl() + "/health")).isEqualTo(200);
    }
    try (var s =
        StandInServer.builder().profile(Profile.LLAMACPP).loading(Duration.ofMillis(300)).start()) {
      // a loading window also ends by itself
      assertThat(poll(s.rootUrl() + "/health")).isEqualTo(200);
      s.setLoading(true);
      assertThat(Http.get(s.rootUrl() + "/v1/models").status()).isEqualTo(503);
      s.setLoading(false);
      assertThat(Http.get(s.rootUrl() + "/v1/models").status()).isEqualTo(200);
    }
  }

  @Test
  void llamafileRefusesConnectionsWhileLoading() throws Exception {
    // A long loading window ended by hand: no race with a slow test machine.
    try (var s = StandInServer.builder().loading(Duration.ofSeconds(60)).start()) {
      assertThat(s.port()).isPositive();
      assertThatThrownBy(() -> Http.get(s.rootUrl() + "/health"))
          .isInstanceOf(ConnectException.class);
      assertThat(s.awaitListening(Duration.ofMillis(50))).isFalse();
      s.setLoading(false);
      assertThat(s.awaitListening(Duration.ofSeconds(10))).isTrue();
      assertThat(Http.get(s.rootUrl() + "/health").status()).isEqualTo(200);
    }
  }

  private static int poll(String url) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      try {
        int st = Http.get(url).status();
        if (st == 200) {
          return st;
        }
      } catch (IOException e) {
        // not yet
      }
      Thread.sleep(100);
    }
    return -1;
  }

  @Test
  void llamafileApiKeyProtectsOnlyGenerationRoutesAndWantsExactBearer() throws Exception {
    try (var s = StandInServer.builder().apiKey("sk-test").start()) {
      var none = Http.post(s.baseUrl() + "/chat/completions", Http.chat("x", false));
      assertThat(none.status()).isEqualTo(401);
      assertThat(none.contentType()).isEqualTo("text/plain; charset=utf-8");
      assertThat(none.body()).isEqualTo("Unauthorized");
      assertThat(
              Http.post(
                      s.baseUrl() + "/chat/completions",
                      Http.chat("x", false),
                      Map.of("Authorization", "sk-test"))
                  .status())
          .isEqualTo(401);
      assertThat(
              Http.post(
                      s.baseUrl() + "/chat/completions",
                      Http.chat("x", false),
                      Map.of("Authorization", "Bearer sk-test"))
                  .status())
          .isEqualTo(200);
      assertThat(Http.get(s.rootUrl() + "/props").status()).isEqualTo(200);
      assertThat(Http.post(s.rootUrl() + "/tokenize", "{\"content\":\"a\"}").status())
          .isEqualTo(200);
    }
  }

  @Test
  void llamacppApiKeyGuardsAllButPublicRoutes() throws Exception {
    try (var s = StandInServer.builder().profile(Profile.LLAMACPP).apiKey("sk-test").start()) {
      var r = Http.post(s.rootUrl() + "/tokenize", "{\"content\":\"a\"}");
      assertThat(r.status()).isEqualTo(401);
      assertThat(r.body())
          .isEqualTo(
              "{\"error\":{\"message\":\"Invalid API Key\",\"type\":\"authentication_error\",\"code\":401}}");
      assertThat(
              Http.post(
                      s.rootUrl() + "/tokenize",
                      "{\"content\":\"a\"}",
                      Map.of("X-Api-Key", "sk-test"))
                  .status())
          .isEqualTo(200);
      assertThat(
              Http.post(
                      s.baseUrl() + "/chat/completions",
                      Http.chat("x", false),
                      Map.of("Authorization", "Bearer sk-test"))
                  .status())
          .isEqualTo(200);
      assertThat(Http.get(s.rootUrl() + "/health").status()).isEqualTo(200);
      assertThat(Http.get(s.baseUrl() + "/models").status()).isEqualTo(200);
    }
  }

  @Test
  void llamafileHasNoCompletionsNoEmbeddingsAndTextPlainErrors() throws Exception {
    try (var s = StandInServer.builder().start()) {
      var c = Http.post(s.baseUrl() + "/completions", "{\"prompt\":\"x\"}");
      assertThat(c.status()).isEqualTo(404);
      assertThat(c.body()).isEqualTo("File Not Found");
      var e = Http.post(s.baseUrl() + "/embeddings", "{\"input\":\"x\"}");
      assertThat(e.status()).isEqualTo(503);
      assertThat(e.body()).isEqualTo("Service Unavailable");
      assertThat(Http.get(s.baseUrl() + "/chat/completions").status()).isEqualTo(404);
      assertThat(Http.get(s.rootUrl() + "/metrics").status()).isEqualTo(404);
      var bad = Http.post(s.baseUrl() + "/chat/completions", "{not json");
      assertThat(bad.status()).isEqualTo(500);
      assertThat(bad.body()).startsWith("500 Internal Server Error\n[json.exception.");
      var arr =
          Http.post(
              s.baseUrl() + "/chat/completions",
              "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"x\"}]}]}");
      assertThat(arr.status()).isEqualTo(500);
      assertThat(arr.body()).contains("type must be string, but is array");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void llamacppServesTextCompletionsEmbeddingsAndJsonErrors() throws Exception {
    try (var s = StandInServer.builder().profile(Profile.LLAMACPP).reply("done").start();
        var off = StandInServer.builder().profile(Profile.LLAMACPP).embeddings(false).start()) {
      var c = Http.post(s.baseUrl() + "/completions", "{\"prompt\":\"x\"}");
      assertThat(c.json().get("object")).isEqualTo("text_completion");
      var st = Http.post(s.baseUrl() + "/completions", "{\"prompt\":\"x\",\"stream\":true}");
      assertThat(Http.dataLines(st.body())).last().isEqualTo("[DONE]");

      var e1 = Http.post(s.baseUrl() + "/embeddings", "{\"input\":[\"a\",\"b\"]}").json();
      var e2 = Http.post(s.baseUrl() + "/embeddings", "{\"input\":\"a\"}").json();
      var d1 = (List<Map<String, Object>>) e1.get("data");
      var d2 = (List<Map<String, Object>>) e2.get("data");
      assertThat(d1).hasSize(2);
      assertThat(d1.get(0).get("embedding")).isEqualTo(d2.get(0).get("embedding"));
      assertThat(d1.get(0).get("embedding")).isNotEqualTo(d1.get(1).get("embedding"));
      double norm = 0;
      for (Object x : (List<Object>) d1.get(0).get("embedding")) {
        norm += Math.pow(((Number) x).doubleValue(), 2);
      }
      assertThat(norm).isBetween(0.999, 1.001);
      assertThat(Http.post(s.baseUrl() + "/embeddings", "{\"input\":\"\"}").status())
          .isEqualTo(400);
      assertThat(Http.post(off.baseUrl() + "/embeddings", "{\"input\":\"a\"}").status())
          .isEqualTo(501);

      var bad = Http.post(s.baseUrl() + "/chat/completions", "{not json");
      assertThat(bad.status()).isEqualTo(500);
      assertThat(((Map<String, Object>) bad.json().get("error")).get("type"))
          .isEqualTo("server_error");
      var unknown = Http.get(s.rootUrl() + "/nope");
      assertThat(unknown.status()).isEqualTo(404);
      assertThat(unknown.body()).contains("\"not_found_error\"");
      var arr =
          Http.post(
              s.baseUrl() + "/chat/completions",
              "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"x\"}]}]}");
      assertThat(arr.status()).isEqualTo(200);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void modelsShapesDiffer() throws Exception {
    try (var lf = StandInServer.builder().modelPath("Llama-3.2-1B.gguf").start();
        var cpp = StandInServer.builder().profile(Profile.LLAMACPP).modelAlias("gemma").start()) {
      var a = Http.get(lf.baseUrl() + "/models").json();
      assertThat(a.keySet()).containsExactly("object", "data");
      var d = ((List<Map<String, Object>>) a.get("data")).get(0);
      assertThat(d).containsEntry("id", "Llama-3.2-1B.gguf").containsEntry("owned_by", "llamacpp");
      var b = Http.get(cpp.baseUrl() + "/models").json();
      assertThat(b.keySet()).containsExactly("models", "object", "data");
      assertThat(((List<Map<String, Object>>) b.get("data")).get(0)).containsKey("meta");
    }
  }

  @Test
  void tokenizerCountsThreeAndAHalfBytesPerTokenAndRoundTrips() throws Exception {
    var t = new Tokenizer();
    assertThat(t.count("")).isZero();
    assertThat(t.count("abc")).isEqualTo(1);
    assertThat(t.count("abcd")).isEqualTo(2);
    assertThat(t.count("a".repeat(7000))).isEqualTo(2000);
    assertThat(t.tokenize("abcdefg")).isEqualTo(t.tokenize("abcdefg"));
    String text = "héllo wörld ✓ — ok";
    assertThat(t.detokenize(t.tokenize(text))).isEqualTo(text);
    try (var s = StandInServer.builder().profile(Profile.LLAMACPP).start()) {
      String ids =
          Http.post(s.rootUrl() + "/tokenize", "{\"content\":" + Json.write(text) + "}").body();
      assertThat(ids).startsWith("{\"tokens\":[");
      String back = Http.post(s.rootUrl() + "/detokenize", ids).json().get("content").toString();
      assertThat(back).isEqualTo(text);
      assertThat(
              Http.post(s.rootUrl() + "/tokenize", "{\"content\":\"abcd\",\"with_pieces\":true}")
                  .body())
          .contains("\"piece\":\"abc\"")
          .contains("\"piece\":\"d\"");
    }
  }

  @Test
  void multiByteRepliesStreamWithoutBrokenCharacters() throws Exception {
    String reply = "fix: gère les accents — ✓ 日本語";
    for (Profile p : Profile.values()) {
      try (var s = StandInServer.builder().profile(p).reply(reply).start()) {
        String body = Http.post(s.baseUrl() + "/chat/completions", Http.chat("x", true)).body();
        var sb = new StringBuilder();
        for (String d : Http.dataLines(body)) {
          if (d.equals("[DONE]")) {
            continue;
          }
          var m = Json.parseObject(d);
          @SuppressWarnings("unchecked")
          var choices = (List<Map<String, Object>>) m.get("choices");
          if (choices.isEmpty()) {
            continue;
          }
          @SuppressWarnings("unchecked")
          var delta = (Map<String, Object>) choices.get(0).get("delta");
          Object c = delta.get("content");
          if (c != null) {
            assertThat((String) c).doesNotContain("\uFFFD");
            sb.append(c);
          }
        }
        assertThat(sb.toString()).isEqualTo(reply);
      }
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void stopStringsCutTheReplyAndLlamafileAlwaysStopsAtImEnd() throws Exception {
    try (var s = StandInServer.builder().reply("feat: x<|im_end|>garbage").start()) {
      var j = Http.post(s.baseUrl() + "/chat/completions", Http.chat("x", false)).json();
      var msg =
          (Map<String, Object>)
              ((List<Map<String, Object>>) j.get("choices")).get(0).get("message");
      assertThat(msg.get("content")).isEqualTo("feat: x");
    }
    try (var s =
        StandInServer.builder().profile(Profile.LLAMACPP).reply("feat: x\n\nbody").start()) {
      var j =
          Http.post(
                  s.baseUrl() + "/chat/completions",
                  "{\"stop\":[\"\\n\\n\"],\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")
              .json();
      var choice = ((List<Map<String, Object>>) j.get("choices")).get(0);
      assertThat(((Map<String, Object>) choice.get("message")).get("content")).isEqualTo("feat: x");
      assertThat(choice.get("finish_reason")).isEqualTo("stop");
    }
  }

  @Test
  void repliesQueueReplyFunctionAndRecordedRequests() throws Exception {
    try (var s = StandInServer.builder().replies("one", "two").start()) {
      List<String> got = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        got.add(content(Http.post(s.baseUrl() + "/chat/completions", Http.chat("q" + i, false))));
      }
      assertThat(got).containsExactly("one", "two", "two");
      s.setReplyFunction(r -> "echo " + r.lastMessageContent());
      assertThat(content(Http.post(s.baseUrl() + "/chat/completions", Http.chat("abc", false))))
          .isEqualTo("echo abc");
      s.setReplyFunction(null);
      s.setReply("fixed");
      assertThat(content(Http.post(s.baseUrl() + "/chat/completions", Http.chat("x", false))))
          .isEqualTo("fixed");
      RecordedRequest first = s.requests("/v1/chat/completions").get(0);
      assertThat(first.method()).isEqualTo("POST");
      assertThat(first.header("Content-Type")).contains("application/json");
      assertThat(first.json().get("model")).isEqualTo("m");
      assertThat(first.messageContents()).containsExactly("q0");
    }
  }

  @SuppressWarnings("unchecked")
  private static String content(Http.Response r) {
    var choice = ((List<Map<String, Object>>) r.json().get("choices")).get(0);
    return (String) ((Map<String, Object>) choice.get("message")).get("content");
  }

  @Test
  void prefillDelayIsProportionalToPromptTokensAndSilent() throws Exception {
    try (var s = StandInServer.builder().prefillTokensPerSecond(100).start()) {
      String content = "p".repeat(70); // ~20 content tokens + template
      int n = s.tokenizer().count(PREFIX + content + SUFFIX);
      long t0 = System.nanoTime();
      var r = Http.post(s.baseUrl() + "/chat/completions", Http.chat(content, false));
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertThat(r.status()).isEqualTo(200);
      assertThat(ms).isGreaterThanOrEqualTo(n * 10L - 20);
    }
  }

  @Test
  void llamafileQueuesOnItsSingleSlotAndHealthShowsIt() throws Exception {
    try (var s = StandInServer.builder().tokensPerSecond(20).reply("a".repeat(40)).start()) {
      var slow =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return Http.post(s.baseUrl() + "/chat/completions", Http.chat("x", false))
                      .status();
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              });
      String health = "";
      for (int i = 0; i < 50 && !health.contains("no slot"); i++) {
        Thread.sleep(20);
        health = Http.get(s.rootUrl() + "/health").body();
      }
      assertThat(health)
          .isEqualTo("{\"slots_idle\":0,\"slots_processing\":1,\"status\":\"no slot available\"}");
      assertThat(Http.get(s.rootUrl() + "/health?fail_on_no_slot=1").status()).isEqualTo(503);
      assertThat(slow.get()).isEqualTo(200);
    }
  }

  @Test
  void nativeCompletionShapes() throws Exception {
    try (var lf = StandInServer.builder().reply("hello").start();
        var cpp = StandInServer.builder().profile(Profile.LLAMACPP).reply("hello").start()) {
      var a = Http.post(lf.rootUrl() + "/completion", "{\"prompt\":\"x\",\"n_predict\":1}").json();
      assertThat(a)
          .containsEntry("content", "hel")
          .containsEntry("stop", true)
          .containsEntry("stopped_limit", true)
          .containsEntry("tokens_predicted", 1);
      var b = Http.post(cpp.rootUrl() + "/completion", "{\"prompt\":\"x\"}").json();
      assertThat(b).containsEntry("content", "hello").containsEntry("stop_type", "eos");
      var st = Http.post(lf.rootUrl() + "/completion", "{\"prompt\":\"x\",\"stream\":true}");
      assertThat(Http.dataLines(st.body())).last().asString().contains("\"stop\":true");
      assertThat(st.body()).doesNotContain("[DONE]");
    }
  }

  @Test
  void responseFormatIsValidatedByLlamacppAndIgnoredByLlamafile() throws Exception {
    String body =
        "{\"response_format\":{\"type\":\"yaml\"},\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}";
    try (var lf = StandInServer.builder().start();
        var cpp = StandInServer.builder().profile(Profile.LLAMACPP).start()) {
      assertThat(Http.post(lf.baseUrl() + "/chat/completions", body).status()).isEqualTo(200);
      var r = Http.post(cpp.baseUrl() + "/chat/completions", body);
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.body()).contains("invalid_request_error").contains("but got: yaml");
    }
  }

  @Test
  void keepAliveConnectionsCloseAfterFiveRequestsLikeHttplib() throws Exception {
    try (var s = StandInServer.builder().start();
        var sock = new java.net.Socket("127.0.0.1", s.port())) {
      var out = sock.getOutputStream();
      var in =
          new java.io.BufferedReader(
              new java.io.InputStreamReader(
                  sock.getInputStream(), java.nio.charset.StandardCharsets.ISO_8859_1));
      List<String> connectionHeaders = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        out.write(
            "GET /health HTTP/1.1\r\nHost: x\r\n\r\n"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        out.flush();
        int len = 0;
        for (String h = in.readLine(); !h.isEmpty(); h = in.readLine()) {
          if (h.startsWith("Content-Length: ")) {
            len = Integer.parseInt(h.substring(16));
          }
          if (h.startsWith("Connection: ") || h.startsWith("Keep-Alive: ")) {
            connectionHeaders.add(h);
          }
        }
        in.skip(len);
      }
      assertThat(connectionHeaders.subList(0, 4)).allMatch(h -> h.startsWith("Keep-Alive: "));
      assertThat(connectionHeaders.get(4)).isEqualTo("Connection: close");
      assertThat(in.read()).isEqualTo(-1);
    }
  }

  @Test
  void optionsPreflightEchoesTheOrigin() throws Exception {
    try (var s = StandInServer.builder().apiKey("k").start();
        var sock = new java.net.Socket("127.0.0.1", s.port())) {
      sock.getOutputStream()
          .write(
              ("OPTIONS /v1/chat/completions HTTP/1.1\r\nHost: x\r\nOrigin: http://a.test\r\n"
                      + "Connection: close\r\n\r\n")
                  .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      String resp =
          new String(
              sock.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
      assertThat(resp)
          .startsWith("HTTP/1.1 200 OK\r\n")
          .contains("Access-Control-Allow-Origin: http://a.test\r\n");
    }
  }
}
