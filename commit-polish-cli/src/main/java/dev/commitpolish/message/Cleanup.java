package dev.commitpolish.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a model reply into a commit message, in code rather than by asking the model: strips
 * reasoning blocks, code fences, quotes, "Here is…" preambles and end-of-sequence tokens, then
 * shapes the header (length, no trailing period) and wraps the body. The user's trailers are
 * appended last, unchanged.
 */
public final class Cleanup {

  /** Conventional git limits: a 72-column header target and a 72-column body. */
  public static final int DEFAULT_WRAP = 72;

  private static final Pattern THINK =
      Pattern.compile("(?is)<(think|thinking|reasoning)>.*?</\\1>");
  private static final Pattern OPEN_THINK = Pattern.compile("(?is)<(think|thinking|reasoning)>.*");
  private static final Pattern CLOSE_THINK =
      Pattern.compile("(?is)^.*?</(think|thinking|reasoning)>");
  private static final Pattern EOS =
      Pattern.compile(
          "(?i)<\\|(?:im_end|im_start|eot_id|end_of_text|endoftext|end|eom_id|assistant|"
              + "start_header_id|end_header_id)\\|>|</s>|<s>|<eos>|<bos>|<end_of_turn>|"
              + "<start_of_turn>(?:model)?|\\[/?INST\\]");
  private static final Pattern FENCE =
      Pattern.compile("(?s)```[\\w+-]*[ \\t]*\\n(.*?)(?:\\n```|$)");
  private static final Pattern PREAMBLE =
      Pattern.compile(
          "(?i)^\\s*(?:[*_#>]+\\s*)?(?:(?:sure|okay|ok|certainly|of course)\\b.*|here(?:'s| is| are)\\b.*"
              + "|(?:suggested |proposed |improved |polished |final |the )?commit message\\b.*:"
              + "|(?:commit|message|output|answer)\\s*:)\\s*[*_]*\\s*$");
  private static final Pattern LABEL =
      Pattern.compile(
          "(?i)^\\s*(?:[*_]+)?(?:commit message|subject|header|title)(?:[*_]+)?\\s*:\\s*(?:[*_]+)?\\s*");
  private static final Pattern WRAPPING_QUOTES =
      Pattern.compile("(?s)^([\"'`“”‘’])(.*)([\"'`“”‘’])$");
  private static final Pattern BOLD = Pattern.compile("^(\\*\\*|__)(.+)\\1$");

  /** A list item's marker and the space after it: "- ", "* ", "12) ". */
  private static final Pattern LIST_ITEM = Pattern.compile("^(\\s*(?:[-*+]|\\d+[.)])\\s+)");

  private static final Pattern LEADING_SPACE = Pattern.compile("^(\\s*)");

  private Cleanup() {}

  /**
   * Cleans a model reply.
   *
   * @param reply raw model output
   * @param headerMax maximum header length (UTF-16 units) — longer headers are cut at a word
   * @param bodyWrap body wrap column
   * @param userTrailers trailer lines from the user's draft, appended verbatim at the end
   * @return the cleaned message without a trailing newline, or {@code ""} when nothing usable is
   *     left (for example a reply that was only a {@code <think>} block)
   */
  public static String clean(String reply, int headerMax, int bodyWrap, List<String> userTrailers) {
    String text = stripArtifacts(reply);
    if (text.isEmpty()) {
      return "";
    }
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    String header = shapeHeader(lines.get(0), headerMax);
    if (header.isEmpty()) {
      return "";
    }
    List<String> body = lines.subList(1, lines.size());
    // Trailers.split never treats the first paragraph as trailers, so a placeholder subject lets it
    // judge the model's body on its own.
    String rawBody = String.join("\n", body).strip();
    Trailers modelParts = Trailers.split(rawBody.isEmpty() ? "" : "-\n\n" + rawBody);
    List<String> userKeys = new Trailers("", userTrailers).keys();
    List<String> keptModelTrailers = new ArrayList<>();
    for (String t : modelParts.trailers()) {
      String key = t.contains(":") ? t.substring(0, t.indexOf(':')).toLowerCase(Locale.ROOT) : "";
      // Identity trailers come from git (-s, --trailer); a model inventing one is a forgery.
      if (key.equals("signed-off-by") || key.equals("co-authored-by") || userKeys.contains(key)) {
        continue;
      }
      keptModelTrailers.add(t);
    }
    String bodyText = modelParts.text().isEmpty() ? "" : modelParts.text().substring(1).strip();
    StringBuilder out = new StringBuilder(header);
    String wrapped = wrapBody(bodyText, bodyWrap);
    if (!wrapped.isEmpty()) {
      out.append("\n\n").append(wrapped);
    }
    List<String> trailers = new ArrayList<>(keptModelTrailers);
    trailers.addAll(userTrailers);
    if (!trailers.isEmpty()) {
      out.append("\n\n").append(String.join("\n", trailers));
    }
    return out.toString();
  }

