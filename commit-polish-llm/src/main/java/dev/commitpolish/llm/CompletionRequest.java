package dev.commitpolish.llm;

import java.util.List;
import java.util.Objects;

/**
 * A text-completion request ({@code POST /completions}) with a raw prompt.
 *
 * <pre>{@code
 * CompletionRequest req = CompletionRequest.builder("llamafile/gemma-3-3b")
 *     .prompt("feat(parser): ").maxTokens(30).build();
 * }</pre>
 */
public final class CompletionRequest {
  private final String model;
  private final String prompt;
  private final Sampling sampling;

  private CompletionRequest(String model, String prompt, Sampling sampling) {
    this.model = model;
    this.prompt = prompt;
    this.sampling = sampling;
  }

  /** Starts a request for {@code provider/model}. */
  public static Builder builder(String model) {
    return new Builder(model);
  }

  /** The model string as given. */
  public String model() {
    return model;
  }

  /** The prompt text. */
  public String prompt() {
    return prompt;
  }

  Sampling sampling() {
    return sampling;
  }

  @Override
  public String toString() {
    return "CompletionRequest[model=" + model + ", promptChars=" + prompt.length() + "]";
  }

  /** Builder for {@link CompletionRequest}. */
  public static final class Builder {
    private final String model;
    private String prompt;
    private final Sampling.Builder s = new Sampling.Builder();

    private Builder(String model) {
      this.model = Objects.requireNonNull(model, "model");
    }

    /** The prompt (required). */
    public Builder prompt(String prompt) {
      this.prompt = Objects.requireNonNull(prompt, "prompt");
      return this;
    }

    /** Sampling temperature, 0..2. */
    public Builder temperature(double t) {
      s.temperature = t;
      return this;
    }

    /** Maximum tokens to generate. */
    public Builder maxTokens(int n) {
      s.maxTokens = n;
      return this;
    }

    /** Stop strings. */
    public Builder stop(List<String> stop) {
      s.stop = List.copyOf(stop);
      return this;
    }

    /** Sampling seed. */
    public Builder seed(long seed) {
      s.seed = seed;
      return this;
    }

    /** Nucleus sampling, 0..1. */
    public Builder topP(double p) {
      s.topP = p;
      return this;
    }

    /** An extra body field sent verbatim. */
    public Builder extra(String key, Object value) {
      s.extra.put(Objects.requireNonNull(key, "key"), value);
      return this;
    }

    /** Per-call API base. */
    public Builder apiBase(String apiBase) {
      s.apiBase = apiBase;
      return this;
    }

    /** Per-call API key; secret. */
    public Builder apiKey(String apiKey) {
      s.apiKey = apiKey;
      return this;
    }

    /** Builds the request; the prompt is required. */
    public CompletionRequest build() {
      if (prompt == null) {
        throw new IllegalArgumentException("a completion request needs a prompt");
      }
      return new CompletionRequest(model, prompt, s.build());
    }
  }
}
