package dev.commitpolish.llm;

/**
 * No HTTP response: connection refused, unknown host, reset or dropped connection. Retryable.
 * LiteLLM: {@code APIConnectionError}.
 */
public class ApiConnectionException extends LlmException {
  ApiConnectionException(String message, ErrorInfo info, Throwable cause) {
    super(message, info, cause);
  }

  @Override
  public String litellmName() {
    return "APIConnectionError";
  }
}
