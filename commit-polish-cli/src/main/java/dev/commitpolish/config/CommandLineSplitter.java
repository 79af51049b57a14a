package dev.commitpolish.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a {@code validator_command} string into argv with a small, documented subset of POSIX
 * shell quoting. The result is executed directly, never through a shell, so nothing else of the
 * shell applies: no variables, globs, {@code ~}, pipes or redirections ({@code |}, {@code ;},
 * {@code >} are ordinary characters).
 *
 * <ul>
 *   <li>Unquoted spaces, tabs and newlines separate words.
 *   <li>{@code '...'} keeps everything literally, including backslashes.
 *   <li>{@code "..."} keeps everything literally except {@code \"} and {@code \\}.
 *   <li>Outside quotes, a backslash makes the next character literal.
 *   <li>Quoted parts join with adjacent text ({@code a"b c"} is one word); {@code ""} is an empty
 *       word.
 * </ul>
 */
final class CommandLineSplitter {

  private CommandLineSplitter() {}

  /**
   * Splits {@code line}.
   *
   * @throws IllegalArgumentException on an unterminated quote or trailing backslash
   */
  static List<String> split(String line) {
    var words = new ArrayList<String>();
    var cur = new StringBuilder();
    boolean inWord = false;
    int i = 0;
    while (i < line.length()) {
      char c = line.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        if (inWord) {
          words.add(cur.toString());
          cur.setLength(0);
          inWord = false;
        }
        i++;
      } else if (c == '\'') {
        int end = line.indexOf('\'', i + 1);
        if (end < 0) {
          throw new IllegalArgumentException("unterminated single quote at character " + (i + 1));
        }
        cur.append(line, i + 1, end);
        inWord = true;
        i = end + 1;
      } else if (c == '"') {
        int j = i + 1;
        boolean closed = false;
        while (j < line.length()) {
          char d = line.charAt(j);
          if (d == '"') {
            closed = true;
            break;
          }
          if (d == '\\'
              && j + 1 < line.length()
              && (line.charAt(j + 1) == '"' || line.charAt(j + 1) == '\\')) {
            cur.append(line.charAt(j + 1));
            j += 2;
          } else {
            cur.append(d);
            j++;
          }
        }
        if (!closed) {
          throw new IllegalArgumentException("unterminated double quote at character " + (i + 1));
        }
        inWord = true;
        i = j + 1;
      } else if (c == '\\') {
        if (i + 1 >= line.length()) {
          throw new IllegalArgumentException("trailing backslash");
        }
        cur.append(line.charAt(i + 1));
        inWord = true;
        i += 2;
      } else {
        cur.append(c);
        inWord = true;
        i++;
      }
    }
    if (inWord) {
      words.add(cur.toString());
    }
    return List.copyOf(words);
  }
}
