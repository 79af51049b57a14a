package dev.commitpolish.config;

import com.electronwill.nightconfig.core.CommentedConfig;
import com.electronwill.nightconfig.core.UnmodifiableConfig;
import com.electronwill.nightconfig.core.io.ParsingException;
import com.electronwill.nightconfig.core.io.ParsingMode;
import com.electronwill.nightconfig.toml.TomlFormat;
import com.electronwill.nightconfig.toml.TomlParser;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;

/**
 * A parsed configuration file: its top-level tables and its leaf entries, in file order.
 *
 * <p>night-config reads the file: it is a hand-written TOML 1.0 parser that costs little CPU in a
 * fresh JVM, which matters because the hook starts a JVM on every commit. It gives no line or
 * column, so positions come from tomlj, parsed lazily ({@link TomlPositions}) and only when a
 * message needs one: a syntax error, a bad value, an unknown key, an origin that is shown. A valid
 * file with known keys never loads tomlj or its ANTLR runtime.
 */
final class TomlDocument {

  /**
   * A 1-based place in the file; {@link #UNKNOWN} when no position could be found.
   *
   * @param line 1-based line, 0 when unknown
   * @param column 1-based column, 0 when unknown
   */
  record Position(int line, int column) {
    static final Position UNKNOWN = new Position(0, 0);
  }

  /** A message at a position. */
  record Located(Position position, String message) {
    Located {
      Objects.requireNonNull(position, "position");
      Objects.requireNonNull(message, "message");
    }
  }

  /**
   * One leaf value.
   *
   * @param path table names and key, e.g. {@code [ai, model]}
   * @param value String, Long, Double, Boolean, a TOML date/time, a List of those, or an {@link
   *     UnmodifiableConfig} for an empty nested table
   */
  record Entry(List<String> path, Object value) {
    Entry {
      path = List.copyOf(path);
    }

    /** The dotted key, {@code ai.model}. */
    String name() {
      return String.join(".", path);
    }
  }

  /** The text is not valid TOML; {@link #errors()} says where and why. */
  static final class SyntaxError extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<Located> errors;

    SyntaxError(List<Located> errors) {
      super(errors.isEmpty() ? "invalid TOML" : errors.get(0).message(), null, false, false);
      this.errors = List.copyOf(errors);
    }

    List<Located> errors() {
      return errors;
    }
  }

  private final String text;
  private final List<String> tables;
  private final List<Entry> entries;
  private TomlPositions positions;

  private TomlDocument(String text, List<String> tables, List<Entry> entries) {
    this.text = text;
    this.tables = List.copyOf(tables);
    this.entries = List.copyOf(entries);
  }

  /**
   * Parses {@code text}.
   *
   * @throws SyntaxError with tomlj's located messages when night-config rejects the text
   */
  static TomlDocument parse(String text) throws SyntaxError {
    // Insertion-ordered maps keep entries (and so warnings) in file order.
    CommentedConfig root = TomlFormat.newConfig(LinkedHashMap::new);
    try {
      new TomlParser().parse(new StringReader(text), root, ParsingMode.REPLACE);
    } catch (ParsingException e) {
      List<Located> errors = new TomlPositions(text).syntaxErrors();
      if (errors.isEmpty()) {
        // The two libraries disagree; night-config reads the file, so its verdict stands.
        errors = List.of(new Located(Position.UNKNOWN, e.getMessage()));
      }
      throw new SyntaxError(errors);
    }
    var tables = new ArrayList<String>();
    var entries = new ArrayList<Entry>();
    for (UnmodifiableConfig.Entry e : root.entrySet()) {
      Object v = e.getRawValue();
      if (v instanceof UnmodifiableConfig table) {
        tables.add(e.getKey());
        flatten(List.of(e.getKey()), table, entries);
      } else {
        entries.add(new Entry(List.of(e.getKey()), plain(v)));
      }
    }
    return new TomlDocument(text, tables, entries);
  }

  /** Top-level table names ({@code [ai]}, or {@code ai} of a dotted key), in file order. */
  List<String> tables() {
    return tables;
  }

  /**
   * Every leaf value, in file order, except that a sub-table defined later ({@code [ai.sub]} after
   * {@code [hook]}) is listed with its parent table; tables are walked into.
   */
  List<Entry> entries() {
    return entries;
  }

  /** Where the key or table {@code path} is defined; parses with tomlj on first use. */
  Position position(List<String> path) {
    return positions().of(path);
  }

  /**
   * tomlj's syntax errors for a text night-config accepted. Empty when both agree; not empty for
   * the rare input night-config reads leniently (an integer beyond 64 bits wraps there), which is
   * worth reporting as the syntax error it is when a value of that file is rejected.
   */
  List<Located> strictErrors() {
    return positions().syntaxErrors();
  }

  private TomlPositions positions() {
    if (positions == null) {
      positions = new TomlPositions(text);
    }
    return positions;
  }

  private static void flatten(List<String> prefix, UnmodifiableConfig table, List<Entry> out) {
    for (UnmodifiableConfig.Entry e : table.entrySet()) {
      var path = new ArrayList<>(prefix);
      path.add(e.getKey());
      Object v = e.getRawValue();
      if (v instanceof UnmodifiableConfig sub && !sub.isEmpty()) {
        flatten(path, sub, out);
      } else {
        // An empty nested table stays a value, so "model = {}" is reported, not dropped.
        out.add(new Entry(path, plain(v)));
      }
    }
  }

  /** Integers as Long whatever their size, arrays as immutable lists of plain values. */
  private static Object plain(Object v) {
    if (v instanceof Integer i) {
      return i.longValue();
    }
    if (v instanceof List<?> list) {
      var out = new ArrayList<Object>(list.size());
      for (Object o : list) {
        out.add(plain(o));
      }
      return java.util.Collections.unmodifiableList(out);
    }
    return v;
  }
}
