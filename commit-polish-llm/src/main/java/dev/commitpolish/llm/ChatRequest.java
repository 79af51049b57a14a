package dev.commitpolish.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * An immutable chat-completion request. Build one with {@link #builder(String)}:
 *
 * <pre>{@code
 * ChatRequest req = ChatRequest.builder("llamafile/gemma-3-3b")
 *     .system("You write Conventional Commits.")
 *     .user(diff)
 *     .temperature(0.2).maxTokens(200).seed(42)
 *     .extra("cache_prompt", true)
 *     .build();
 * }</pre>
 *
 * <p>Set {@code max_tokens}, {@code temperature} and {@code seed} explicitly: llamafile and
 * llama.cpp have different defaults. {@link #toString()} never shows the API key.
 */
public final class ChatRequest {
  private final String model;
  private final List<ChatMessage> messages;
  private final Sampling sampling;

  private ChatRequest(String model, List<ChatMessage> messages, Sampling sampling) {
    this.model = model;
    this.messages = List.copyOf(messages);
    this.sampling = sampling;
  }

  /** Starts a request for {@code model} ({@code provider/model}, or a Router model name). */
  public static Builder builder(String model) {
    return new Builder(model);
  }

  /** A builder pre-filled with this request, to derive a modified copy. */
  public Builder toBuilder() {
    Builder b = new Builder(model);
    b.messages.addAll(messages);
    b.s.temperature = sampling.temperature();
    b.s.maxTokens = sampling.maxTokens();
    b.s.stop = sampling.stop();
    b.s.seed = sampling.seed();
    b.s.topP = sampling.topP();
    b.s.extra.putAll(sampling.extra());
    b.s.apiBase = sampling.apiBase();
    b.s.apiKey = sampling.apiKey();
    return b;
  }

  /** The model string as given, e.g. {@code "llamafile/gemma-3-3b"}. */
  public String model() {
    return model;
  }

  /** The messages in order. */
  public List<ChatMessage> messages() {
    return messages;
  }

  /** Sampling temperature, when set. */
  public OptionalDouble temperature() {
    return sampling.temperature() == null
        ? OptionalDouble.empty()
        : OptionalDouble.of(sampling.temperature());
  }

  /** The {@code max_tokens} cap, when set. */
  public OptionalInt maxTokens() {
    return sampling.maxTokens() == null
        ? OptionalInt.empty()
        : OptionalInt.of(sampling.maxTokens());
  }

  /** Stop strings (empty when none). */
  public List<String> stop() {
    return sampling.stop();
  }

  /** Sampling seed, when set. */
  public OptionalLong seed() {
    return sampling.seed() == null ? OptionalLong.empty() : OptionalLong.of(sampling.seed());
  }

  /** Nucleus sampling {@code top_p}, when set. */
  public OptionalDouble topP() {
    return sampling.topP() == null ? OptionalDouble.empty() : OptionalDouble.of(sampling.topP());
  }

  /** Extra body fields sent verbatim (e.g. {@code cache_prompt}). */
  public Map<String, Object> extra() {
    return sampling.extra();
  }

  /** Per-call API base overriding env and defaults, when set. */
  public Optional<String> apiBase() {
    return Optional.ofNullable(sampling.apiBase());
  }

  /** Whether a per-call API key was given (the key itself is not exposed). */
  public boolean hasApiKey() {
    return sampling.apiKey() != null;
  }

  Sampling sampling() {
    return sampling;
  }

  ChatRequest withModel(String newModel, String apiBase, String apiKey) {
    Builder b = toBuilder();
    b.model = newModel;
    b.s.apiBase = apiBase;
    b.s.apiKey = apiKey;
    return b.build();
  }

  @Override
  public String toString() {
    return "ChatRequest[model="
        + model
        + ", messages="
        + messages.size()
        + ", maxTokens="
        + sampling.maxTokens()
        + ", temperature="
        + sampling.temperature()
        + (sampling.apiBase() == null ? "" : ", apiBase=" + ApiBase.redact(sampling.apiBase()))
        + (sampling.apiKey() == null ? "" : ", apiKey=***")
        + "]";
  }

  /** Builder for {@link ChatRequest}. Not thread-safe. */
  public static final class Builder {
    private String model;
    private final List<ChatMessage> messages = new ArrayList<>();
    private final Sampling.Builder s = new Sampling.Builder();

    private Builder(String model) {
      this.model = Objects.requireNonNull(model, "model");
    }

    /** Appends a system message. */
    public Builder system(String content) {
      return message(Role.SYSTEM, content);
    }

    /** Appends a user message. */
    public Builder user(String content) {
      return message(Role.USER, content);
    }

    /** Appends an assistant message. */
    public Builder assistant(String content) {
      return message(Role.ASSISTANT, content);
    }

    /** Appends a message. */
    public Builder message(Role role, String content) {
      messages.add(new ChatMessage(role, content));
      return this;
    }

    /** Replaces all messages. */
    public Builder messages(List<ChatMessage> all) {
      messages.clear();
      messages.addAll(all);
      return this;
    }

    /** Sampling temperature, 0..2. */
    public Builder temperature(double t) {
      s.temperature = t;
      return this;
    }

    /** Maximum tokens to generate (also used for truncation detection). */
    public Builder maxTokens(int n) {
      s.maxTokens = n;
      return this;
    }

    /** Stop strings. */
    public Builder stop(List<String> stop) {
      s.stop = List.copyOf(stop);
      return this;
    }

    /** Sampling seed for reproducible output. */
    public Builder seed(long seed) {
      s.seed = seed;
      return this;
    }

    /** Nucleus sampling, 0..1. */
    public Builder topP(double p) {
      s.topP = p;
      return this;
    }

    /** An extra body field sent verbatim, e.g. {@code extra("cache_prompt", true)}. */
    public Builder extra(String key, Object value) {
      s.extra.put(Objects.requireNonNull(key, "key"), value);
      return this;
    }

    /** Per-call API base (like LiteLLM's {@code api_base}); wins over env and defaults. */
    public Builder apiBase(String apiBase) {
      s.apiBase = apiBase;
      return this;
    }

    /** Per-call API key; secret, never logged. */
    public Builder apiKey(String apiKey) {
      s.apiKey = apiKey;
      return this;
    }

    /**
     * Builds the request.
     *
     * @throws IllegalArgumentException when there are no messages or an option is out of range
     */
    public ChatRequest build() {
      if (messages.isEmpty()) {
        throw new IllegalArgumentException("a chat request needs at least one message");
      }
      return new ChatRequest(model, messages, s.build());
    }
  }
}
