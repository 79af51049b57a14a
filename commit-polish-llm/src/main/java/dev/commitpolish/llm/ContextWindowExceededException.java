package dev.commitpolish.llm;

import java.util.OptionalInt;

/**
 * The prompt does not fit the server's context window (llama.cpp {@code exceed_context_size_error},
 * OpenAI "maximum context length", ...). Not retryable unchanged: shrink the prompt or use a bigger
 * model (see {@code contextWindowFallbacks}). LiteLLM: {@code ContextWindowExceededError}.
 */
public class ContextWindowExceededException extends BadRequestException {
  ContextWindowExceededException(String message, ErrorInfo info, Throwable cause) {
    super(message, info, cause);
  }

  /** Prompt size in tokens as reported by the server ({@code n_prompt_tokens}), when sent. */
  public OptionalInt promptTokens() {
    return info().promptTokens() < 0 ? OptionalInt.empty() : OptionalInt.of(info().promptTokens());
  }

  /** The server's per-slot context size ({@code n_ctx}), when sent. */
  public OptionalInt contextSize() {
    return info().contextSize() < 0 ? OptionalInt.empty() : OptionalInt.of(info().contextSize());
  }

  @Override
  public String litellmName() {
    return "ContextWindowExceededError";
  }
}
