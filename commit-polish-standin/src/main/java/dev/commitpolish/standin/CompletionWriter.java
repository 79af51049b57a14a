package dev.commitpolish.standin;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Writes one completion (chat, native or text) in the profile's non-stream or SSE format. */
final class CompletionWriter {

  private final StandInServer server;
  private final Exchange ex;
  private final Routes routes;
  private final Fault fault;
  private final Generation gen;
  private final Request req;
  private final Routes.Kind kind;
  private final String model;
  private final boolean lf;
  private final long created = Instant.now().getEpochSecond();
  private final String id = Routes.randomId();
  private double promptMs;
  private double predictedMs;
  private int sent;

  CompletionWriter(
      StandInServer server,
      Routes routes,
      Exchange ex,
      Fault fault,
      Generation gen,
      Request req,
      Routes.Kind kind,
      String model,
      boolean lf) {
    this.server = server;
    this.routes = routes;
    this.ex = ex;
    this.fault = fault;
    this.gen = gen;
    this.req = req;
    this.kind = kind;
    this.model = model;
    this.lf = lf;
  }

  void run() throws IOException {
    if (req.stream) {
      stream();
    } else {
      whole();
    }
  }

  private void prefill() {
    long t0 = System.nanoTime();
    double rate = server.config.prefillTokensPerSecond;
    if (rate > 0) {
      Routes.sleep(Math.round(gen.promptTokens * 1000.0 / rate));
    }
    promptMs = (System.nanoTime() - t0) / 1e6;
  }

  private void pace() {
    double rate = server.config.tokensPerSecond;
    if (rate > 0) {
      Routes.sleep(Math.round(1000.0 / rate));
    }
  }

  // ------------------------------------------------------------------ non-streaming

  private void whole() throws IOException {
    prefill();
    long t0 = System.nanoTime();
    for (int i = 0; i < gen.completionTokens(); i++) {
      pace();
    }
    predictedMs = (System.nanoTime() - t0) / 1e6;
    // the same body-level faults as every other JSON endpoint
    routes.simple(ex, fault, Json.write(finalBody()));
  }

  private Map<String, Object> usage() {
    int p = gen.promptTokens;
    int c = gen.completionTokens();
    return lf
        ? Json.sorted("completion_tokens", c, "prompt_tokens", p, "total_tokens", p + c)
        : Json.obj("completion_tokens", c, "prompt_tokens", p, "total_tokens", p + c);
  }

  private Map<String, Object> timings() {
    int pn = gen.promptTokens;
    int n = gen.completionTokens();
    return Json.obj(
        "cache_n", 0,
        "prompt_n", pn,
        "prompt_ms", round(promptMs),
        "prompt_per_token_ms", round(pn == 0 ? 0 : promptMs / pn),
        "prompt_per_second", round(promptMs <= 0 ? 0 : pn * 1000.0 / promptMs),
        "predicted_n", n,
        "predicted_ms", round(predictedMs),
        "predicted_per_token_ms", round(n == 0 ? 0 : predictedMs / n),
        "predicted_per_second", round(predictedMs <= 0 ? 0 : n * 1000.0 / predictedMs));
  }

  private static double round(double v) {
    return Math.round(v * 1000.0) / 1000.0;
  }

  private Map<String, Object> finalBody() {
    switch (kind) {
      case CHAT:
        if (lf) {
          // oai.h: finish_reason is always "stop" in non-streaming responses (reference §3.3).
          return Json.sorted(
              "choices",
              List.of(
                  Json.sorted(
                      "finish_reason",
                      "stop",
                      "index",
                      0,
                      "message",
                      Json.sorted("content", gen.content, "role", "assistant"))),
              "created",
              created,
              "id",
              id,
              "model",
              model,
              "object",
              "chat.completion",
              "usage",
              usage());
        }
        return Json.obj(
            "choices",
            List.of(
                Json.obj(
                    "finish_reason",
                    gen.finishReason(),
                    "index",
                    0,
                    "message",
                    Json.obj("role", "assistant", "content", gen.content))),
            "created",
            created,
            "model",
            model,
            "system_fingerprint",
            Routes.FINGERPRINT,
            "object",
            "chat.completion",
            "usage",
            usage(),
            "id",
            id,
            "timings",
            timings());
      case TEXT:
        return Json.obj(
            "choices",
            List.of(
                Json.obj(
                    "text",
                    gen.content,
                    "index",
                    0,
                    "logprobs",
                    null,
                    "finish_reason",
                    gen.finishReason())),
            "created",
            created,
            "model",
            model,
            "system_fingerprint",
            Routes.FINGERPRINT,
            "object",
            "text_completion",
            "usage",
            usage(),
            "id",
            id,
            "timings",
            timings());
      case NATIVE:
      default:
        return nativeFinal(gen.content);
    }
  }

