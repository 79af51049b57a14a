package dev.commitpolish.llm;

import java.util.Objects;

/**
 * One chat message. Content is always a plain string: llamafile 0.9.x answers HTTP 500 to
 * content-part arrays.
 *
 * @param role who speaks
 * @param content the text (may be empty, never null)
 */
public record ChatMessage(Role role, String content) {

  /** Validates the fields. */
  public ChatMessage {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(content, "content");
  }

  /** A system message. */
  public static ChatMessage system(String content) {
    return new ChatMessage(Role.SYSTEM, content);
  }

  /** A user message. */
  public static ChatMessage user(String content) {
    return new ChatMessage(Role.USER, content);
  }

  /** An assistant message. */
  public static ChatMessage assistant(String content) {
    return new ChatMessage(Role.ASSISTANT, content);
  }
}
