package dev.commitpolish.message;

import java.util.Objects;

/**
 * The two chat messages sent to the model: fixed instructions first (so the server can reuse its
 * cached prefix from one commit to the next), the draft and the diff last.
 *
 * @param system the instructions
 * @param user the request: ticket, draft, then the diff section
 */
public record Prompt(String system, String user) {

  public Prompt {
    Objects.requireNonNull(system, "system");
    Objects.requireNonNull(user, "user");
  }

  /** Both messages, as shown by {@code preview --show-prompt}. */
  public String render() {
    return "[system]\n" + system + "\n\n[user]\n" + user + "\n";
  }
}
