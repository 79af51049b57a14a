package dev.commitpolish.llm;

/**
 * The server understood the request but refused its parameters (HTTP 422). LiteLLM: {@code
 * UnprocessableEntityError}.
 */
public class UnprocessableEntityException extends LlmException {
  UnprocessableEntityException(String message, ErrorInfo info, Throwable cause) {
    super(message, info, cause);
  }

  @Override
  public String litellmName() {
    return "UnprocessableEntityError";
  }
}
