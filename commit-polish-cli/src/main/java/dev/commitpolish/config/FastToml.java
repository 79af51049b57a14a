package dev.commitpolish.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A small parser for the subset of TOML that configuration files use: {@code [table]} headers with
 * one bare name, {@code key = value} with a bare key, strings (basic and literal), integers,
 * floats, booleans and (multi-line) arrays of those, and comments.
 *
 * <p>Why it exists: tomlj (ANTLR-based) costs about 150 ms of CPU on its first parse in a fresh
 * JVM, and the hook runs in a fresh JVM on every commit. This parser is tried first; whenever it
 * meets anything outside the subset or anything invalid it returns null and the caller falls back
 * to tomlj, which then gives the authoritative result and its error messages. So it never has to
 * report errors itself, and it must only ever accept documents tomlj reads the same way.
 */
final class FastToml {

  /** A {@code [name]} header. */
  record Table(String name, int line, int column) {}

  /**
   * One {@code key = value}.
   *
   * @param path table name (if any) and key
   * @param value String, Long, Double, Boolean, or List of those
   */
  record Entry(List<String> path, Object value, int line, int column) {}

  /** The parsed document, in file order. */
  record Document(List<Table> tables, List<Entry> entries) {}

  private final String s;
  private int pos;
  private int line = 1;
  private int lineStart;

  private FastToml(String s) {
    this.s = s;
  }

  /** The document, or null when it is outside the subset or invalid (use tomlj then). */
  static Document parse(String text) {
    try {
      return new FastToml(text).document();
    } catch (Unsupported e) {
      return null;
    }
  }

  /** Thrown internally to abandon the fast path. */
  private static final class Unsupported extends Exception {
    private static final long serialVersionUID = 1L;

    Unsupported() {
      super(null, null, false, false);
    }
  }

  private Document document() throws Unsupported {
    var tables = new ArrayList<Table>();
    var entries = new ArrayList<Entry>();
    Set<String> seenTables = new HashSet<>();
    Set<List<String>> seenKeys = new HashSet<>();
    String table = null;
    while (true) {
      skipSpace();
      if (pos >= s.length()) {
        break;
      }
      char c = s.charAt(pos);
      if (c == '#') {
        skipComment();
      } else if (c == '\n' || c == '\r') {
        newline();
      } else if (c == '[') {
        int col = column();
        pos++;
        skipSpace();
        String name = bareKey();
        skipSpace();
        expect(']');
        if (seenKeys.contains(List.of(name)) || !seenTables.add(name)) {
          throw new Unsupported(); // redefinition: tomlj reports it
        }
        tables.add(new Table(name, line, col));
        table = name;
        endOfLine();
      } else {
        int col = column();
        int keyLine = line;
        String key = bareKey();
        skipSpace();
        expect('=');
        skipSpace();
        Object value = value();
        List<String> path = table == null ? List.of(key) : List.of(table, key);
        if (!seenKeys.add(path) || (table == null && seenTables.contains(key))) {
          throw new Unsupported();
        }
        entries.add(new Entry(path, value, keyLine, col));
        endOfLine();
      }
    }
    return new Document(tables, entries);
  }

  private int column() {
    return pos - lineStart + 1;
  }

