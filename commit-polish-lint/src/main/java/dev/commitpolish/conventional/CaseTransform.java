package dev.commitpolish.conventional;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code @commitlint/ensure} {@code case}/{@code toCase}, which uses es-toolkit's lodash-compatible
 * {@code camelCase}, {@code kebabCase}, {@code snakeCase}, {@code startCase} and {@code
 * upperFirst}. {@code upperFirst} works on the first UTF-16 unit, which is why an astral first
 * letter counts as "already upper case" in commitlint.
 */
final class CaseTransform {

  private CaseTransform() {}

  private static final Pattern QUOTED =
      Pattern.compile("`" + JsText.DOT + "*?`|\"" + JsText.DOT + "*?\"|'" + JsText.DOT + "*?'");
  private static final Pattern LEADING_DIGIT = Pattern.compile("^[0-9]");

  private static final java.util.Set<String> UPPER_FIRST =
      java.util.Set.of(
          "start-case", "pascal-case", "sentence-case", "sentencecase", "upper-case", "uppercase");

  /** {@code ensureCase(raw, target)}. */
  static boolean ensureCase(String raw, String target) {
    String input = JsText.trim(QUOTED.matcher(raw == null ? "" : raw).replaceAll(""));
    if (!input.isEmpty()
        && input.charAt(0) >= 'a'
        && input.charAt(0) <= 'z'
        && UPPER_FIRST.contains(target)) {
      // Fast path (the usual conventional subject): an ASCII lower-case first letter starts the
      // first word, and each of these transforms upper-cases it, so the result cannot equal the
      // input and is neither empty nor digit-led. Saves the costly lodash word split.
      return false;
    }
    String transformed = toCase(input, target);
    if (transformed.isEmpty() || LEADING_DIGIT.matcher(transformed).find()) {
      return true;
    }
    return transformed.equals(input);
  }

  static String toCase(String input, String target) {
    switch (target) {
      case "camel-case":
        return camelCase(input);
      case "kebab-case":
        return String.join("-", lowerWords(input));
      case "snake-case":
        return String.join("_", lowerWords(input));
      case "pascal-case":
        return upperFirst(camelCase(input));
      case "start-case":
        return startCase(input);
      case "upper-case":
      case "uppercase":
        return input.toUpperCase(Locale.ROOT);
      case "sentence-case":
      case "sentencecase":
        return upperFirst(input);
      case "lower-case":
      case "lowercase":
      case "lowerCase":
        return input.toLowerCase(Locale.ROOT);
      default:
        throw new IllegalArgumentException("to-case: Unknown target case \"" + target + "\"");
    }
  }

  /**
   * subject-case's guard {@code /^[\p{Ll}\p{Lu}\p{Lt}]/iu}: a cased letter, also under simple case
   * folding (the {@code i} flag).
   */
  static boolean startsWithCasedLetter(String s) {
    if (s.isEmpty()) {
      return false;
    }
    int cp = s.codePointAt(0);
    return cased(cp)
        || cased(Character.toLowerCase(cp))
        || cased(Character.toUpperCase(cp))
        || cased(Character.toLowerCase(Character.toUpperCase(cp)));
  }

  private static boolean cased(int cp) {
    int t = Character.getType(cp);
    return t == Character.LOWERCASE_LETTER
        || t == Character.UPPERCASE_LETTER
        || t == Character.TITLECASE_LETTER;
  }

  static String upperFirst(String s) {
    if (s.isEmpty()) {
      return s;
    }
    return s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
  }

