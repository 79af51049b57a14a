package dev.commitpolish.conventional;

import static dev.commitpolish.conventional.JsText.DOT;
import static dev.commitpolish.conventional.JsText.WS;
import static dev.commitpolish.conventional.JsText.truthy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A line-for-line port of {@code conventional-commits-parser} 7.1.4 {@code CommitParser.parse} with
 * the options {@code @commitlint/parse} ends up with for config-conventional (angular defaults,
 * {@code fieldPattern: null}, then the conventionalcommits preset). Not thread-safe: one instance
 * per parse.
 */
final class CommitParser {

  static final String SCISSOR = "------------------------ >8 ------------------------";

  static final Pattern HEADER =
      Pattern.compile("^(\\w*)(?:\\((" + DOT + "*)\\))?!?: (" + DOT + "*)\\z");
  static final Pattern BREAKING_HEADER =
      Pattern.compile("^(\\w*)(?:\\((" + DOT + "*)\\))?!: (" + DOT + "*)\\z");
  static final Pattern NOTES =
      Pattern.compile(
          "^(?:\\*" + WS + "+)?(BREAKING CHANGE|BREAKING-CHANGE):" + WS + "*(" + DOT + "*)",
          Pattern.CASE_INSENSITIVE);
  static final Pattern FOOTER_TOKEN =
      Pattern.compile(
          "^(?:BREAKING CHANGE|[\\w-]+)(?::" + WS + "+|" + WS + "+(?:#))" + DOT + "+",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern GPG = Pattern.compile("^" + WS + "*gpg:");
  // Simplified issue references (`#12`, `owner/repo#12`): only the references-empty rule reads
  // them.
  private static final Pattern REFERENCE =
      Pattern.compile(
          "(?<![\\w\\-./])(?:[\\w\\-./]+)?#((?=[\\w-]*\\d)[\\w-]+)(?=" + WS + "|$|[,;.)\\]])");

  private final List<String> lines;
  private int index;
  private String header;
  private String type;
  private String scope;
  private String subject;
  private String body;
  private String footer;
  private final List<ParsedCommit.Note> notes = new ArrayList<>();
  private final List<String> references = new ArrayList<>();

  private CommitParser(List<String> lines) {
    this.lines = lines;
  }

  /**
   * Parses like {@code @commitlint/parse}.
   *
   * @param input the raw message
   * @param commentChar the comment prefix, or null (stdin mode: comments are not stripped)
   * @throws IllegalArgumentException on an all-whitespace input, like the JS parser's TypeError
   */
  static ParsedCommit parse(String input, String commentChar) {
    if (JsText.trim(input).isEmpty()) {
      throw new IllegalArgumentException("Expected a raw commit");
    }
    List<String> rawLines = JsText.splitLines(JsText.trimNewLines(input));
    List<String> lines = new ArrayList<>(rawLines.size());
    if (truthy(commentChar)) {
      int scissor = rawLines.indexOf(commentChar + " " + SCISSOR);
      List<String> kept = scissor == -1 ? rawLines : rawLines.subList(0, scissor);
      for (String line : kept) {
        if (!line.startsWith(commentChar) && !GPG.matcher(line).find()) {
          lines.add(line);
        }
      }
    } else {
      for (String line : rawLines) {
        if (!GPG.matcher(line).find()) {
          lines.add(line);
        }
      }
    }
    CommitParser p = new CommitParser(lines);
    p.run();
    return new ParsedCommit(
        p.header, p.type, p.scope, p.subject, p.body, p.footer, p.notes, p.references, input);
  }

  private void run() {
    // No mergePattern in these options, so parseMerge never matches.
    String h = index < lines.size() ? lines.get(index++) : null;
    if (truthy(h)) {
      header = h;
      Matcher m = BREAKING_HEADER.matcher(h);
      if (!m.find()) {
        m = HEADER.matcher(h);
        if (!m.find()) {
          m = null;
        }
      }
      if (m != null) {
        type = emptyToNull(m.group(1));
        scope = emptyToNull(m.group(2));
        subject = emptyToNull(m.group(3));
      }
      addReferences(h);
    }
    boolean isBody = true;
    while (available()) {
      if (parseNotes()) {
        isBody = false;
      }
      if (!parseBodyAndFooter(isBody)) {
        isBody = false;
      }
    }
    if (notes.isEmpty() && truthy(header)) {
      Matcher m = BREAKING_HEADER.matcher(header);
      if (m.find()) {
        notes.add(new ParsedCommit.Note("BREAKING CHANGE", m.group(3)));
      }
    }
    if (truthy(body)) {
      body = JsText.trimNewLines(body);
    }
    if (truthy(footer)) {
      footer = JsText.trimNewLines(footer);
    }
    notes.replaceAll(n -> new ParsedCommit.Note(n.title(), JsText.trimNewLines(n.text())));
  }

  private boolean available() {
    return index < lines.size();
  }

  private String current() {
    return lines.get(index);
  }

  private boolean parseNotes() {
    if (!available()) {
      return false;
    }
    Matcher m = NOTES.matcher(current());
    if (!m.find()) {
      return false;
    }
    String title = m.group(1);
    String text = m.group(2);
    int noteIndex = notes.size();
    notes.add(new ParsedCommit.Note(title, text));
    footer = appendLine(footer, current());
    index++;
    while (available()) {
      if (parseNotes()) {
        notes.set(noteIndex, new ParsedCommit.Note(title, text));
        return true;
      }
      boolean isFooterToken = FOOTER_TOKEN.matcher(current()).find();
      addReferences(current());
      if (!isFooterToken) {
        text = appendLine(text, current());
      }
      footer = appendLine(footer, current());
      index++;
      if (isFooterToken) {
        break;
      }
    }
    notes.set(noteIndex, new ParsedCommit.Note(title, text));
    return true;
  }

  private boolean parseBodyAndFooter(boolean isBody) {
    if (!available()) {
      return isBody;
    }
    boolean isFooterToken = FOOTER_TOKEN.matcher(current()).find();
    boolean stillBody = !isFooterToken && isBody;
    addReferences(current());
    if (stillBody) {
      body = appendLine(body, current());
    } else {
      footer = appendLine(footer, current());
    }
    index++;
    return stillBody;
  }

  private void addReferences(String line) {
    Matcher m = REFERENCE.matcher(line);
    while (m.find()) {
      references.add(m.group());
    }
  }

  /** {@code appendLine}: an empty accumulator is falsy in JS, so it is replaced, not joined. */
  static String appendLine(String src, String line) {
    String l = line == null ? "" : line;
    return truthy(src) ? src + "\n" + l : l;
  }

  private static String emptyToNull(String s) {
    return truthy(s) ? s : null;
  }
}