  private void skipSpace() {
    while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t')) {
      pos++;
    }
  }

  private void skipComment() throws Unsupported {
    while (pos < s.length() && s.charAt(pos) != '\n' && s.charAt(pos) != '\r') {
      char c = s.charAt(pos);
      if ((c < 0x20 && c != '\t') || c == 0x7f) {
        throw new Unsupported(); // control characters are invalid even in comments
      }
      pos++;
    }
  }

  private void newline() throws Unsupported {
    if (s.charAt(pos) == '\r') {
      if (pos + 1 >= s.length() || s.charAt(pos + 1) != '\n') {
        throw new Unsupported(); // a lone CR is not a TOML newline
      }
      pos++;
    }
    pos++;
    line++;
    lineStart = pos;
  }

  /** After a header or value: spaces, an optional comment, then a newline or the end. */
  private void endOfLine() throws Unsupported {
    skipSpace();
    if (pos < s.length() && s.charAt(pos) == '#') {
      skipComment();
    }
    if (pos < s.length()) {
      char c = s.charAt(pos);
      if (c != '\n' && c != '\r') {
        throw new Unsupported();
      }
      newline();
    }
  }

  private void expect(char c) throws Unsupported {
    if (pos >= s.length() || s.charAt(pos) != c) {
      throw new Unsupported();
    }
    pos++;
  }

  private String bareKey() throws Unsupported {
    int start = pos;
    while (pos < s.length()) {
      char c = s.charAt(pos);
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '_'
          || c == '-') {
        pos++;
      } else {
        break;
      }
    }
    if (pos == start) {
      throw new Unsupported(); // quoted or dotted keys: leave to tomlj
    }
    return s.substring(start, pos);
  }

  private Object value() throws Unsupported {
    if (pos >= s.length()) {
      throw new Unsupported();
    }
    char c = s.charAt(pos);
    if (c == '"') {
      return basicString();
    }
    if (c == '\'') {
      return literalString();
    }
    if (c == '[') {
      return array();
    }
    if (s.startsWith("true", pos) && !bareChar(pos + 4)) {
      pos += 4;
      return Boolean.TRUE;
    }
    if (s.startsWith("false", pos) && !bareChar(pos + 5)) {
      pos += 5;
      return Boolean.FALSE;
    }
    return number();
  }

  private boolean bareChar(int i) {
    if (i >= s.length()) {
      return false;
    }
    char c = s.charAt(i);
    return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == ':';
  }

  private String basicString() throws Unsupported {
    if (s.startsWith("\"\"\"", pos)) {
      throw new Unsupported(); // multi-line strings
    }
    pos++;
    var sb = new StringBuilder();
    while (true) {
      if (pos >= s.length()) {
        throw new Unsupported();
      }
      char c = s.charAt(pos++);
      if (c == '"') {
        return sb.toString();
      }
      if (c == '\\') {
        if (pos >= s.length()) {
          throw new Unsupported();
        }
        char e = s.charAt(pos++);
        switch (e) {
          case '"' -> sb.append('"');
          case '\\' -> sb.append('\\');
          case 'n' -> sb.append('\n');
          case 't' -> sb.append('\t');
          case 'r' -> sb.append('\r');
          case 'b' -> sb.append('\b');
          case 'f' -> sb.append('\f');
          default -> throw new Unsupported(); // \\u escapes and invalid escapes
        }
      } else if ((c < 0x20 && c != '\t') || c == 0x7f) {
        throw new Unsupported();
      } else {
        sb.append(c);
      }
    }
  }

  private String literalString() throws Unsupported {
    if (s.startsWith("'''", pos)) {
      throw new Unsupported();
    }
    pos++;
    int start = pos;
    while (pos < s.length() && s.charAt(pos) != '\'') {
      char c = s.charAt(pos);
      if ((c < 0x20 && c != '\t') || c == 0x7f) {
        throw new Unsupported();
      }
      pos++;
    }
    if (pos >= s.length()) {
      throw new Unsupported();
    }
    return s.substring(start, pos++);
  }

  private List<Object> array() throws Unsupported {
    pos++;
    var out = new ArrayList<Object>();
    while (true) {
      skipArraySpace();
      if (pos >= s.length()) {
        throw new Unsupported();
      }
      if (s.charAt(pos) == ']') {
        pos++;
        return List.copyOf(out);
      }
      Object v = value();
      if (v instanceof List) {
        throw new Unsupported(); // nested arrays: not in our schema
      }
      out.add(v);
      skipArraySpace();
      if (pos < s.length() && s.charAt(pos) == ',') {
        pos++;
      } else if (pos >= s.length() || s.charAt(pos) != ']') {
        throw new Unsupported();
      }
    }
  }

  private void skipArraySpace() throws Unsupported {
    while (pos < s.length()) {
      char c = s.charAt(pos);
      if (c == ' ' || c == '\t') {
        pos++;
      } else if (c == '\n' || c == '\r') {
        newline();
      } else if (c == '#') {
        skipComment();
      } else {
        return;
      }
    }
  }

  /** Decimal integers and floats only; hex, octal, binary, inf, nan and dates go to tomlj. */
  private Object number() throws Unsupported {
    int start = pos;
    if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
      pos++;
    }
    int intStart = pos;
    digits();
    String intPart = s.substring(intStart, pos).replace("_", "");
    if (intPart.length() > 1 && intPart.charAt(0) == '0') {
      throw new Unsupported(); // leading zeros are invalid TOML
    }
    boolean isFloat = false;
    if (pos < s.length() && s.charAt(pos) == '.') {
      pos++;
      digits();
      isFloat = true;
    }
    if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
      pos++;
      if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
        pos++;
      }
      digits();
      isFloat = true;
    }
    if (bareChar(pos)) {
      throw new Unsupported(); // dates, times and anything else glued on
    }
    String text = s.substring(start, pos).replace("_", "");
    try {
      return isFloat ? (Object) Double.valueOf(text) : (Object) Long.valueOf(text);
    } catch (NumberFormatException e) {
      throw new Unsupported();
    }
  }

  /** One or more digits, single underscores allowed between digits. */
  private void digits() throws Unsupported {
    int start = pos;
    boolean lastDigit = false;
    while (pos < s.length()) {
      char c = s.charAt(pos);
      if (c >= '0' && c <= '9') {
        lastDigit = true;
        pos++;
      } else if (c == '_' && lastDigit) {
        lastDigit = false;
        pos++;
      } else {
        break;
      }
    }
    if (pos == start || !lastDigit) {
      throw new Unsupported();
    }
  }
}