  private static String capitalize(String s) {
    if (s.isEmpty()) {
      return s;
    }
    return s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1).toLowerCase(Locale.ROOT);
  }

  private static String camelCase(String input) {
    List<String> words = words(normalizeForCase(deburr(input)));
    if (words.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder(words.get(0).toLowerCase(Locale.ROOT));
    for (int i = 1; i < words.size(); i++) {
      sb.append(capitalize(words.get(i)));
    }
    return sb.toString();
  }

  private static List<String> lowerWords(String input) {
    List<String> out = new ArrayList<>();
    for (String w : words(normalizeForCase(deburr(input)))) {
      out.add(w.toLowerCase(Locale.ROOT));
    }
    return out;
  }

  private static String startCase(String input) {
    StringBuilder sb = new StringBuilder();
    for (String word : words(JsText.trim(normalizeForCase(deburr(input))))) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      int first = word.codePointAt(0) > 0xFFFF ? 2 : 1;
      sb.append(word.substring(0, first).toUpperCase(Locale.ROOT)).append(word.substring(first));
    }
    return sb.toString();
  }

  private static String normalizeForCase(String s) {
    return s.replace("'", "").replace("\u2019", "");
  }

  // lodash deburredLetters for U+00C0..U+017F.
  private static final String[] DEBURRED = new String[384 - 192];

  static {
    // U+00C0..U+00FF
    String[] l1 = {
      "A", "A", "A", "A", "A", "A", "Ae", "C", "E", "E", "E", "E", "I", "I", "I", "I", "D", "N",
      "O", "O", "O", "O", "O", "\u00D7", "O", "U", "U", "U", "U", "Y", "Th", "ss", "a", "a", "a",
      "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i", "d", "n", "o", "o", "o",
      "o", "o", "\u00F7", "o", "u", "u", "u", "u", "y", "th", "y"
    };
    System.arraycopy(l1, 0, DEBURRED, 0, l1.length);
    String[] extA = {
      "A", "a", "A", "a", "A", "a", "C", "c", "C", "c", "C", "c", "C", "c", "D", "d", "D", "d", "E",
      "e", "E", "e", "E", "e", "E", "e", "E", "e", "G", "g", "G", "g", "G", "g", "G", "g", "H", "h",
      "H", "h", "I", "i", "I", "i", "I", "i", "I", "i", "I", "i", "IJ", "ij", "J", "j", "K", "k",
      "k", "L", "l", "L", "l", "L", "l", "L", "l", "L", "l", "N", "n", "N", "n", "N", "n", "'n",
      "N", "n", "O", "o", "O", "o", "O", "o", "Oe", "oe", "R", "r", "R", "r", "R", "r", "S", "s",
      "S", "s", "S", "s", "S", "s", "T", "t", "T", "t", "T", "t", "U", "u", "U", "u", "U", "u", "U",
      "u", "U", "u", "U", "u", "W", "w", "Y", "y", "Y", "Z", "z", "Z", "z", "Z", "z", "s"
    };
    System.arraycopy(extA, 0, DEBURRED, 64, extA.length);
  }

  static String deburr(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch >= 192 && ch <= 383) {
        sb.append(DEBURRED[ch - 192]);
      } else if ((ch >= 768 && ch <= 879)
          || (ch >= 8400 && ch <= 8447)
          || (ch >= 65056 && ch <= 65071)) {
        continue;
      } else {
        sb.append(ch);
      }
    }
    return sb.toString();
  }

  // ---- lodash words -------------------------------------------------------------------------
  // JS works on UTF-16 units; Java regex on code points, so astral ranges are written as code
  // point ranges with the same meaning.
  private static final String ASTRAL = "\\x{10000}-\\x{10FFFF}\\uD800-\\uDFFF";
  private static final String COMBO = "\\u0300-\\u036f\\ufe20-\\ufe2f\\u20d0-\\u20ff";
  private static final String DINGBAT = "\\u2700-\\u27bf";
  private static final String LOWER_R = "a-z\\xdf-\\xf6\\xf8-\\xff";
  private static final String UPPER_R = "A-Z\\xc0-\\xd6\\xd8-\\xde";
  private static final String VAR = "\\ufe0e\\ufe0f";
  private static final String BREAK_R =
      "\\xac\\xb1\\xd7\\xf7\\x00-\\x2f\\x3a-\\x40\\x5b-\\x60\\x7b-\\xbf\\u2000-\\u206f \\t\\x0b\\f\\xa0\\ufeff\\n\\r\\u2028\\u2029\\u1680\\u180e\\u2000-\\u200a\\u202f\\u205f\\u3000";
  private static final String APOS = "['\u2019]";
  private static final String BREAK = "[" + BREAK_R + "]";
  private static final String LOWER = "[" + LOWER_R + "]";
  private static final String MISC =
      "[^" + ASTRAL + BREAK_R + "\\d+" + DINGBAT + LOWER_R + UPPER_R + "]";
  private static final String MODIFIER = "(?:[" + COMBO + "]|[\\x{1F3FB}-\\x{1F3FF}])";
  private static final String NON_ASTRAL = "[^" + ASTRAL + "]";
  private static final String REGIONAL = "[\\x{1F1E6}-\\x{1F1FF}]{2}";
  private static final String SURR_PAIR = "[\\x{10000}-\\x{10FFFF}]";
  private static final String UPPER = "[" + UPPER_R + "]";
  private static final String MISC_LOWER = "(?:" + LOWER + "|" + MISC + ")";
  private static final String MISC_UPPER = "(?:" + UPPER + "|" + MISC + ")";
  private static final String CONTR_LOWER = "(?:" + APOS + "(?:d|ll|m|re|s|t|ve))?";
  private static final String CONTR_UPPER = "(?:" + APOS + "(?:D|LL|M|RE|S|T|VE))?";
  private static final String OPT_MOD = MODIFIER + "?";
  private static final String OPT_VAR = "[" + VAR + "]?";
  private static final String OPT_JOIN =
      "(?:\\u200d(?:"
          + NON_ASTRAL
          + "|"
          + REGIONAL
          + "|"
          + SURR_PAIR
          + ")"
          + OPT_VAR
          + OPT_MOD
          + ")*";
  private static final String ASCII_B =
      "(?:(?<=[A-Za-z0-9_])(?![A-Za-z0-9_])|(?<![A-Za-z0-9_])(?=[A-Za-z0-9_]))";
  private static final String ORD_LOWER =
      "\\d*(?:1st|2nd|3rd|(?![123])\\dth)(?=" + ASCII_B + "|[A-Z_])";
  private static final String ORD_UPPER =
      "\\d*(?:1ST|2ND|3RD|(?![123])\\dTH)(?=" + ASCII_B + "|[a-z_])";
  private static final String SEQ = OPT_VAR + OPT_MOD + OPT_JOIN;
  private static final String EMOJI =
      "(?:[" + DINGBAT + "]|" + REGIONAL + "|" + SURR_PAIR + ")" + SEQ;

  private static final Pattern HAS_UNICODE_WORD =
      Pattern.compile("[a-z][A-Z]|[A-Z]{2}[a-z]|[0-9][a-zA-Z]|[a-zA-Z][0-9]|[^a-zA-Z0-9 ]");
  private static final Pattern ASCII_WORD =
      Pattern.compile("[^\\x00-\\x2f\\x3a-\\x40\\x5b-\\x60\\x7b-\\x7f]+");
  private static final Pattern UNICODE_WORD =
      Pattern.compile(
          String.join(
              "|",
              UPPER + "?" + LOWER + "+" + CONTR_LOWER + "(?=" + BREAK + "|" + UPPER + "|\\z)",
              MISC_UPPER + "+" + CONTR_UPPER + "(?=" + BREAK + "|" + UPPER + MISC_LOWER + "|\\z)",
              UPPER + "?" + MISC_LOWER + "+" + CONTR_LOWER,
              UPPER + "+" + CONTR_UPPER,
              ORD_UPPER,
              ORD_LOWER,
              "\\d+",
              EMOJI));

  static List<String> words(String s) {
    Pattern p = HAS_UNICODE_WORD.matcher(s).find() ? UNICODE_WORD : ASCII_WORD;
    List<String> out = new ArrayList<>();
    Matcher m = p.matcher(s);
    while (m.find()) {
      if (!m.group().isEmpty()) {
        out.add(m.group());
      }
    }
    return out;
  }
}
