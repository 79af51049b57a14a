package dev.commitpolish.llm;

/**
 * A timeout: HTTP 408/504, the connect or request timeout, an idle stream, or the overall deadline.
 * LiteLLM: {@code Timeout}.
 */
public class RequestTimeoutException extends LlmException {
  RequestTimeoutException(String message, ErrorInfo info, Throwable cause) {
    super(message, info, cause);
  }

  @Override
  public String litellmName() {
    return "Timeout";
  }
}
