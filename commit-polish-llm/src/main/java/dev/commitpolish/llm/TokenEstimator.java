package dev.commitpolish.llm;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A local, deliberately high token estimate used when the server cannot count (no {@code
 * /tokenize}, or a stream without usage). Real BPE tokenizers average about 4 bytes per token on
 * English and 3 on code and diffs; dividing by 3 errs on the side of "too big", which is the safe
 * side when deciding whether a prompt fits the context.
 */
final class TokenEstimator {
  private TokenEstimator() {}

  static int estimate(String text) {
    if (text == null || text.isEmpty()) {
      return 0;
    }
    int bytes = text.getBytes(StandardCharsets.UTF_8).length;
    return (bytes + 2) / 3;
  }

  /** Messages plus a few tokens of chat-template overhead each. */
  static int estimate(List<ChatMessage> messages) {
    int n = 3;
    for (ChatMessage m : messages) {
      n += 4 + estimate(m.content());
    }
    return n;
  }
}
