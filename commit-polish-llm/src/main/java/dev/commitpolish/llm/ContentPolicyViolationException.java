package dev.commitpolish.llm;

/**
 * The server refused the content for policy reasons (HTTP 400). LiteLLM: {@code
 * ContentPolicyViolationError}.
 */
public class ContentPolicyViolationException extends BadRequestException {
  ContentPolicyViolationException(String message, ErrorInfo info, Throwable cause) {
    super(message, info, cause);
  }

  @Override
  public String litellmName() {
    return "ContentPolicyViolationError";
  }
}
