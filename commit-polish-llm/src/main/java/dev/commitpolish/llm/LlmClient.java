package dev.commitpolish.llm;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A LiteLLM-style client for OpenAI-compatible servers, llamafile first. Thread-safe and cheap to
 * create: nothing is loaded or connected until the first call.
 *
 * <pre>{@code
 * LlmClient client = LlmClient.builder()
 *     .requestTimeout(Duration.ofSeconds(60))
 *     .deadline(Duration.ofSeconds(20))          // total, across retries and fallbacks
 *     .fallbacks(List.of("ollama/qwen2.5:3b"))
 *     .build();
 * ChatResponse r = client.chat(ChatRequest.builder("llamafile/gemma-3-3b")
 *     .system("Write one Conventional Commits header.").user(diff)
 *     .temperature(0.2).maxTokens(200).build());
 * if (r.truncated()) { ... }
 * }</pre>
 *
 * <p>Every method throws {@link LlmException} subclasses (unchecked) on failure.
 */
public final class LlmClient {
  private final Engine engine;
  private final List<String> fallbacks;
  private final Map<String, String> contextFallbacks;
  private final Executor executor;

  private LlmClient(Builder b) {
    this.engine =
        new Engine(
            b.env,
            b.retryPolicy,
            b.connectTimeout,
            b.requestTimeout,
            b.deadline,
            b.streamIdleTimeout,
            b.clock,
            b.sleeper,
            b.random,
            b.priceTable,
            b.warnings);
    this.fallbacks = List.copyOf(b.fallbacks);
    this.contextFallbacks = Map.copyOf(b.contextWindowFallbacks);
    this.executor = b.executor;
  }

  /** Starts a builder with the defaults described on each setter. */
  public static Builder builder() {
    return new Builder();
  }

  /** A client with all defaults, configured from {@link System#getenv()}. */
  public static LlmClient fromEnv() {
    return builder().build();
  }

  Engine engine() {
    return engine;
  }

  /**
   * Sends a chat completion and waits for the whole answer.
   *
   * @throws LlmException (unchecked) on failure; see the subclasses
   */
  public ChatResponse chat(ChatRequest request) {
    return Engine.Outcome.timed(
        run(
            request.model(),
            request.sampling(),
            (t, l, now) -> Calls.chat(engine, t, request, l, now)));
  }

  /**
   * {@link #chat} on a background thread. The future completes exceptionally with the same {@link
   * LlmException} (wrapped in a {@link java.util.concurrent.CompletionException} by {@code join}).
   */
  public CompletableFuture<ChatResponse> chatAsync(ChatRequest request) {
    Objects.requireNonNull(request, "request");
    return CompletableFuture.supplyAsync(() -> chat(request), executor());
  }

  /**
   * Starts a streamed chat completion. Returns once the first text arrived: failures before that
   * (HTTP errors, refused connections, a dropped stream) are retried and fall back like {@link
   * #chat}; failures after it surface from the iteration and are never retried.
   */
  public ChatStream chatStream(ChatRequest request) {
    Engine.Outcome<StreamReader> o =
        run(
            request.model(),
            request.sampling(),
            (t, l, now) -> Calls.chatStream(engine, t, request, l, now));
    o.value().call(o.startNanos(), o.attempts());
    return new ChatStream(o.value());
  }

  /**
   * A text completion ({@code POST /completions}); {@link ChatResponse#content()} holds the text.
   * On llamafile 0.9.x, which lacks {@code /v1/completions}, the native {@code /completion} is used
   * instead.
   */
  public ChatResponse textCompletion(CompletionRequest request) {
    return Engine.Outcome.timed(
        run(
            request.model(),
            request.sampling(),
            (t, l, now) -> Calls.completion(engine, t, request, l, now)));
  }

