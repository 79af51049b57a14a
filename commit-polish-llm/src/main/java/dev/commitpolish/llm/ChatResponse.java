package dev.commitpolish.llm;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The result of a chat (or text) completion.
 *
 * @param content the generated text ("" when the server sent none)
 * @param finishReason {@code "stop"}, {@code "length"}, {@code "tool_calls"}, ... as sent (default
 *     {@code "stop"} when the server sent none, as LiteLLM does)
 * @param truncated true when generation hit the limit: {@code finish_reason == "length"} or
 *     completion tokens reached {@code max_tokens} (llamafile non-streaming always says "stop")
 * @param usage token counts
 * @param model {@code provider/<model the server reported>} of the deployment that answered
 * @param provider the provider that answered (after fallbacks this may differ from the request)
 * @param latency wall time of the whole call, retries and fallbacks included
 * @param attempts HTTP attempts made (1 = first try succeeded)
 * @param cost cost in USD: 0 for local providers, from the price table or a LiteLLM proxy's {@code
 *     x-litellm-response-cost} header otherwise, empty when unknown
 */
public record ChatResponse(
    String content,
    String finishReason,
    boolean truncated,
    Usage usage,
    String model,
    Provider provider,
    Duration latency,
    int attempts,
    OptionalDouble cost) {

  /** Validates the fields. */
  public ChatResponse {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(finishReason, "finishReason");
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(latency, "latency");
    Objects.requireNonNull(cost, "cost");
  }

  ChatResponse withCall(Duration newLatency, int newAttempts) {
    return new ChatResponse(
        content, finishReason, truncated, usage, model, provider, newLatency, newAttempts, cost);
  }
}
