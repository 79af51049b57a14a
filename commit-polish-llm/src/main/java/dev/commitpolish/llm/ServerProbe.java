package dev.commitpolish.llm;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Asks a llamafile / llama.cpp server about itself, which no LiteLLM-style peer does: is it ready,
 * how big is its context, how many tokens is this text. Obtain one from {@link
 * LlmClient#probe(String, String)}.
 *
 * <pre>{@code
 * ServerProbe probe = client.probe("llamafile/gemma-3-3b", null);
 * if (probe.readiness() == Readiness.READY) {
 *   int ctx = probe.contextSize().orElse(2048);
 *   TokenCount n = probe.countTokens(prompt);
 * }
 * }</pre>
 *
 * <p>Probes are single attempts with short timeouts: they are meant to be polled.
 */
public final class ServerProbe {
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);
  private final Engine engine;
  private final Target target;

  ServerProbe(Engine engine, Target target) {
    this.engine = engine;
    this.target = target;
  }

  /** The API base being probed (credentials stripped). */
  public String apiBase() {
    return target.redactedBase();
  }

  private Limits limits() {
    long connect = Math.min(engine.connectTimeout.toNanos(), Duration.ofSeconds(2).toNanos());
    long req = Math.min(engine.requestTimeout.toNanos(), PROBE_TIMEOUT.toNanos());
    return new Limits(connect, req, Limits.NONE, Limits.NONE);
  }

  private String root() {
    return ApiBase.root(target.apiBase());
  }

  /**
   * Whether the server takes requests: {@code GET /health}; 200 = READY, 503 ("Loading model") =
   * LOADING, refused/unreachable = DOWN (llamafile refuses connections while loading). Servers
   * without {@code /health} (llamafile v2, LM Studio, Ollama) are asked {@code GET /v1/models}.
   */
  public Readiness readiness() {
    Instant now = engine.clock.instant();
    try {
      Map<String, Object> h = Calls.get(target, root() + "/health", "/health", limits(), now);
      String status = Json.str(h.get("status"));
      return status != null && status.toLowerCase(java.util.Locale.ROOT).contains("loading")
          ? Readiness.LOADING
          : Readiness.READY;
    } catch (ServiceUnavailableException e) {
      return Readiness.LOADING;
    } catch (ApiConnectionException | RequestTimeoutException e) {
      return Readiness.DOWN;
    } catch (LlmException e) {
      // No /health here (404, or something else answering): fall back to the models list.
      try {
        Calls.get(target, target.apiBase() + "/models", "/models", limits(), now);
        return Readiness.READY;
      } catch (ServiceUnavailableException e2) {
        return Readiness.LOADING;
      } catch (LlmException e2) {
        return Readiness.DOWN;
      }
    }
  }

  /**
   * Polls {@link #readiness()} until READY or {@code timeout} passes, waiting with the client's
   * sleeper (250 ms doubling to 2 s). Returns the last state seen.
   */
  public Readiness awaitReady(Duration timeout) {
    Instant end = engine.clock.instant().plus(timeout);
    Duration wait = Duration.ofMillis(250);
    while (true) {
      Readiness r = readiness();
      if (r == Readiness.READY || !engine.clock.instant().plus(wait).isBefore(end)) {
        return r;
      }
      try {
        engine.sleeper.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return r;
      }
      wait =
          wait.multipliedBy(2).compareTo(Duration.ofSeconds(2)) > 0
              ? Duration.ofSeconds(2)
              : wait.multipliedBy(2);
    }
  }

  /**
   * The runtime context size per slot from {@code GET /props} ({@code
   * default_generation_settings.n_ctx}); empty when the server does not say.
   */
  public OptionalInt contextSize() {
    try {
      Map<String, Object> p =
          Calls.get(target, root() + "/props", "/props", limits(), engine.clock.instant());
      int n = Json.integer(Json.path(p, "default_generation_settings", "n_ctx"));
      if (n <= 0) {
        n = Json.integer(p.get("n_ctx"));
      }
      return n > 0 ? OptionalInt.of(n) : OptionalInt.empty();
    } catch (LlmException e) {
      return OptionalInt.empty();
    }
  }

  /**
   * Counts tokens with the server's {@code POST /tokenize}; when that is unavailable, returns a
   * local estimate (marked {@code estimated}) that errs high. Excludes chat-template overhead.
   */
  public TokenCount countTokens(String text) {
    try {
      Map<String, Object> r =
          Calls.postJson(
              target,
              root() + "/tokenize",
              "/tokenize",
              Map.of("content", text),
              limits(),
              engine.clock.instant());
      List<Object> tokens = Json.list(r.get("tokens"));
      if (tokens != null) {
        return new TokenCount(tokens.size(), false);
      }
    } catch (LlmException e) {
      // fall through to the estimate
    }
    return new TokenCount(TokenEstimator.estimate(text), true);
  }

  /**
   * Model ids from {@code GET /v1/models}.
   *
   * @throws LlmException when the server cannot be asked
   */
  public List<String> models() {
    Map<String, Object> r =
        Calls.get(
            target, target.apiBase() + "/models", "/models", limits(), engine.clock.instant());
    List<String> ids = new ArrayList<>();
    List<Object> data = Json.list(r.get("data"));
    if (data != null) {
      for (Object o : data) {
        String id = Json.str(Json.path(o, "id"));
        if (id != null) {
          ids.add(id);
        }
      }
    }
    return ids;
  }
}
