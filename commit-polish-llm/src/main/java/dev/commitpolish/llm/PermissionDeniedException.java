package dev.commitpolish.llm;

/**
 * The key is valid but not allowed to do this (HTTP 403). LiteLLM: {@code PermissionDeniedError}.
 */
public class PermissionDeniedException extends LlmException {
  PermissionDeniedException(String message, ErrorInfo info, Throwable cause) {
    super(message, info, cause);
  }

  @Override
  public String litellmName() {
    return "PermissionDeniedError";
  }
}
