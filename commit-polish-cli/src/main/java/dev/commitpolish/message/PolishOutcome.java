package dev.commitpolish.message;

import dev.commitpolish.diff.DiffSection;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link Polisher#polish} produced.
 *
 * @param message the message to use: the polished one, or the user's draft when nothing valid came
 *     out ({@link #polished()} tells which)
 * @param engine which engine produced {@code message} (the last one tried when the draft is kept)
 * @param polished true when {@code message} is a new, valid message different from the draft
 * @param model the model asked ({@code provider/name}), or the one that answered
 * @param attempts chat requests made (0 when the model was not asked)
 * @param valid whether {@code message} passes validation
 * @param errors validation problems of the last candidate (empty when valid)
 * @param promptTokens prompt tokens over all attempts, as the server reported them
 * @param completionTokens completion tokens over all attempts
 * @param elapsed wall time of the whole polish
 * @param error why the model did not deliver, when it did not
 * @param prompt the first prompt sent (or that would have been sent), for {@code --show-prompt}
 * @param diff the diff section of that prompt, for {@code --show-diff}
 */
public record PolishOutcome(
    String message,
    Engine engine,
    boolean polished,
    String model,
    int attempts,
    boolean valid,
    List<String> errors,
    int promptTokens,
    int completionTokens,
    Duration elapsed,
    Optional<ModelError> error,
    Optional<Prompt> prompt,
    Optional<DiffSection> diff) {

  public PolishOutcome {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(model, "model");
    errors = List.copyOf(errors);
    Objects.requireNonNull(elapsed, "elapsed");
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(diff, "diff");
  }

  /** The engines that can produce a message. */
  public enum Engine {
    /** The language model. */
    LLM,
    /** The deterministic offline polisher. */
    OFFLINE;

    /** {@code llm} or {@code offline}, as in {@code preview --json}. */
    public String id() {
      return this == LLM ? "llm" : "offline";
    }
  }

  /**
   * Why the model call failed.
   *
   * @param type the LiteLLM-style error name (e.g. {@code APIConnectionError}) or a commit-polish
   *     reason ({@code RemoteNotAllowed}, {@code InvalidReply})
   * @param status the HTTP status, 0 when there was none
   * @param message what happened, without secrets or diff content
   * @param hint the fix, one short phrase (e.g. "start the server: commit-polish server start"),
   *     may be empty
   */
  public record ModelError(String type, int status, String message, String hint) {
    public ModelError {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(hint, "hint");
    }
  }
}
