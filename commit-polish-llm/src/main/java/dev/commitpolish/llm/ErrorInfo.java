package dev.commitpolish.llm;

import java.time.Duration;

/**
 * Everything the mapper learned about one failure. Package-private: callers see it through the
 * accessors of {@link LlmException}.
 *
 * @param status HTTP status, 0 when there was no response
 * @param serverMessage the server's own words ("" when none)
 * @param provider provider prefix ("" when unknown)
 * @param model the model as the caller named it ("provider/model"), "" when unknown
 * @param apiBase base URL without credentials, "" when unknown
 * @param retryable whether retrying the identical request can help
 * @param retryAfter server-requested wait, or null
 * @param promptTokens prompt size reported by the server, or -1
 * @param contextSize context size reported by the server, or -1
 */
record ErrorInfo(
    int status,
    String serverMessage,
    String provider,
    String model,
    String apiBase,
    boolean retryable,
    Duration retryAfter,
    int promptTokens,
    int contextSize) {

  ErrorInfo {
    serverMessage = serverMessage == null ? "" : serverMessage;
    provider = provider == null ? "" : provider;
    model = model == null ? "" : model;
    apiBase = apiBase == null ? "" : apiBase;
  }

  static ErrorInfo of(int status, boolean retryable) {
    return new ErrorInfo(status, "", "", "", "", retryable, null, -1, -1);
  }

  ErrorInfo withTarget(String provider, String model, String apiBase) {
    return new ErrorInfo(
        status,
        serverMessage,
        provider,
        model,
        apiBase,
        retryable,
        retryAfter,
        promptTokens,
        contextSize);
  }

  ErrorInfo withRetryable(boolean r) {
    return new ErrorInfo(
        status, serverMessage, provider, model, apiBase, r, retryAfter, promptTokens, contextSize);
  }

  ErrorInfo withContext(int prompt, int ctx) {
    return new ErrorInfo(
        status, serverMessage, provider, model, apiBase, retryable, retryAfter, prompt, ctx);
  }
}