  /** Runs {@code attempt} for {@code model} with its fallbacks, retries and context fallbacks. */
  private <T> Engine.Outcome<T> run(String model, Sampling s, Engine.Attempt<T> attempt) {
    return engine.run(
        stages(model, s.apiBase(), s.apiKey()),
        contextFallback(model, s.apiBase(), s.apiKey()),
        attempt);
  }

  /** Computes embeddings ({@code POST /embeddings}). Fallbacks are not used for embeddings. */
  public EmbeddingResponse embedding(EmbeddingRequest request) {
    ModelRef ref = ModelRef.parse(request.model());
    Supplier<Stage> primary =
        () ->
            Stage.fixed(
                ref.toString(),
                Target.resolve(ref, request.apiBase(), request.apiKey(), engine.env),
                engine.policy.maxRetries());
    Engine.Outcome<EmbeddingResponse> o =
        engine.run(
            List.of(primary),
            k -> null,
            (t, l, now) -> Calls.embedding(engine, t, request, l, now));
    EmbeddingResponse r = o.value();
    return new EmbeddingResponse(
        r.vectors(),
        r.usage(),
        r.model(),
        r.provider(),
        Duration.ofNanos(System.nanoTime() - o.startNanos()),
        o.attempts());
  }

  /**
   * Introspection of the server behind {@code model} (readiness, context size, token counts,
   * models).
   *
   * @param apiBase explicit base URL, or null for env/default resolution
   */
  public ServerProbe probe(String model, String apiBase) {
    ModelRef ref = ModelRef.parse(model);
    return new ServerProbe(engine, Target.resolve(ref, apiBase, null, engine.env));
  }

  /** Resolves where a model would be sent (provider, base URL) without sending anything. */
  public String describe(String model, String apiBase) {
    return Target.resolve(ModelRef.parse(model), apiBase, null, engine.env).toString();
  }

  private List<Supplier<Stage>> stages(String model, String apiBase, String apiKey) {
    ModelRef primary = ModelRef.parse(model);
    List<Supplier<Stage>> out = new ArrayList<>();
    out.add(stageFor(primary, primary, apiBase, apiKey));
    for (String f : fallbacks) {
      if (!f.equals(model)) {
        out.add(() -> stageFor(primary, ModelRef.parse(f), apiBase, apiKey).get());
      }
    }
    return out;
  }

  /**
   * A stage for {@code ref}. The per-call api_base/api_key carry over to a fallback of the same
   * provider (same server, other model); other providers use their env/defaults.
   */
  private Supplier<Stage> stageFor(ModelRef primary, ModelRef ref, String apiBase, String apiKey) {
    boolean same = primary.provider() == ref.provider();
    return () ->
        Stage.fixed(
            ref.toString(),
            Target.resolve(ref, same ? apiBase : null, same ? apiKey : null, engine.env),
            engine.policy.maxRetries());
  }

  private Function<String, Supplier<Stage>> contextFallback(
      String model, String apiBase, String apiKey) {
    ModelRef primary = ModelRef.parse(model);
    return label -> {
      String to = contextFallbacks.get(label);
      if (to == null) {
        int slash = label.indexOf('/');
        to = slash < 0 ? null : contextFallbacks.get(label.substring(slash + 1));
      }
      return to == null ? null : stageFor(primary, ModelRef.parse(to), apiBase, apiKey);
    };
  }

  Executor executor() {
    return executor != null ? executor : AsyncPool.POOL;
  }

