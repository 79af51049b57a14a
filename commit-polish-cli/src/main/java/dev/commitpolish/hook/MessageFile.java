package dev.commitpolish.hook;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The commit message file git hands the hook, split the way git itself splits it ({@code
 * ignored_log_message_bytes()} in commit.c): the <em>message part</em> the user edits, and the
 * <em>ignorable tail</em> — everything from the exact scissors line on, plus the trailing run of
 * comment and blank lines before it (git's help text, the status block, {@code -v}'s diff). The
 * hook replaces only the message part and writes the tail back byte for byte.
 *
 * @param message the message part, including any comment lines inside it (template comments),
 *     without the line break that separates it from the tail
 * @param tail the ignorable tail exactly as it was, starting with its first line (empty when the
 *     file has none)
 * @param commentString the comment prefix used to split
 */
record MessageFile(String message, String tail, String commentString) {

  MessageFile {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(tail, "tail");
    Objects.requireNonNull(commentString, "commentString");
  }

  /** git's scissors line for {@code commentString}. */
  static String scissors(String commentString) {
    return commentString + " ------------------------ >8 ------------------------";
  }

  /** Splits {@code content} (the whole file, LF or CRLF line ends, trailing newline optional). */
  static MessageFile parse(String content, String commentString) {
    List<String> lines = splitLines(content);
    String scissors = scissors(commentString);
    int end = lines.size();
    for (int i = 0; i < lines.size(); i++) {
      if (stripCr(lines.get(i)).equals(scissors)) {
        end = i;
        break;
      }
    }
    while (end > 0) {
      String l = stripCr(lines.get(end - 1));
      if (l.isBlank() || l.startsWith(commentString)) {
        end--;
      } else {
        break;
      }
    }
    // Offsets in the original text, so the tail is kept byte for byte.
    int offset = 0;
    for (int i = 0; i < end; i++) {
      offset += lines.get(i).length() + 1;
    }
    String message;
    String tail;
    if (end == 0) {
      message = "";
      tail = content;
    } else {
      int msgEnd = Math.min(offset - 1, content.length());
      message = content.substring(0, msgEnd);
      tail = offset >= content.length() ? "" : content.substring(offset);
    }
    return new MessageFile(message.replace("\r\n", "\n"), tail, commentString);
  }

  /**
   * The user's words: the message part without comment lines, trailing whitespace stripped, runs of
   * blank lines collapsed, leading and trailing blank lines removed (git's {@code strip} cleanup).
   */
  String draft() {
    StringBuilder sb = new StringBuilder();
    boolean pendingBlank = false;
    for (String line : message.split("\n", -1)) {
      if (line.startsWith(commentString)) {
        continue;
      }
      String l = line.stripTrailing();
      if (l.isEmpty()) {
        pendingBlank = sb.length() > 0;
        continue;
      }
      if (pendingBlank) {
        sb.append("\n\n");
      } else if (sb.length() > 0) {
        sb.append('\n');
      }
      sb.append(l);
      pendingBlank = false;
    }
    return sb.toString();
  }

  /**
   * The file content with the message part replaced by {@code newMessage}. The result always ends
   * with a newline after the message, and a blank line separates the message from a tail that
   * starts with a comment (as git's own layout does).
   */
  String withMessage(String newMessage) {
    String msg = newMessage.strip();
    if (tail.isEmpty()) {
      return msg + "\n";
    }
    boolean tailStartsBlank = tail.startsWith("\n") || tail.startsWith("\r\n");
    return msg + "\n" + (tailStartsBlank ? "" : "\n") + tail;
  }

  private static List<String> splitLines(String content) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    while (start < content.length()) {
      int nl = content.indexOf('\n', start);
      if (nl < 0) {
        lines.add(content.substring(start));
        break;
      }
      lines.add(content.substring(start, nl));
      start = nl + 1;
    }
    return lines;
  }

  private static String stripCr(String l) {
    return l.endsWith("\r") ? l.substring(0, l.length() - 1) : l;
  }
}
