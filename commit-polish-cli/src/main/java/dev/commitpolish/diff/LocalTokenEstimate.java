package dev.commitpolish.diff;

/**
 * The local token estimate: the larger of one token per 3 UTF-8 bytes and a character-class count
 * (a word costs one token per 3 letters, a single space before it is free, digits, punctuation,
 * newlines and non-ASCII characters cost one each, longer runs of spaces one per 4). Real
 * tokenizers of small local models average 3.5–4.5 bytes per token on code and prose, and do worse
 * only on digits, symbols and foreign scripts — which the class count charges one each. So this
 * errs high, by design: when the server cannot count for us, over-estimating is what keeps the
 * prompt inside the context.
 */
final class LocalTokenEstimate implements TokenCounter {

  static final LocalTokenEstimate INSTANCE = new LocalTokenEstimate();

  private LocalTokenEstimate() {}

  @Override
  public int count(String text) {
    int bytes = utf8Length(text);
    return Math.max((bytes + 2) / 3, classCount(text));
  }

  static int classCount(String text) {
    int tokens = 0;
    int letters = 0;
    int spaces = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_') {
        if (letters == 0 && spaces > 0) {
          tokens += flushSpaces(spaces - 1); // " word": the space joins the word's token
          spaces = 0;
        }
        letters++;
        continue;
      }
      tokens += flushLetters(letters);
      letters = 0;
      if (c == ' ') {
        spaces++;
        continue;
      }
      tokens += flushSpaces(spaces);
      spaces = 0;
      if (Character.isLowSurrogate(c)) {
        continue; // the high surrogate already counted this code point
      }
      tokens++;
    }
    return tokens + flushLetters(letters) + flushSpaces(spaces);
  }

  private static int utf8Length(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c)) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }

  private static int flushLetters(int n) {
    return (n + 2) / 3;
  }

  private static int flushSpaces(int n) {
    return (n + 3) / 4;
  }
}
