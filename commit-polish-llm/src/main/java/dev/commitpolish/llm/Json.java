package dev.commitpolish.llm;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Thin helpers over jackson-jr. jackson-jr's {@code JSON} class is only loaded when the first
 * request is built, never by a static initialiser of ours: the hook starts a JVM per commit.
 */
final class Json {
  private Json() {}

  static String write(Object value) {
    try {
      return JSON.std.asString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses any JSON value; throws IOException on malformed input. */
  static Object parse(String text) throws IOException {
    return JSON.std.anyFrom(text);
  }

  /** Parses a JSON object, or returns null when the text is not a JSON object. */
  static Map<String, Object> parseObjectOrNull(String text) {
    if (text == null) {
      return null;
    }
    String t = text.strip();
    if (!t.startsWith("{")) {
      return null;
    }
    try {
      return map(parse(t));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    return o instanceof Map ? (Map<String, Object>) o : null;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object o) {
    return o instanceof List ? (List<Object>) o : null;
  }

  static String str(Object o) {
    return o == null ? null : o instanceof String ? (String) o : String.valueOf(o);
  }

  /** An int from a JSON number or numeric string, or -1. */
  static int integer(Object o) {
    if (o instanceof Number) {
      return ((Number) o).intValue();
    }
    if (o instanceof String) {
      try {
        return Integer.parseInt(((String) o).trim());
      } catch (NumberFormatException e) {
        return -1;
      }
    }
    return -1;
  }

  /** Walks nested objects: {@code path(m, "a", "b")} is {@code m.a.b}, or null. */
  static Object path(Object root, String... keys) {
    Object cur = root;
    for (String k : keys) {
      Map<String, Object> m = map(cur);
      if (m == null) {
        return null;
      }
      cur = m.get(k);
    }
    return cur;
  }
}
