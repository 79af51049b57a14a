package dev.commitpolish.llm;

/**
 * Unknown model or endpoint (HTTP 404); often an api_base without {@code /v1}. LiteLLM: {@code
 * NotFoundError}.
 */
public class NotFoundException extends LlmException {
  NotFoundException(String message, ErrorInfo info, Throwable cause) {
    super(message, info, cause);
  }

  @Override
  public String litellmName() {
    return "NotFoundError";
  }
}
