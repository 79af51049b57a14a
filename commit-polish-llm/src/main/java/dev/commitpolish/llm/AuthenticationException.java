package dev.commitpolish.llm;

/**
 * The server rejected the API key (HTTP 401). Check the provider's *_API_KEY variable or api_key.
 * LiteLLM: {@code AuthenticationError}.
 */
public class AuthenticationException extends LlmException {
  AuthenticationException(String message, ErrorInfo info, Throwable cause) {
    super(message, info, cause);
  }

  @Override
  public String litellmName() {
    return "AuthenticationError";
  }
}
