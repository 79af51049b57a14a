package dev.commitpolish.diff;

/**
 * The local token estimate: letters cost one token per three, digits, punctuation, newlines and
 * non-ASCII characters one each, and runs of spaces one per four. Real tokenizers merge far more (a
 * common word is one token, a space usually joins the next word), so this errs high — by design:
 * when the server cannot count for us, over-estimating is what keeps the prompt inside the context.
 */
final class LocalTokenEstimate implements TokenCounter {

  static final LocalTokenEstimate INSTANCE = new LocalTokenEstimate();

  private LocalTokenEstimate() {}

  @Override
  public int count(String text) {
    int tokens = 0;
    int letters = 0;
    int spaces = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_') {
        letters++;
        tokens += flushSpaces(spaces);
        spaces = 0;
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

  private static int flushLetters(int n) {
    return (n + 2) / 3;
  }

  private static int flushSpaces(int n) {
    return (n + 3) / 4;
  }
}
