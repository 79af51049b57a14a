package dev.commitpolish.llm;

/** The server failed (HTTP 500). Retryable. LiteLLM: {@code InternalServerError}. */
public class InternalServerException extends LlmException {
  InternalServerException(String message, ErrorInfo info, Throwable cause) {
    super(message, info, cause);
  }

  @Override
  public String litellmName() {
    return "InternalServerError";
  }
}
