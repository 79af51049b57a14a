package dev.commitpolish.llm;

/**
 * The server asked the client to slow down (HTTP 429, or a rate-limit message). Retryable; {@link
 * #retryAfter()} carries the server's Retry-After when sent. LiteLLM: {@code RateLimitError}.
 */
public class RateLimitException extends LlmException {
  RateLimitException(String message, ErrorInfo info, Throwable cause) {
    super(message, info, cause);
  }

  @Override
  public String litellmName() {
    return "RateLimitError";
  }
}
