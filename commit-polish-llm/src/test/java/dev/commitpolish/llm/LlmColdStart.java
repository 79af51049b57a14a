package dev.commitpolish.llm;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One call in a fresh JVM, as the commit hook makes it: prints the milliseconds spent in {@code
 * main} for the chosen variant ({@code lib}, {@code jnh} = raw java.net.http, {@code huc} = raw
 * HttpURLConnection). Driven by bench/llm-overhead/run.sh; not a test.
 */
public final class LlmColdStart {
  private LlmColdStart() {}

  public static void main(String[] args) throws Exception {
    String variant = args[0];
    String base = args[1];
    long t0 = System.nanoTime();
    String body =
        "{\"model\":\"gemma-3-3b\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
            + "\"max_tokens\":20}";
    String out;
    switch (variant) {
      case "lib":
        out =
            LlmClient.builder()
                .env(Map.of())
                .build()
                .chat(
                    ChatRequest.builder("llamafile/gemma-3-3b")
                        .user("hi")
                        .maxTokens(20)
                        .apiBase(base)
                        .build())
                .content();
        break;
      case "jnh":
        out =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(URI.create(base + "/chat/completions"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .body();
        break;
      default:
        HttpURLConnection c =
            (HttpURLConnection) URI.create(base + "/chat/completions").toURL().openConnection();
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.setRequestProperty("Content-Type", "application/json");
        c.setFixedLengthStreamingMode(b.length);
        try (OutputStream o = c.getOutputStream()) {
          o.write(b);
        }
        try (InputStream in = c.getInputStream()) {
          ByteArrayOutputStream buf = new ByteArrayOutputStream();
          in.transferTo(buf);
          out = buf.toString(StandardCharsets.UTF_8);
        }
    }
    if (out.isEmpty()) {
      throw new IllegalStateException("empty reply");
    }
    System.out.println((System.nanoTime() - t0) / 1_000_000.0);
  }
}
