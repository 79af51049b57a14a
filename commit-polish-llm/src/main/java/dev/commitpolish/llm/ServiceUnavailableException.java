package dev.commitpolish.llm;

/**
 * The server is not ready, e.g. still loading the model (HTTP 503). Retryable. LiteLLM: {@code
 * ServiceUnavailableError}.
 */
public class ServiceUnavailableException extends LlmException {
  ServiceUnavailableException(String message, ErrorInfo info, Throwable cause) {
    super(message, info, cause);
  }

  @Override
  public String litellmName() {
    return "ServiceUnavailableError";
  }
}
