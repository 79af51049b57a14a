package dev.commitpolish.conventional;

import java.util.ArrayList;
import java.util.List;

/**
 * JavaScript string semantics that commitlint relies on. Java's {@code trim()}, {@code \s}, {@code
 * .} and {@code $} differ from JavaScript's, and agreeing with commitlint means copying the JS
 * behaviour exactly, so every regex in this package is written with these fragments.
 */
final class JsText {

  private JsText() {}

  /** JS {@code \s}: WhiteSpace plus LineTerminator (ECMA-262 §22.2.2.9). */
  static final String WS =
      "[\\t\\n\\u000B\\f\\r \\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000\\uFEFF]";

  /** JS {@code \S}. */
  static final String NWS =
      "[^\\t\\n\\u000B\\f\\r \\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000\\uFEFF]";

  /** JS {@code .} without the {@code s} flag: anything but a line terminator. */
  static final String DOT = "[^\\n\\r\\u2028\\u2029]";

  /** JS {@code ^} under the {@code m} flag. */
  static final String ML_START = "(?:^|(?<=[\\n\\r\\u2028\\u2029]))";

  /** JS {@code $} under the {@code m} flag. */
  static final String ML_END = "(?=[\\n\\r\\u2028\\u2029]|\\z)";

  static boolean isWhitespace(char c) {
    switch (c) {
      case '\t',
          '\n',
          '\u000B',
          '\f',
          '\r',
          ' ',
          '\u00A0',
          '\u1680',
          '\u2028',
          '\u2029',
          '\u202F',
          '\u205F',
          '\u3000',
          '\uFEFF' -> {
        return true;
      }
      default -> {
        return c >= '\u2000' && c <= '\u200A';
      }
    }
  }

  /** {@code String.prototype.trim}. */
  static String trim(String s) {
    return trimStart(trimEnd(s));
  }

  /** {@code String.prototype.trimStart}. */
  static String trimStart(String s) {
    int i = 0;
    while (i < s.length() && isWhitespace(s.charAt(i))) {
      i++;
    }
    return s.substring(i);
  }

  /** {@code String.prototype.trimEnd}. */
  static String trimEnd(String s) {
    int end = s.length();
    while (end > 0 && isWhitespace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end);
  }

  /** {@code s.split(/\r?\n/)}: keeps empty strings, including trailing ones, like JS. */
  static List<String> splitLines(String s) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '\n') {
        int end = i > start && s.charAt(i - 1) == '\r' ? i - 1 : i;
        out.add(s.substring(start, end));
        start = i + 1;
      }
    }
    out.add(s.substring(start));
    return out;
  }

  /** conventional-commits-parser {@code trimNewLines}: strips leading/trailing CR and LF only. */
  static String trimNewLines(String s) {
    int first = 0;
    while (first < s.length() && (s.charAt(first) == '\r' || s.charAt(first) == '\n')) {
      first++;
    }
    if (first == s.length()) {
      return "";
    }
    int last = s.length() - 1;
    while (s.charAt(last) == '\r' || s.charAt(last) == '\n') {
      last--;
    }
    return s.substring(first, last + 1);
  }

  /** JS truthiness of a nullable string. */
  static boolean truthy(String s) {
    return s != null && !s.isEmpty();
  }
}
