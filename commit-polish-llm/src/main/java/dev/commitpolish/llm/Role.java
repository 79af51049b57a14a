package dev.commitpolish.llm;

import java.util.Locale;

/** The author of a chat message. */
public enum Role {
  /** Instructions for the model. */
  SYSTEM,
  /** The user's turn. */
  USER,
  /** A previous model answer (few-shot examples, conversation history). */
  ASSISTANT;

  /** The wire name: {@code "system"}, {@code "user"} or {@code "assistant"}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
