package dev.commitpolish.config;

import java.util.Objects;

/**
 * One error or warning about the configuration, located as precisely as the source allows.
 *
 * @param severity whether loading fails ({@link Severity#ERROR}) or goes on
 * @param source where the value came from: a file as displayed ({@code
 *     ~/.config/commit-polish/config.toml}), {@code env NAME} or {@code flag --name}
 * @param line 1-based line in a file, 0 when not a file or unknown
 * @param column 1-based column, 0 when unknown
 * @param key the dotted key ({@code ai.temperature}), empty when the problem is not about a key
 * @param message what is wrong and what is allowed, never containing a secret value
 */
public record ConfigProblem(
    Severity severity, String source, int line, int column, String key, String message) {

  /** How bad a problem is. */
  public enum Severity {
    /** Loading fails; the hook keeps the original message. */
    ERROR,
    /** Reported, then ignored. */
    WARNING
  }

  public ConfigProblem {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(message, "message");
  }

  /** {@code source:line:column: key: message}, like a compiler diagnostic. */
  @Override
  public String toString() {
    var sb = new StringBuilder(source);
    if (line > 0) {
      sb.append(':').append(line);
      if (column > 0) {
        sb.append(':').append(column);
      }
    }
    sb.append(": ");
    if (!key.isEmpty()) {
      sb.append(key).append(": ");
    }
    return sb.append(message).toString();
  }
}
