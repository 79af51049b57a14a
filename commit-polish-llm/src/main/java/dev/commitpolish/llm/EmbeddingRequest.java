package dev.commitpolish.llm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An embeddings request ({@code POST /embeddings}).
 *
 * <pre>{@code
 * EmbeddingRequest req = EmbeddingRequest.builder("llamafile/all-MiniLM-L6-v2")
 *     .input("Hello world").build();
 * }</pre>
 */
public final class EmbeddingRequest {
  private final String model;
  private final List<String> input;
  private final Map<String, Object> extra;
  private final String apiBase;
  private final String apiKey;

  private EmbeddingRequest(Builder b) {
    this.model = b.model;
    this.input = List.copyOf(b.input);
    this.extra = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.extra));
    this.apiBase = b.apiBase;
    this.apiKey = b.apiKey;
  }

  /** Starts a request for {@code provider/model}. */
  public static Builder builder(String model) {
    return new Builder(model);
  }

  /** The model string as given. */
  public String model() {
    return model;
  }

  /** The input texts, in order. */
  public List<String> input() {
    return input;
  }

  Map<String, Object> extra() {
    return extra;
  }

  String apiBase() {
    return apiBase;
  }

  String apiKey() {
    return apiKey;
  }

  @Override
  public String toString() {
    return "EmbeddingRequest[model=" + model + ", inputs=" + input.size() + "]";
  }

  /** Builder for {@link EmbeddingRequest}. */
  public static final class Builder {
    private final String model;
    private final List<String> input = new ArrayList<>();
    private final Map<String, Object> extra = new LinkedHashMap<>();
    private String apiBase;
    private String apiKey;

    private Builder(String model) {
      this.model = Objects.requireNonNull(model, "model");
    }

    /** Adds input texts. */
    public Builder input(String... texts) {
      input.addAll(List.of(texts));
      return this;
    }

    /** Adds input texts. */
    public Builder input(List<String> texts) {
      input.addAll(texts);
      return this;
    }

    /** An extra body field (e.g. {@code encoding_format}). */
    public Builder extra(String key, Object value) {
      extra.put(Objects.requireNonNull(key, "key"), value);
      return this;
    }

    /** Per-call API base. */
    public Builder apiBase(String apiBase) {
      this.apiBase = apiBase;
      return this;
    }

    /** Per-call API key; secret. */
    public Builder apiKey(String apiKey) {
      this.apiKey = apiKey;
      return this;
    }

    /** Builds the request; at least one non-empty input is required. */
    public EmbeddingRequest build() {
      if (input.isEmpty() || input.stream().anyMatch(String::isEmpty)) {
        throw new IllegalArgumentException("embedding input must be non-empty strings");
      }
      return new EmbeddingRequest(this);
    }
  }
}
