package dev.commitpolish.standin;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Small JSON helpers over jackson-jr; key order matters because the servers' orders differ. */
final class Json {

  private static final JSON WRITER = JSON.std.with(JSON.Feature.WRITE_NULL_PROPERTIES);

  private Json() {}

  /** An insertion-ordered object (llama.cpp's ordered_json). */
  static Map<String, Object> obj(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  /** An alphabetically ordered object (llamafile's plain nlohmann::json). */
  static Map<String, Object> sorted(Object... kv) {
    Map<String, Object> m = new TreeMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  static String write(Object o) {
    try {
      return WRITER.asString(o);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses a JSON object; throws IOException with jackson's message when it is not one. */
  static Map<String, Object> parseObject(String text) throws IOException {
    Object o = JSON.std.anyFrom(text);
    if (!(o instanceof Map)) {
      throw new IOException(
          "[json.exception.type_error.302] type must be object, but is "
              + (o == null ? "null" : o instanceof java.util.List ? "array" : "value"));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> m = (Map<String, Object>) o;
    return m;
  }
}