  /** Created on first async call only. Daemon threads: never keep the JVM alive. */
  private static final class AsyncPool {
    static final ExecutorService POOL =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "commit-polish-llm-async");
              t.setDaemon(true);
              return t;
            });
  }

  /** Builder for {@link LlmClient}. */
  public static final class Builder {
    private Map<String, String> env;
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration requestTimeout = Duration.ofSeconds(120);
    private Duration deadline;
    private Duration streamIdleTimeout = Duration.ofSeconds(30);
    private final List<String> fallbacks = new ArrayList<>();
    private final Map<String, String> contextWindowFallbacks = new LinkedHashMap<>();
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.system();
    private Random random;
    private PriceTable priceTable = PriceTable.empty();
    private Executor executor;
    private Consumer<String> warnings = w -> {};

    private Builder() {}

    /** Environment for {@code *_API_BASE}/{@code *_API_KEY} lookups; default System.getenv(). */
    public Builder env(Map<String, String> env) {
      this.env = Map.copyOf(env);
      return this;
    }

    /** Retry policy; default {@link RetryPolicy#defaults()} (2 retries). */
    public Builder retryPolicy(RetryPolicy policy) {
      this.retryPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** TCP connect timeout per attempt; default 5 s. */
    public Builder connectTimeout(Duration d) {
      this.connectTimeout = positive(d, "connectTimeout");
      return this;
    }

    /**
     * Limit for one attempt: the whole response when not streaming, the first token when streaming;
     * default 120 s (CPU prefill of a large prompt is slow).
     */
    public Builder requestTimeout(Duration d) {
      this.requestTimeout = positive(d, "requestTimeout");
      return this;
    }

    /** Overall cap on a call, across all attempts, backoffs and fallbacks; default none. */
    public Builder deadline(Duration d) {
      this.deadline = d == null ? null : positive(d, "deadline");
      return this;
    }

    /** Longest allowed gap between streamed chunks; default 30 s. */
    public Builder streamIdleTimeout(Duration d) {
      this.streamIdleTimeout = positive(d, "streamIdleTimeout");
      return this;
    }

    /** Models ({@code provider/model}) tried in order after a retryable failure. */
    public Builder fallbacks(List<String> models) {
      for (String m : models) {
        ModelRef.parse(m); // fail fast on typos
      }
      fallbacks.clear();
      fallbacks.addAll(models);
      return this;
    }

    /** On a context-window error for key model, retry once with the mapped (bigger) model. */
    public Builder contextWindowFallbacks(Map<String, String> map) {
      map.values().forEach(ModelRef::parse);
      contextWindowFallbacks.clear();
      contextWindowFallbacks.putAll(map);
      return this;
    }

    /** Clock for deadlines and Retry-After dates; default UTC system clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Sleeper for backoff waits; default {@link Sleeper#system()}. */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /** Randomness for jitter (and the Router's weighted pick); default a new Random. */
    public Builder random(Random random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /** Prices for remote models; local providers always cost 0. */
    public Builder priceTable(PriceTable table) {
      this.priceTable = Objects.requireNonNull(table, "table");
      return this;
    }

    /** Executor for {@link #chatAsync}; default a lazily created daemon pool. */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /** Receives one-line warnings (e.g. port 8000 for llamafile); default: dropped. */
    public Builder warnings(Consumer<String> sink) {
      this.warnings = Objects.requireNonNull(sink, "sink");
      return this;
    }

    RetryPolicy retryPolicy() {
      return retryPolicy;
    }

    Random randomOr(Random fallback) {
      if (random == null) {
        random = fallback;
      }
      return random;
    }

    /** Builds the client. */
    public LlmClient build() {
      if (env == null) {
        env = System.getenv();
      }
      if (random == null) {
        random = new Random();
      }
      return new LlmClient(this);
    }

    Builder copy() {
      Builder b = new Builder();
      b.env = env;
      b.retryPolicy = retryPolicy;
      b.connectTimeout = connectTimeout;
      b.requestTimeout = requestTimeout;
      b.deadline = deadline;
      b.streamIdleTimeout = streamIdleTimeout;
      b.fallbacks.addAll(fallbacks);
      b.contextWindowFallbacks.putAll(contextWindowFallbacks);
      b.clock = clock;
      b.sleeper = sleeper;
      b.random = random;
      b.priceTable = priceTable;
      b.executor = executor;
      b.warnings = warnings;
      return b;
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive");
      }
      return d;
    }
  }
}
