package dev.commitpolish.llm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sampling and routing options shared by chat and text-completion requests. Package-private: the
 * public builders expose them one by one.
 */
record Sampling(
    Double temperature,
    Integer maxTokens,
    List<String> stop,
    Long seed,
    Double topP,
    Map<String, Object> extra,
    String apiBase,
    String apiKey) {

  Sampling {
    stop = stop == null ? List.of() : List.copyOf(stop);
    extra =
        extra == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    if (temperature != null && (temperature < 0 || temperature > 2)) {
      throw new IllegalArgumentException("temperature must be within 0..2, got " + temperature);
    }
    if (topP != null && (topP < 0 || topP > 1)) {
      throw new IllegalArgumentException("top_p must be within 0..1, got " + topP);
    }
    if (maxTokens != null && maxTokens <= 0) {
      throw new IllegalArgumentException("max_tokens must be positive, got " + maxTokens);
    }
  }

  /**
   * Writes the options into an OpenAI-style request body; extra fields go last and may override.
   */
  void writeTo(Map<String, Object> body) {
    writeTo(body, "max_tokens");
  }

  /**
   * Writes the options into a request body whose token limit is called {@code maxTokensKey} ({@code
   * n_predict} for llama.cpp's native {@code /completion}).
   */
  void writeTo(Map<String, Object> body, String maxTokensKey) {
    if (temperature != null) {
      body.put("temperature", temperature);
    }
    if (maxTokens != null) {
      body.put(maxTokensKey, maxTokens);
    }
    if (!stop.isEmpty()) {
      body.put("stop", stop);
    }
    if (seed != null) {
      body.put("seed", seed);
    }
    if (topP != null) {
      body.put("top_p", topP);
    }
    body.putAll(extra);
  }

  /** Mutable collector used by the public builders. */
  static final class Builder {
    Double temperature;
    Integer maxTokens;
    List<String> stop;
    Long seed;
    Double topP;
    final Map<String, Object> extra = new LinkedHashMap<>();
    String apiBase;
    String apiKey;

    Sampling build() {
      return new Sampling(temperature, maxTokens, stop, seed, topP, extra, apiBase, apiKey);
    }
  }
}
