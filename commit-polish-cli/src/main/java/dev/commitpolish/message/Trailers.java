package dev.commitpolish.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Splits a commit message into its text and its trailing trailer block ({@code Signed-off-by:},
 * {@code Co-authored-by:}, {@code --trailer} values), following git's own rule closely enough that
 * what git added before the hook ran is recognised and kept verbatim.
 *
 * @param text the message without the trailer block, trailing blank lines removed
 * @param trailers the trailer lines exactly as written (continuation lines included), or empty
 */
public record Trailers(String text, List<String> trailers) {

  // git accepts "Key: value" and "Key #value" separators; keys are token characters only, which is
  // why "BREAKING CHANGE: x" is not a git trailer (the key contains a space).
  private static final Pattern TRAILER = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9-]*:\\s?\\S.*$");
  private static final Pattern CHERRY =
      Pattern.compile("^\\(cherry picked from commit [0-9a-f]+\\)$");
  private static final List<String> GIT_GENERATED =
      List.of("signed-off-by:", "(cherry picked from");

  public Trailers {
    Objects.requireNonNull(text, "text");
    trailers = List.copyOf(trailers);
  }

  /**
   * Splits {@code message}. The subject paragraph never counts as a trailer block, so a one-line
   * draft like {@code "fix: thing"} has no trailers.
   */
  public static Trailers split(String message) {
    List<String> lines = new ArrayList<>(List.of(message.replace("\r\n", "\n").split("\n", -1)));
    while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
      lines.remove(lines.size() - 1);
    }
    int start = lines.size();
    while (start > 0 && !lines.get(start - 1).isBlank()) {
      start--;
    }
    int firstContent = 0;
    while (firstContent < lines.size() && lines.get(firstContent).isBlank()) {
      firstContent++;
    }
    if (start <= firstContent || start >= lines.size()) {
      return new Trailers(String.join("\n", lines).strip(), List.of());
    }
    List<String> block = lines.subList(start, lines.size());
    if (!isTrailerBlock(block)) {
      return new Trailers(String.join("\n", lines).strip(), List.of());
    }
    String text = String.join("\n", lines.subList(0, start)).strip();
    return new Trailers(text, new ArrayList<>(block));
  }

  /** True when {@code line} looks like a single {@code Key: value} trailer line. */
  public static boolean isTrailerLine(String line) {
    return TRAILER.matcher(line).matches() || CHERRY.matcher(line).matches();
  }

  /** The trailer keys (lower case, without the colon), for de-duplication. */
  public List<String> keys() {
    List<String> keys = new ArrayList<>();
    for (String t : trailers) {
      int colon = t.indexOf(':');
      if (colon > 0 && !Character.isWhitespace(t.charAt(0))) {
        keys.add(t.substring(0, colon).toLowerCase(Locale.ROOT));
      }
    }
    return keys;
  }

  /** The text and trailers joined back with one blank line between them. */
  public String join() {
    if (trailers.isEmpty()) {
      return text;
    }
    return text.isEmpty()
        ? String.join("\n", trailers)
        : text + "\n\n" + String.join("\n", trailers);
  }

  private static boolean isTrailerBlock(List<String> block) {
    int trailerLines = 0;
    int other = 0;
    boolean gitGenerated = false;
    for (String line : block) {
      if (Character.isWhitespace(line.charAt(0)) && trailerLines > 0) {
        continue; // continuation of the previous trailer's value
      }
      if (isTrailerLine(line)) {
        trailerLines++;
        String lower = line.toLowerCase(Locale.ROOT);
        for (String g : GIT_GENERATED) {
          gitGenerated |= lower.startsWith(g);
        }
      } else {
        other++;
      }
    }
    if (trailerLines == 0) {
      return false;
    }
    // git: all trailers, or at least one git-generated trailer and >= 25% trailer lines.
    return other == 0 || (gitGenerated && trailerLines * 4 >= trailerLines + other);
  }
}
