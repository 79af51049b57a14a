package dev.commitpolish.standin;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One HTTP request the stand-in received, recorded for assertions.
 *
 * @param method the HTTP method, e.g. {@code POST}
 * @param path the path without the query string, e.g. {@code /v1/chat/completions}
 * @param query the raw query string, {@code ""} when none
 * @param headers the request headers, names in lower case
 * @param body the request body decoded as UTF-8 ({@code ""} when none)
 * @param receivedAt when the request was fully read
 */
public record RecordedRequest(
    String method,
    String path,
    String query,
    Map<String, List<String>> headers,
    String body,
    Instant receivedAt) {

  public RecordedRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    query = query == null ? "" : query;
    headers = Map.copyOf(headers);
    body = body == null ? "" : body;
    Objects.requireNonNull(receivedAt, "receivedAt");
  }

  /** The first value of header {@code name} (case-insensitive). */
  public Optional<String> header(String name) {
    List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
  }

  /**
   * The body parsed as a JSON object.
   *
   * @throws IllegalStateException when the body is not a JSON object
   */
  public Map<String, Object> json() {
    try {
      Map<String, Object> m = JSON.std.mapFrom(body);
      if (m == null) {
        throw new IllegalStateException("request body is empty, not a JSON object");
      }
      return m;
    } catch (IOException e) {
      throw new IllegalStateException("request body is not a JSON object: " + e.getMessage(), e);
    }
  }

  /** The {@code messages[].content} strings of a chat request, in order (empty when none). */
  @SuppressWarnings("unchecked")
  public List<String> messageContents() {
    Object msgs = json().get("messages");
    if (!(msgs instanceof List)) {
      return List.of();
    }
    return ((List<Object>) msgs)
        .stream()
            .filter(m -> m instanceof Map)
            .map(m -> Prompts.contentText(((Map<String, Object>) m).get("content")))
            .toList();
  }

  /** The content of the last chat message (usually the user prompt), {@code ""} when none. */
  public String lastMessageContent() {
    List<String> c = messageContents();
    return c.isEmpty() ? "" : c.get(c.size() - 1);
  }
}
