package dev.commitpolish.config;

import java.nio.file.Path;
import java.util.List;

/** Renders configuration values in TOML syntax, for {@code config show} and {@code config init}. */
final class TomlText {

  private TomlText() {}

  /** {@code value} as a TOML literal: strings quoted and escaped, lists as arrays. */
  static String literal(Object value) {
    if (value instanceof String s) {
      return quote(s);
    }
    if (value instanceof Path p) {
      return quote(p.toString());
    }
    if (value instanceof Double d) {
      return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : d.toString();
    }
    if (value instanceof List<?> list) {
      var sb = new StringBuilder("[");
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          sb.append(", ");
        }
        sb.append(literal(list.get(i)));
      }
      return sb.append(']').toString();
    }
    return String.valueOf(value);
  }

  /** A TOML basic string. */
  static String quote(String s) {
    var sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        case '\r' -> sb.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            sb.append(String.format("\\u%04X", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