  private Map<String, Object> nativeFinal(String content) {
    if (lf) {
      Map<String, Object> t = timings();
      t.remove("cache_n");
      t.put("prompt_per_second_jart", t.get("prompt_per_second"));
      return Json.sorted(
          "content",
          content,
          "generation_settings",
          Json.sorted("n_ctx", server.config.nCtx, "n_predict", req.maxTokens),
          "model",
          model,
          "prompt",
          req.prompt,
          "slot_id",
          0,
          "stop",
          true,
          "stopped_eos",
          gen.stoppedEos,
          "stopped_limit",
          gen.stoppedLimit,
          "stopped_word",
          gen.stoppedWord,
          "stopping_word",
          gen.stoppingWord,
          "timings",
          new java.util.TreeMap<>(t),
          "tokens_cached",
          gen.promptTokens + gen.completionTokens(),
          "tokens_evaluated",
          gen.promptTokens,
          "tokens_predicted",
          gen.completionTokens(),
          "truncated",
          gen.promptTruncated);
    }
    return Json.obj(
        "index",
        0,
        "content",
        content,
        "tokens",
        List.of(),
        "id_slot",
        0,
        "stop",
        true,
        "model",
        model,
        "tokens_predicted",
        gen.completionTokens(),
        "tokens_evaluated",
        gen.promptTokens,
        "generation_settings",
        Json.obj("n_ctx", server.config.nCtx, "n_predict", req.maxTokens),
        "prompt",
        req.prompt,
        "has_new_line",
        gen.content.contains("\n"),
        "truncated",
        gen.promptTruncated,
        "stop_type",
        gen.stoppedLimit ? "limit" : gen.stoppedWord ? "word" : "eos",
        "stopping_word",
        gen.stoppingWord,
        "tokens_cached",
        gen.promptTokens + gen.completionTokens(),
        "timings",
        timings());
  }

  // ------------------------------------------------------------------ streaming

  private void stream() throws IOException {
    ex.startChunked(200, Routes.SSE);
    prefill();
    if (fault != null && fault.kind == Fault.Kind.EMPTY_BODY) {
      ex.endChunked();
      return;
    }
    boolean chat = kind == Routes.Kind.CHAT;
    if (chat && !lf) {
      // llama.cpp announces the role first (content null); llamafile never does in practice.
      if (!event(chunk(Json.obj("finish_reason", null, "index", 0, "delta", roleDelta()), false))) {
        return;
      }
    }
    long t0 = System.nanoTime();
    for (int i = 0; i < gen.deltas.size(); i++) {
      pace();
      String d = gen.deltas.get(i);
      if (d.isEmpty()) {
        continue; // an incomplete UTF-8 character is held back
      }
      Map<String, Object> c;
      if (chat) {
        c =
            lf
                ? chunk(
                    Json.sorted(
                        "delta", Json.sorted("content", d), "finish_reason", null, "index", 0),
                    false)
                : chunk(
                    Json.obj("finish_reason", null, "index", 0, "delta", Json.obj("content", d)),
                    false);
      } else if (kind == Routes.Kind.TEXT) {
        c = chunk(Json.obj("text", d, "index", 0, "logprobs", null, "finish_reason", null), false);
      } else {
        c =
            lf
                ? Json.sorted("content", d, "multimodal", false, "slot_id", 0, "stop", false)
                : Json.obj(
                    "index",
                    0,
                    "content",
                    d,
                    "tokens",
                    List.of(gen.ids.get(i)),
                    "stop",
                    false,
                    "id_slot",
                    -1,
                    "tokens_predicted",
                    i + 1,
                    "tokens_evaluated",
                    gen.promptTokens);
      }
      if (!event(c)) {
        return;
      }
    }
    predictedMs = (System.nanoTime() - t0) / 1e6;
    // final events
    if (kind == Routes.Kind.NATIVE) {
      if (!event(nativeFinal(""))) {
        return;
      }
      end(false); // native streams have no [DONE] in either server
      return;
    }
    String finish = gen.finishReason();
    Map<String, Object> last;
    if (chat && lf) {
      last = chunk(Json.sorted("delta", Json.sorted(), "finish_reason", finish, "index", 0), false);
    } else if (chat) {
      last = chunk(Json.obj("finish_reason", finish, "index", 0, "delta", Json.obj()), true);
    } else {
      last =
          chunk(Json.obj("text", "", "index", 0, "logprobs", null, "finish_reason", finish), true);
    }
    if (!event(last)) {
      return;
    }
    if (!lf && req.includeUsage) {
      Map<String, Object> u =
          Json.obj(
              "choices",
              List.of(),
              "created",
              created,
              "id",
              id,
              "model",
              model,
              "system_fingerprint",
              Routes.FINGERPRINT,
              "object",
              chat ? "chat.completion.chunk" : "text_completion",
              "usage",
              usage(),
              "timings",
              timings());
      if (!event(u)) {
        return;
      }
    }
    end(!lf);
  }

