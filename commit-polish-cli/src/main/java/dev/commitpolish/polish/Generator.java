package dev.commitpolish.polish;

/**
 * Produces a commit message for what is staged. The production implementation calls the polish
 * engine over the configured model; tests substitute scripted ones.
 */
interface Generator {

  /**
   * Generates one candidate.
   *
   * @param round 0 for the first candidate, 1, 2, … for each "regenerate", so implementations can
   *     vary the seed instead of returning the same text again
   * @param listener receives text deltas as the model streams them
   * @throws GenerationException when no usable message could be produced
   */
  Generation generate(int round, Listener listener);

  /** Streaming callbacks; called on the generating thread. */
  interface Listener {
    /** A piece of raw model output (may contain newlines; never null). */
    void onToken(String delta);

    /** The engine starts over (a repair attempt after validation failed). */
    default void onRestart(String reason) {}
  }

  /**
   * A generated message.
   *
   * @param message the cleaned message, no trailing newline, never blank
   * @param model the model that produced it, for the status line
   * @param completionTokens tokens generated as reported by the server, or -1 when unknown
   * @param note one line about the result worth showing (e.g. "2 validation problems"), or empty
   */
  record Generation(String message, String model, int completionTokens, String note) {
    /** Validates the message and normalises nulls. */
    public Generation {
      if (message == null || message.isBlank()) {
        throw new IllegalArgumentException("generated message is blank");
      }
      model = model == null ? "" : model;
      note = note == null ? "" : note;
    }
  }

  /** No usable message; {@link #fix()} tells the user what to do. */
  final class GenerationException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String fix;

    GenerationException(String message, String fix, Throwable cause) {
      super(message, cause);
      this.fix = fix == null ? "" : fix;
    }

    String fix() {
      return fix;
    }
  }
}
