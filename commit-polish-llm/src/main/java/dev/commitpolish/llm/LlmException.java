package dev.commitpolish.llm;

import java.time.Duration;
import java.util.Optional;

/**
 * Root of every failure the client reports. Unchecked, like LiteLLM's exceptions and the OpenAI
 * SDKs: a commit hook catches it once at the top and fails open.
 *
 * <p>Subclasses mirror LiteLLM's classes one to one; {@link #litellmName()} gives the LiteLLM class
 * name for logs and docs. The message never contains an API key.
 */
public class LlmException extends RuntimeException {
  private final transient ErrorInfo info;
  private volatile int attempts = 1;

  LlmException(String message, ErrorInfo info, Throwable cause) {
    super(message, cause);
    this.info = info;
  }

  /** HTTP status code of the response that caused this, or 0 when no response was received. */
  public int statusCode() {
    return info.status();
  }

  /** The server's own error text (from a JSON envelope or a text/plain body); "" if none. */
  public String serverMessage() {
    return info.serverMessage();
  }

  /** Provider prefix, e.g. {@code "llamafile"}; "" when the provider could not be resolved. */
  public String provider() {
    return info.provider();
  }

  /** The model as the caller named it, e.g. {@code "llamafile/gemma-3-3b"}; "" if unknown. */
  public String model() {
    return info.model();
  }

  /** The API base the failing request went to (credentials stripped); "" if none. */
  public String apiBase() {
    return info.apiBase();
  }

  /**
   * Whether repeating the identical request may succeed (408, 409, 429, most 5xx, connection
   * failures). Never true for 400/401/403/404/422, for a spent deadline, or for a failure after
   * streamed text was handed to the caller.
   */
  public boolean isRetryable() {
    return info.retryable();
  }

  /** The server-requested wait (Retry-After header), when one was sent. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(info.retryAfter());
  }

  /** Number of HTTP attempts made (across retries and fallbacks) before giving up. */
  public int attempts() {
    return attempts;
  }

  void attempts(int n) {
    this.attempts = n;
  }

  /** LiteLLM's class name for this error, e.g. {@code "ContextWindowExceededError"}. */
  public String litellmName() {
    return "APIError";
  }

  ErrorInfo info() {
    return info;
  }
}