  /**
   * Removes what is not message text: reasoning blocks, end-of-sequence tokens, code fences,
   * preambles, wrapping quotes. Leading and trailing blank lines are removed; runs of blank lines
   * collapse to one.
   */
  static String stripArtifacts(String reply) {
    String text = reply.replace("\r\n", "\n").replace('\r', '\n');
    text = THINK.matcher(text).replaceAll("");
    // An unterminated <think> means the model spent its budget reasoning: nothing after it is the
    // answer. A stray </think> (template put the opening tag in the prompt) ends the reasoning.
    text = OPEN_THINK.matcher(text).replaceAll("");
    text = CLOSE_THINK.matcher(text).replaceAll("");
    text = EOS.matcher(text).replaceAll("");
    Matcher fence = FENCE.matcher(text);
    if (fence.find() && !fence.group(1).isBlank()) {
      text = fence.group(1);
    }
    text = text.replace("```", "");
    List<String> lines = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      lines.add(stripTrailing(line));
    }
    // Drop preamble lines ("Here is the commit message:") before the first real line.
    while (!lines.isEmpty()
        && (lines.get(0).isBlank() || PREAMBLE.matcher(lines.get(0)).matches())) {
      lines.remove(0);
    }
    // And a closing remark after a blank line ("Let me know if ...") is chatter, not body.
    trimBlankEnds(lines);
    if (lines.size() > 2) {
      String last = lines.get(lines.size() - 1).toLowerCase(Locale.ROOT);
      if (lines.get(lines.size() - 2).isBlank()
          && (last.startsWith("let me know")
              || last.startsWith("i hope")
              || last.startsWith("feel free")
              || last.startsWith("this commit message"))) {
        lines.remove(lines.size() - 1);
      }
    }
    trimBlankEnds(lines);
    if (lines.isEmpty()) {
      return "";
    }
    String joined = collapseBlankRuns(lines);
    Matcher q = WRAPPING_QUOTES.matcher(joined);
    if (q.matches() && sameQuoteKind(q.group(1), q.group(3))) {
      joined = q.group(2).strip();
    }
    return joined;
  }

  private static final Pattern CONVENTIONAL_HEADER =
      Pattern.compile("^(\\w+)(\\([^)]*\\))?(!)?:\\s*(.*)$");

  /**
   * Fixes the form of a Conventional Commits header that a model gets wrong most often, in code:
   * {@code Fix(Auth): Add x} becomes {@code fix(Auth): add x} — the type in lower case when that
   * makes it an allowed type, one space after the colon, and a sentence-case subject start lowered
   * (acronyms like {@code API} stay). Other messages are returned unchanged.
   */
  public static String normalizeHeader(String message, List<String> allowedTypes) {
    int nl = message.indexOf('\n');
    String header = nl < 0 ? message : message.substring(0, nl);
    String rest = nl < 0 ? "" : message.substring(nl);
    Matcher m = CONVENTIONAL_HEADER.matcher(header);
    if (!m.matches()) {
      return message;
    }
    String type = m.group(1).toLowerCase(Locale.ROOT);
    if (!allowedTypes.isEmpty() && !allowedTypes.contains(type)) {
      return message;
    }
    String subject = m.group(4).strip();
    if (subject.length() > 1
        && Character.isUpperCase(subject.charAt(0))
        && Character.isLowerCase(subject.charAt(1))) {
      subject = Character.toLowerCase(subject.charAt(0)) + subject.substring(1);
    }
    String scope = m.group(2) == null ? "" : m.group(2);
    String bang = m.group(3) == null ? "" : "!";
    return type + scope + bang + ": " + subject + rest;
  }

  /** Header rules: label and markdown removed, single spaces, no trailing period, max length. */
  static String shapeHeader(String raw, int headerMax) {
    String h = LABEL.matcher(raw).replaceFirst("").strip();
    Matcher bold = BOLD.matcher(h);
    if (bold.matches()) {
      h = bold.group(2).strip();
    }
    if (h.startsWith("#")) {
      h = h.replaceFirst("^#+\\s*", "");
    }
    Matcher q = WRAPPING_QUOTES.matcher(h);
    if (q.matches() && sameQuoteKind(q.group(1), q.group(3))) {
      h = q.group(2).strip();
    }
    h = h.replaceAll("\\s+", " ");
    h = stripPeriods(h);
    if (h.length() > headerMax) {
      h = cutAtWord(h, headerMax);
    }
    return h;
  }

  /** Removes trailing full stops, but keeps an ellipsis ("..."), which commitlint exempts. */
  static String stripPeriods(String h) {
    String s = h.strip();
    if (s.endsWith("...")) {
      return s;
    }
    while (s.endsWith(".") || s.endsWith("。")) {
      s = s.substring(0, s.length() - 1).strip();
    }
    return s;
  }

  static String cutAtWord(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    int cut = s.lastIndexOf(' ', max);
    String out = cut > max / 2 ? s.substring(0, cut) : s.substring(0, max);
    out = out.strip();
    // A cut can leave a dangling connective or punctuation; trim those for a clean header.
    out = out.replaceAll("[\\s,;:(\\-]+$", "");
    return stripPeriods(out);
  }

  /**
   * Wraps paragraphs at {@code width}. Lines that are code (indented by 4+ spaces or a tab), URLs
   * too long to break, or already short keep their layout; list items wrap with a hanging indent.
   */
  public static String wrapBody(String body, int width) {
    if (body.isBlank()) {
      return "";
    }
    List<String> out = new ArrayList<>();
    for (String line : body.split("\n", -1)) {
      if (line.length() <= width || line.startsWith("    ") || line.startsWith("\t")) {
        out.add(line);
        continue;
      }
      String indent = "";
      Matcher m = LIST_ITEM.matcher(line);
      String firstPrefix = "";
      String rest = line;
      if (m.find()) {
        firstPrefix = m.group(1);
        indent = " ".repeat(firstPrefix.length());
        rest = line.substring(firstPrefix.length());
      } else {
        Matcher lead = LEADING_SPACE.matcher(line);
        lead.find();
        firstPrefix = lead.group(1);
        indent = firstPrefix;
        rest = line.substring(firstPrefix.length());
      }
      StringBuilder cur = new StringBuilder(firstPrefix);
      boolean lineHasWord = false;
      for (String word : rest.split(" +")) {
        if (word.isEmpty()) {
          continue;
        }
        if (lineHasWord && cur.length() + 1 + word.length() > width) {
          out.add(stripTrailing(cur.toString()));
          cur = new StringBuilder(indent);
          lineHasWord = false;
        }
        if (lineHasWord) {
          cur.append(' ');
        }
        cur.append(word);
        lineHasWord = true;
      }
      out.add(stripTrailing(cur.toString()));
    }
    return String.join("\n", out).strip();
  }

  private static boolean sameQuoteKind(String open, String close) {
    return open.equals(close)
        || (open.equals("“") && close.equals("”"))
        || (open.equals("‘") && close.equals("’"));
  }

  private static String collapseBlankRuns(List<String> lines) {
    StringBuilder sb = new StringBuilder();
    boolean prevBlank = false;
    for (String l : lines) {
      boolean blank = l.isBlank();
      if (blank && prevBlank) {
        continue;
      }
      if (sb.length() > 0) {
        sb.append('\n');
      }
      sb.append(blank ? "" : l);
      prevBlank = blank;
    }
    return sb.toString();
  }

  private static void trimBlankEnds(List<String> lines) {
    while (!lines.isEmpty() && lines.get(0).isBlank()) {
      lines.remove(0);
    }
    while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
      lines.remove(lines.size() - 1);
    }
  }

  private static String stripTrailing(String s) {
    return s.stripTrailing();
  }
}