  private Map<String, Object> roleDelta() {
    return Json.obj("role", "assistant", "content", null);
  }

  /** Wraps one choice into a chunk object with the profile's envelope keys. */
  private Map<String, Object> chunk(Map<String, Object> choice, boolean withTimings) {
    boolean chat = kind == Routes.Kind.CHAT;
    String object = chat ? "chat.completion.chunk" : "text_completion";
    if (lf) {
      // A new random id in every llamafile chunk; no usage, timings or fingerprint.
      return Json.sorted(
          "choices",
          List.of(choice),
          "created",
          created,
          "id",
          Routes.randomId(),
          "model",
          model,
          "object",
          object);
    }
    Map<String, Object> c =
        Json.obj(
            "choices",
            List.of(choice),
            "created",
            created,
            "id",
            id,
            "model",
            model,
            "system_fingerprint",
            Routes.FINGERPRINT,
            "object",
            object);
    if (withTimings) {
      c.put("timings", timings());
    }
    return c;
  }

  /** Sends one {@code data:} event, applying a stream fault; false when the stream is over. */
  private boolean event(Map<String, Object> obj) throws IOException {
    String json = Json.write(obj);
    if (fault != null) {
      switch (fault.kind) {
        case DROP_MID_STREAM:
          if (sent >= fault.afterChunks) {
            ex.drop(false); // no chunked terminator: the client sees a premature EOF
            return false;
          }
          break;
        case STREAM_ERROR:
          if (sent >= fault.afterChunks) {
            streamError();
            return false;
          }
          break;
        case MALFORMED_JSON:
          ex.chunk("data: " + json.substring(0, json.length() / 2) + "\n\n");
          ex.endChunked();
          return false;
        default:
          break;
      }
    }
    ex.chunk("data: " + json + "\n\n");
    sent++;
    return true;
  }

  private void streamError() throws IOException {
    if (lf) {
      // llamafile writes "error:" lines, which SSE parsers ignore (reference §3.4).
      ex.chunk("error: " + Json.write(Json.obj("content", fault.message)) + "\n\n");
    } else {
      ex.chunk(
          "data: "
              + Json.write(
                  Json.obj(
                      "error",
                      Json.obj("code", 500, "message", fault.message, "type", "server_error")))
              + "\n\n");
    }
    ex.endChunked();
  }

  private void end(boolean done) throws IOException {
    if (fault != null && fault.kind == Fault.Kind.DROP_MID_STREAM) {
      ex.drop(false);
      return;
    }
    if (fault != null && fault.kind == Fault.Kind.STREAM_ERROR) {
      streamError();
      return;
    }
    if (done) {
      ex.chunk("data: [DONE]\n\n");
    }
    ex.endChunked();
  }
}
