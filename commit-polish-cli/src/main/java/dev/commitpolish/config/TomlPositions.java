package dev.commitpolish.config;

import java.util.ArrayList;
import java.util.List;
import org.tomlj.Toml;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;

/**
 * Lines and columns for a TOML text, from tomlj. Kept in its own class so that only the error path
 * (and origins that are shown) loads tomlj and its ANTLR runtime: {@link TomlDocument} reads values
 * with night-config, which has no positions.
 */
final class TomlPositions {

  private final TomlParseResult result;

  TomlPositions(String text) {
    this.result = Toml.parse(text);
  }

  /** tomlj's syntax errors, located, without the "(line N, column M)" tomlj appends. */
  List<TomlDocument.Located> syntaxErrors() {
    var out = new ArrayList<TomlDocument.Located>();
    for (TomlParseError e : result.errors()) {
      out.add(new TomlDocument.Located(position(e.position()), stripPosition(e.getMessage())));
    }
    return out;
  }

  /** Where {@code path} (a key or a table) is defined, or {@link TomlDocument.Position#UNKNOWN}. */
  TomlDocument.Position of(List<String> path) {
    try {
      return position(result.inputPositionOf(path));
    } catch (IllegalArgumentException e) {
      return TomlDocument.Position.UNKNOWN;
    }
  }

  private static TomlDocument.Position position(TomlPosition pos) {
    return pos == null
        ? TomlDocument.Position.UNKNOWN
        : new TomlDocument.Position(pos.line(), pos.column());
  }

  private static String stripPosition(String message) {
    return message.replaceFirst("\\s*\\(line \\d+, column \\d+\\)$", "");
  }
}
