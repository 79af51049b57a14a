package dev.commitpolish.message;

import java.util.List;

/**
 * Checks a candidate commit message. Implementations: the built-in Conventional Commits linter and
 * an external {@code validator_command}; {@link #and} chains them.
 */
@FunctionalInterface
public interface MessageValidator {

  /**
   * The problems with {@code message}, one short line each, in a form that can be fed back to a
   * model; empty when the message is valid.
   */
  List<String> problems(String message);

  /** A validator that reports this one's problems, or, when there are none, {@code next}'s. */
  default MessageValidator and(MessageValidator next) {
    MessageValidator self = this;
    return m -> {
      List<String> p = self.problems(m);
      return p.isEmpty() ? next.problems(m) : p;
    };
  }
}
