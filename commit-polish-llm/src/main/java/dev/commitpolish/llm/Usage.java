package dev.commitpolish.llm;

/**
 * Token counts of one call. Fields are 0 when the server omitted them, never negative (as in
 * LiteLLM).
 *
 * @param promptTokens tokens in the prompt
 * @param completionTokens tokens generated
 * @param totalTokens prompt + completion
 * @param estimated true when the server sent no usage and the client estimated it (llamafile
 *     streams carry no usage)
 */
public record Usage(int promptTokens, int completionTokens, int totalTokens, boolean estimated) {

  /** Validates the counts. */
  public Usage {
    if (promptTokens < 0 || completionTokens < 0 || totalTokens < 0) {
      throw new IllegalArgumentException("token counts must not be negative");
    }
  }

  /** Usage reported by the server. */
  public Usage(int promptTokens, int completionTokens, int totalTokens) {
    this(promptTokens, completionTokens, totalTokens, false);
  }

  /** No usage known. */
  public static Usage none() {
    return new Usage(0, 0, 0, false);
  }
}
