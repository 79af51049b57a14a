package dev.commitpolish.conventional;

import static dev.commitpolish.conventional.JsText.DOT;
import static dev.commitpolish.conventional.JsText.ML_END;
import static dev.commitpolish.conventional.JsText.ML_START;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The default ignore matchers of {@code @commitlint/is-ignored} ({@code wildcards}, identical in
 * 20.5.3 and 21.2.4), including the quirk that the merge patterns use the {@code m} flag, so a
 * {@code Merge branch ...} line anywhere ignores the whole message.
 */
final class Ignores {

  private Ignores() {}

  private static Predicate<String> find(String regex) {
    Pattern p = Pattern.compile(regex);
    return s -> p.matcher(s).find();
  }

  /**
   * A pattern anchored with a plain {@code ^} (JS without the m flag: the start of the message
   * only): {@code lookingAt} gives the same answer as {@code find} without trying every position.
   */
  private static Predicate<String> atStart(String regex) {
    if (!regex.startsWith("^")) {
      throw new IllegalArgumentException("not anchored: " + regex);
    }
    Pattern p = Pattern.compile(regex.substring(1));
    return s -> p.matcher(s).lookingAt();
  }

  /**
   * {@link #find} behind a literal that every match contains: the multi-line merge patterns scan
   * every line of every message otherwise, and most messages never say "Merge".
   */
  private static Predicate<String> findWith(String literal, String regex) {
    Predicate<String> f = find(regex);
    return s -> s.contains(literal) && f.test(s);
  }

  private static final Pattern SEMVER =
      Pattern.compile(
          "^v?(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
              + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][a-zA-Z0-9-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][a-zA-Z0-9-]*))*))?"
              + "(?:\\+([a-zA-Z0-9-]+(?:\\.[a-zA-Z0-9-]+)*))?\\z");
  private static final Pattern CHORE_PREFIX = Pattern.compile("^chore(\\([^)]+\\))?:");
  private static final Pattern SKIP_BRACKET =
      Pattern.compile("\\[(skip|ci)(-|" + JsText.WS + ")(ci|skip)\\]", Pattern.CASE_INSENSITIVE);
  private static final Pattern SKIP_PAREN =
      Pattern.compile("\\((skip|ci)(-|" + JsText.WS + ")(ci|skip)\\)", Pattern.CASE_INSENSITIVE);

  static final List<Predicate<String>> DEFAULTS =
      List.of(
          findWith(
              "Merge ",
              ML_START
                  + "(?:Merge pull request|(?:Merge "
                  + DOT
                  + "*? into "
                  + DOT
                  + "*?|Merge branch "
                  + DOT
                  + "*?)(?:\\r?\\n)*"
                  + ML_END
                  + ")"),
          findWith("Merge tag ", ML_START + "Merge tag " + DOT + "*?(?:\\r?\\n)*" + ML_END),
          atStart("^[Rr]evert "),
          atStart("^[Rr]eapply "),
          atStart("^(?:amend|fixup|squash)!"),
          Ignores::isSemver,
          atStart("^(?:Merged " + DOT + "*?(?:in|into) |Merged PR " + DOT + "*: )"),
          atStart("^Merge remote-tracking branch"),
          atStart("^Automatic merge"),
          atStart("^Auto-merged " + DOT + "*? into "));

  /** True when a default matcher ignores the (end-trimmed) message. */
  static boolean isIgnoredByDefault(String message) {
    for (Predicate<String> p : DEFAULTS) {
      if (p.test(message)) {
        return true;
      }
    }
    return false;
  }

  static boolean isSemver(String c) {
    int nl = c.indexOf('\n');
    String first = nl < 0 ? c : c.substring(0, nl);
    String stripped = CHORE_PREFIX.matcher(first).replaceFirst("");
    stripped = SKIP_BRACKET.matcher(stripped).replaceFirst("");
    stripped = SKIP_PAREN.matcher(stripped).replaceFirst("");
    stripped = JsText.trim(stripped);
    // semver.valid(): strict parse of the (again trimmed) string, at most 256 chars, and every
    // numeric part a safe integer.
    String v = JsText.trim(stripped);
    if (v.length() > 256) {
      return false;
    }
    var m = SEMVER.matcher(v);
    if (!m.find()) {
      return false;
    }
    for (int g = 1; g <= 3; g++) {
      if (m.group(g).length() > 16 || Long.parseLong(m.group(g)) > 9007199254740991L) {
        return false;
      }
    }
    return true;
  }
}
