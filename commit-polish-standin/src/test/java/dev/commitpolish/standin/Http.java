package dev.commitpolish.standin;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A tiny HttpURLConnection client for the stand-in's tests (no dependency on the llm module). */
final class Http {

  record Response(int status, String contentType, Map<String, List<String>> headers, String body) {
    String header(String name) {
      for (var e : headers.entrySet()) {
        if (e.getKey() != null && e.getKey().equalsIgnoreCase(name)) {
          return e.getValue().get(0);
        }
      }
      return null;
    }

    Map<String, Object> json() {
      try {
        return Json.parseObject(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }
  }

  private Http() {}

  static Response get(String url) throws IOException {
    return call("GET", url, null, Map.of());
  }

  static Response post(String url, String body) throws IOException {
    return call("POST", url, body, Map.of());
  }

  static Response post(String url, String body, Map<String, String> headers) throws IOException {
    return call("POST", url, body, headers);
  }

  static Response call(String method, String url, String body, Map<String, String> headers)
      throws IOException {
    var c = (HttpURLConnection) new URL(url).openConnection();
    c.setRequestMethod(method);
    c.setConnectTimeout(5000);
    c.setReadTimeout(20000);
    headers.forEach(c::setRequestProperty);
    if (body != null) {
      c.setDoOutput(true);
      c.setRequestProperty("Content-Type", "application/json");
      try (OutputStream o = c.getOutputStream()) {
        o.write(body.getBytes(StandardCharsets.UTF_8));
      }
    }
    int status = c.getResponseCode();
    InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
    String text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    return new Response(status, c.getContentType(), new LinkedHashMap<>(c.getHeaderFields()), text);
  }

  /** The {@code data:} payloads of an SSE body, in order. */
  static List<String> dataLines(String sse) {
    return sse.lines().filter(l -> l.startsWith("data: ")).map(l -> l.substring(6)).toList();
  }

  static String chat(String content, boolean stream) {
    return "{\"model\":\"m\",\"stream\":"
        + stream
        + ",\"messages\":[{\"role\":\"user\",\"content\":"
        + Json.write(content)
        + "}]}";
  }
}
