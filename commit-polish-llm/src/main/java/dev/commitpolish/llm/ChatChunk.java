package dev.commitpolish.llm;

import java.util.Objects;
import java.util.Optional;

/**
 * One streamed piece of a chat answer.
 *
 * @param delta the new text, never null ("" for role-only, finish or usage chunks)
 * @param finishReason the finish reason when this chunk ends the answer, else null; prefer {@link
 *     #finish()}
 */
public record ChatChunk(String delta, String finishReason) {

  /** Validates the delta. */
  public ChatChunk {
    Objects.requireNonNull(delta, "delta");
  }

  /** The finish reason, present only on the chunk that ends the answer. */
  public Optional<String> finish() {
    return Optional.ofNullable(finishReason);
  }
}
