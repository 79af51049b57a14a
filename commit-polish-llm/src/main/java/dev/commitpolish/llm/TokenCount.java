package dev.commitpolish.llm;

/**
 * A token count for some text.
 *
 * @param count number of tokens
 * @param estimated true when the server's {@code /tokenize} was unavailable and the count is a
 *     local, deliberately high estimate
 */
public record TokenCount(int count, boolean estimated) {
  /** Validates the count. */
  public TokenCount {
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative");
    }
  }
}
