package dev.commitpolish.server;

import dev.commitpolish.cli.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;

/**
 * Edits only the {@code [llamafile] path} and {@code model_path} lines of the user's config TOML,
 * keeping every other line (settings, comments, blank lines) byte for byte. The result is re-parsed
 * with tomlj before it is written, so a broken file is never produced.
 */
final class ConfigEditor {

  private static final Pattern TABLE =
      Pattern.compile("^\\s*\\[\\s*([^\\[\\]]+?)\\s*\\]\\s*(#.*)?$");
  private static final Pattern ARRAY_TABLE = Pattern.compile("^\\s*\\[\\[.*$");

  private ConfigEditor() {}

  /** {@code text} with the given keys of {@code [llamafile]} set (others untouched). */
  static String edit(String text, Map<String, String> values) {
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    boolean endsWithNewline = text.isEmpty() || text.endsWith("\n");
    if (endsWithNewline && !lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    Map<String, String> todo = new LinkedHashMap<>(values);
    int sectionStart = -1;
    int lastKeyLine = -1;
    int lastDottedLine = -1;
    String current = "";
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      Matcher t = TABLE.matcher(line);
      if (ARRAY_TABLE.matcher(line).matches()) {
        current = "[[]]";
        continue;
      }
      if (t.matches()) {
        current = t.group(1).trim();
        if (current.equals("llamafile")) {
          sectionStart = i;
          lastKeyLine = i;
        }
        continue;
      }
      for (var e : List.copyOf(todo.entrySet())) {
        String key = e.getKey();
        Pattern p;
        if (current.equals("llamafile")) {
          p = keyLine(Pattern.quote(key));
        } else if (current.isEmpty()) {
          p = keyLine("llamafile\\s*\\.\\s*" + Pattern.quote(key)); // dotted key at top level
        } else {
          continue;
        }
        Matcher m = p.matcher(line);
        if (m.matches()) {
          lines.set(i, m.group(1) + quote(e.getValue()) + (m.group(3) == null ? "" : m.group(3)));
          todo.remove(key);
        }
      }
      if (current.isEmpty() && line.matches("^\\s*llamafile\\s*\\..*")) {
        lastDottedLine = i;
      }
      if (current.equals("llamafile") && !line.isBlank() && !line.trim().startsWith("#")) {
        lastKeyLine = i;
      }
    }
    if (!todo.isEmpty()) {
      List<String> add = new ArrayList<>();
      todo.forEach((k, v) -> add.add(k + " = " + quote(v)));
      if (sectionStart >= 0) {
        lines.addAll(lastKeyLine + 1, add);
      } else if (lastDottedLine >= 0) {
        // The file uses top-level dotted keys (llamafile.path = ...): a [llamafile] table would
        // redefine it, so continue in the same style.
        lines.addAll(lastDottedLine + 1, add.stream().map(a -> "llamafile." + a).toList());
      } else {
        if (!lines.isEmpty() && !lines.get(lines.size() - 1).isBlank()) {
          lines.add("");
        }
        lines.add("[llamafile]");
        lines.addAll(add);
      }
    }
    return String.join("\n", lines) + "\n";
  }

  /** key = value [# comment], capturing the prefix, the value and the trailing comment. */
  private static Pattern keyLine(String key) {
    return Pattern.compile(
        "^(\\s*" + key + "\\s*=\\s*)(\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*'|[^#]*?)(\\s*#.*)?$");
  }

  /** A TOML basic string. */
  static String quote(String s) {
    var sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"':
          sb.append("\\\"");
          break;
        case '\\':
          sb.append("\\\\");
          break;
        case '\n':
          sb.append("\\n");
          break;
        case '\t':
          sb.append("\\t");
          break;
        default:
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
      }
    }
    return sb.append('"').toString();
  }

  /**
   * Updates {@code file} (created if missing) and verifies the result parses and holds the values.
   *
   * @throws IOException when the existing file does not parse, or the edit would break it
   */
  static void update(Path file, Map<String, String> values) throws IOException {
    String before = Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    if (!before.isEmpty()) {
      TomlParseResult r = Toml.parse(before);
      if (r.hasErrors()) {
        throw new IOException(
            file
                + " is not valid TOML ("
                + r.errors().get(0).toString()
                + "); fix it first, then run setup again. Nothing was changed.");
      }
    }
    String after = edit(before, values);
    TomlParseResult r = Toml.parse(after);
    if (r.hasErrors()) {
      throw new IOException(
          "internal error: editing " + file + " would produce invalid TOML; nothing was changed");
    }
    for (var e : values.entrySet()) {
      if (!e.getValue().equals(r.getString("llamafile." + e.getKey()))) {
        throw new IOException(
            "could not set [llamafile] "
                + e.getKey()
                + " in "
                + file
                + " (is it defined in an unusual way, e.g. an inline table?); set it by hand to "
                + quote(e.getValue()));
      }
    }
    // a new user config is owner-only: an api_key may be added to it later
    AtomicFile.replace(file, after.getBytes(StandardCharsets.UTF_8), AtomicFile.OWNER_ONLY);
  }
}
