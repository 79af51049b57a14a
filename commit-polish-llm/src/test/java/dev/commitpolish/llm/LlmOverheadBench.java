package dev.commitpolish.llm;

import dev.commitpolish.standin.Profile;
import dev.commitpolish.standin.StandInServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * In-process benchmark: per-call overhead of {@link LlmClient#chat} over a raw {@code
 * java.net.http} POST of the same body to the same stand-in (llamafile profile, instant reply). A
 * raw {@link HttpURLConnection} POST is measured too, since that is the library's transport. The
 * three variants are interleaved per iteration so drift hits all alike. Prints markdown.
 *
 * <p>Run with {@code bench/llm-overhead/run.sh [iterations] [warmup]}. Not a test (no *Test
 * suffix): surefire never runs it.
 */
public final class LlmOverheadBench {
  private LlmOverheadBench() {}

  public static void main(String[] args) throws Exception {
    int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 400;
    int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    String reply = "fix(auth): refresh the token before it expires";
    try (StandInServer s =
        StandInServer.builder().profile(Profile.LLAMAFILE_0_9).port(0).reply(reply).start()) {
      String url = s.baseUrl() + "/chat/completions";
      LlmClient client = LlmClient.builder().env(Map.of()).retryPolicy(RetryPolicy.none()).build();
      ChatRequest req =
          ChatRequest.builder("llamafile/gemma-3-3b")
              .system("Write one Conventional Commits header for the diff.")
              .user("diff --git a/auth.py b/auth.py\n+refresh()\n")
              .temperature(0.2)
              .maxTokens(200)
              .seed(42)
              .apiBase(s.baseUrl())
              .build();
      String body =
          Json.write(
              Calls.chatBody(
                  Target.resolve(ModelRef.parse(req.model()), s.baseUrl(), null, Map.of()),
                  req,
                  false));
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

      List<Long> lib = new ArrayList<>();
      List<Long> jnh = new ArrayList<>();
      List<Long> huc = new ArrayList<>();
      for (int i = 0; i < warmup + iterations; i++) {
        boolean measure = i >= warmup;
        for (int k = 0; k < 3; k++) {
          int which = (i + k) % 3; // rotate the order
          long t0 = System.nanoTime();
          String out;
          if (which == 0) {
            out = client.chat(req).content();
          } else if (which == 1) {
            out = rawJavaNetHttp(http, url, body);
          } else {
            out = rawHttpUrlConnection(url, body);
          }
          long dt = System.nanoTime() - t0;
          if (!out.contains("refresh")) {
            throw new IllegalStateException("unexpected reply: " + out);
          }
          if (measure) {
            (which == 0 ? lib : which == 1 ? jnh : huc).add(dt);
          }
        }
      }
      double mLib = median(lib);
      double mJnh = median(jnh);
      double mHuc = median(huc);
      System.out.println("### LLM client per-call overhead (in-process, loopback stand-in)");
      System.out.println();
      System.out.printf(
          "JDK %s, %d iterations after %d warm-up, interleaved; llamafile-0.9 stand-in replying"
              + " at once.%n%n",
          System.getProperty("java.version"), iterations, warmup);
      System.out.println("| variant | median µs | p90 µs |");
      System.out.println("|---|---:|---:|");
      row("raw java.net.http POST (baseline)", jnh);
      row("raw HttpURLConnection POST", huc);
      row("LlmClient.chat (build body, POST, map, parse)", lib);
      System.out.println();
      System.out.printf(
          "Ratio LlmClient / raw java.net.http: **%.2f×** (overhead %+.0f µs per call);"
              + " LlmClient / raw HttpURLConnection: %.2f×.%n",
          mLib / mJnh, (mLib - mJnh) / 1000.0, mLib / mHuc);
    }
  }

  private static void row(String name, List<Long> xs) {
    System.out.printf("| %s | %.0f | %.0f |%n", name, median(xs) / 1000.0, pct(xs, 0.9) / 1000.0);
  }

  private static double median(List<Long> xs) {
    return pct(xs, 0.5);
  }

  private static double pct(List<Long> xs, double p) {
    List<Long> s = new ArrayList<>(xs);
    Collections.sort(s);
    return s.get((int) Math.min(s.size() - 1, Math.round(p * (s.size() - 1))));
  }

  private static String rawJavaNetHttp(HttpClient http, String url, String body)
      throws IOException, InterruptedException {
    HttpRequest r =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer fake-api-key")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.send(r, HttpResponse.BodyHandlers.ofString()).body();
  }

  private static String rawHttpUrlConnection(String url, String body) throws IOException {
    HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    c.setRequestMethod("POST");
    c.setDoOutput(true);
    c.setRequestProperty("Content-Type", "application/json");
    c.setRequestProperty("Authorization", "Bearer fake-api-key");
    c.setFixedLengthStreamingMode(b.length);
    try (OutputStream o = c.getOutputStream()) {
      o.write(b);
    }
    try (InputStream in = c.getInputStream()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      return out.toString(StandardCharsets.UTF_8);
    }
  }
}
