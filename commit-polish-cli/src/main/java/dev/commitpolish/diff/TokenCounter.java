package dev.commitpolish.diff;

/**
 * Counts tokens of a text. The diff budgeter calls it for every piece it considers, so
 * implementations used there must be cheap and local; the server's exact {@code /tokenize} count is
 * used only to check the final prompt.
 */
@FunctionalInterface
public interface TokenCounter {

  /** The number of tokens {@code text} costs. */
  int count(String text);

  /**
   * A conservative local estimate: it over-counts typical code and prose for the BPE and
   * SentencePiece vocabularies of small local models, so a prompt sized with it fits.
   */
  static TokenCounter estimate() {
    return LocalTokenEstimate.INSTANCE;
  }

  /** This counter with every count multiplied by {@code factor} (rounded up). */
  default TokenCounter scaled(double factor) {
    TokenCounter self = this;
    return text -> (int) Math.ceil(self.count(text) * factor);
  }
}
