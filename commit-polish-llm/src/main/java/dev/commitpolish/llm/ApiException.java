package dev.commitpolish.llm;

/**
 * Any other failure: unexpected status codes (402, 409, 413, 501, ...), malformed response bodies.
 * LiteLLM: {@code APIError}.
 */
public class ApiException extends LlmException {
  ApiException(String message, ErrorInfo info, Throwable cause) {
    super(message, info, cause);
  }

  @Override
  public String litellmName() {
    return "APIError";
  }
}
