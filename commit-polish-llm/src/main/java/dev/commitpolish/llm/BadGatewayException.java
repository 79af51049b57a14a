package dev.commitpolish.llm;

/** A proxy in front of the model failed (HTTP 502). Retryable. LiteLLM: {@code BadGatewayError}. */
public class BadGatewayException extends LlmException {
  BadGatewayException(String message, ErrorInfo info, Throwable cause) {
    super(message, info, cause);
  }

  @Override
  public String litellmName() {
    return "BadGatewayError";
  }
}
