package dev.commitpolish.llm;

/**
 * The server rejected the request as malformed (HTTP 400), or the client refused to send it
 * (unknown provider, bad api_base). Not retryable: fix the request. LiteLLM: {@code
 * BadRequestError}.
 */
public class BadRequestException extends LlmException {
  BadRequestException(String message, ErrorInfo info, Throwable cause) {
    super(message, info, cause);
  }

  @Override
  public String litellmName() {
    return "BadRequestError";
  }
}
