package dev.commitpolish.standin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StandInFaultsTest {

  @BeforeAll
  static void noSilentPostRetries() {
    // HttpURLConnection would otherwise resend a POST once after a dropped connection, hiding it.
    System.setProperty("sun.net.http.retryPost", "false");
  }

  private static StandInServer server(Profile p) {
    return StandInServer.builder().profile(p).reply("feat: add a parser for configs").start();
  }

  /** Reads an SSE stream line by line; returns the data lines read before EOF or an error. */
  private static List<String> readStream(String url, String body, List<Throwable> failure)
      throws IOException {
    var c = (HttpURLConnection) new URL(url).openConnection();
    c.setRequestMethod("POST");
    c.setDoOutput(true);
    c.setReadTimeout(10000);
    try (OutputStream o = c.getOutputStream()) {
      o.write(body.getBytes(StandardCharsets.UTF_8));
    }
    assertThat(c.getResponseCode()).isEqualTo(200);
    List<String> data = new ArrayList<>();
    try (var r =
        new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.startsWith("data: ")) {
          data.add(line.substring(6));
        }
      }
    } catch (IOException e) {
      failure.add(e);
    }
    return data;
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void dropConnectionResetsWithoutAResponse(Profile p) {
    try (var s = server(p)) {
      s.enqueueFault(Fault.dropConnection());
      assertThatThrownBy(() -> Http.post(s.baseUrl() + "/chat/completions", Http.chat("x", false)))
          .isInstanceOf(IOException.class);
      assertThat(s.requests()).hasSize(1);
      assertThat(s.pendingFaults()).isZero();
    }
  }

  @Test
  void emptyReplyClosesWithoutAByteAndEmptyBodyIsA200WithNothing() throws Exception {
    try (var s = server(Profile.LLAMACPP)) {
      s.enqueueFault(Fault.emptyReply());
      assertThatThrownBy(() -> Http.post(s.baseUrl() + "/chat/completions", Http.chat("x", false)))
          .isInstanceOf(IOException.class);
      s.enqueueFault(Fault.emptyBody());
      var r = Http.post(s.baseUrl() + "/chat/completions", Http.chat("x", false));
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.body()).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void malformedJsonIsCutInHalf(Profile p) throws Exception {
    try (var s = server(p)) {
      s.enqueueFault(Fault.malformedJson());
      var r = Http.post(s.baseUrl() + "/chat/completions", Http.chat("x", false));
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.body()).startsWith("{\"choices\":[");
      assertThatThrownBy(() -> Json.parseObject(r.body())).isInstanceOf(IOException.class);
      s.enqueueFault(Fault.malformedJson());
      var st = Http.post(s.baseUrl() + "/chat/completions", Http.chat("x", true));
      List<String> data = Http.dataLines(st.body());
      assertThat(data).hasSize(1);
      assertThatThrownBy(() -> Json.parseObject(data.get(0))).isInstanceOf(IOException.class);
    }
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void dropMidStreamDeliversNEventsThenBreaksTheConnection(Profile p) throws Exception {
    try (var s = server(p)) {
      s.enqueueFault(Fault.dropMidStream(2));
      List<Throwable> failure = new ArrayList<>();
      List<String> data =
          readStream(s.baseUrl() + "/chat/completions", Http.chat("x", true), failure);
      assertThat(data).hasSize(2);
      assertThat(failure).hasSize(1); // premature EOF inside the chunked body
    }
  }

  @Test
  void dropMidStreamOnANonStreamingRequestCutsTheBody() {
    try (var s = server(Profile.LLAMAFILE_0_9)) {
      s.enqueueFault(Fault.dropMidStream(0));
      assertThatThrownBy(() -> Http.post(s.baseUrl() + "/chat/completions", Http.chat("x", false)))
          .isInstanceOf(IOException.class);
    }
  }

  @Test
  void streamErrorUsesEachServersDialect() throws Exception {
    try (var cpp = server(Profile.LLAMACPP);
        var lf = server(Profile.LLAMAFILE_0_9)) {
      cpp.enqueueFault(Fault.streamError("boom", 2));
      String a = Http.post(cpp.baseUrl() + "/chat/completions", Http.chat("x", true)).body();
      List<String> data = Http.dataLines(a);
      assertThat(data).hasSize(3); // role chunk, one content chunk, the error
      assertThat(data.get(2))
          .isEqualTo("{\"error\":{\"code\":500,\"message\":\"boom\",\"type\":\"server_error\"}}");
      assertThat(a).doesNotContain("[DONE]");

      lf.enqueueFault(Fault.streamError("boom"));
      String b = Http.post(lf.baseUrl() + "/chat/completions", Http.chat("x", true)).body();
      assertThat(Http.dataLines(b)).hasSize(1);
      assertThat(b).contains("\n\nerror: {\"content\":\"boom\"}\n\n");
    }
  }

  @Test
  void retryAfterHeaderAndStatusMessagesAndRawBodies() throws Exception {
    try (var lf = server(Profile.LLAMAFILE_0_9);
        var cpp = server(Profile.LLAMACPP)) {
      lf.enqueueFault(Fault.retryAfterHeader(429, "Wed, 21 Oct 2026 07:28:00 GMT"));
      var a = Http.post(lf.baseUrl() + "/chat/completions", Http.chat("x", false));
      assertThat(a.status()).isEqualTo(429);
      assertThat(a.header("Retry-After")).isEqualTo("Wed, 21 Oct 2026 07:28:00 GMT");
      assertThat(a.contentType()).startsWith("text/plain");

      cpp.enqueueFault(Fault.status(400, "the request exceeds the available context size"));
      var b = Http.post(cpp.baseUrl() + "/chat/completions", Http.chat("x", false));
      assertThat(b.body())
          .isEqualTo(
              "{\"error\":{\"code\":400,\"message\":\"the request exceeds the available context"
                  + " size\",\"type\":\"invalid_request_error\"}}");

      cpp.enqueueFault(Fault.raw(502, "text/html", "<h1>Bad Gateway</h1>"));
      var c = Http.post(cpp.baseUrl() + "/chat/completions", Http.chat("x", false));
      assertThat(c.status()).isEqualTo(502);
      assertThat(c.body()).isEqualTo("<h1>Bad Gateway</h1>");

      lf.enqueueFault(Fault.status(404));
      assertThat(Http.post(lf.baseUrl() + "/chat/completions", Http.chat("x", false)).body())
          .isEqualTo("File Not Found");
    }
  }

  @Test
  void faultsCanTargetOnePathAndApplyInOrder() throws Exception {
    try (var s = server(Profile.LLAMACPP)) {
      s.enqueueFault("/v1/chat/completions", Fault.status(500));
      s.enqueueFault("/v1/chat/completions", Fault.status(502));
      assertThat(Http.get(s.rootUrl() + "/health").status()).isEqualTo(200);
      assertThat(Http.post(s.baseUrl() + "/chat/completions", Http.chat("x", false)).status())
          .isEqualTo(500);
      assertThat(Http.post(s.baseUrl() + "/chat/completions", Http.chat("x", false)).status())
          .isEqualTo(502);
      assertThat(Http.post(s.baseUrl() + "/chat/completions", Http.chat("x", false)).status())
          .isEqualTo(200);
    }
  }

  @Test
  void loadingFaultIs503OnLlamacppAndAClosedConnectionOnLlamafile() throws Exception {
    try (var cpp = server(Profile.LLAMACPP);
        var lf = server(Profile.LLAMAFILE_0_9)) {
      cpp.enqueueFault(Fault.loading());
      var r = Http.get(cpp.rootUrl() + "/health");
      assertThat(r.status()).isEqualTo(503);
      assertThat(r.body())
          .isEqualTo(
              "{\"error\":{\"message\":\"Loading model\",\"type\":\"unavailable_error\",\"code\":503}}");
      lf.enqueueFault(Fault.loading());
      // POST: HttpURLConnection silently retries a GET once on a new connection.
      assertThatThrownBy(() -> Http.post(lf.baseUrl() + "/chat/completions", Http.chat("x", false)))
          .isInstanceOf(IOException.class);
    }
  }

  @Test
  void delayHoldsTheResponse() throws Exception {
    try (var s = server(Profile.LLAMAFILE_0_9)) {
      s.enqueueFault(Fault.delay(Duration.ofMillis(300)));
      long t0 = System.nanoTime();
      assertThat(Http.post(s.baseUrl() + "/chat/completions", Http.chat("x", false)).status())
          .isEqualTo(200);
      assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(300);
    }
  }
}
