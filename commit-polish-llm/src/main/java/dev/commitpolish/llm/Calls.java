package dev.commitpolish.llm;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/** The HTTP operations: one attempt each; retries live in {@link Engine}. */
final class Calls {
  private Calls() {}

  private record Reply(Map<String, Object> json, String costHeader, int status) {}

  static ErrorMapper.Ctx ctx(Target t, String endpoint, boolean streaming, Instant now) {
    return new ErrorMapper.Ctx(t, endpoint, streaming, now);
  }

  private static Reply send(
      String method, Target t, String url, String endpoint, String body, Limits l, Instant now) {
    ErrorMapper.Ctx ctx = ctx(t, endpoint, false, now);
    try (Exchange ex = open(method, t, url, body, l, false, ctx)) {
      String text = readOk(ex, ctx);
      Map<String, Object> json = parseObject(ex.status(), text, ctx);
      if (json.get("error") != null) {
        // An error object with a 2xx status (some proxies do this): map it like any error.
        throw ErrorMapper.fromStreamError(text, ctx, false);
      }
      return new Reply(json, ex.header("x-litellm-response-cost"), ex.status());
    }
  }

  private static Exchange open(
      String method,
      Target t,
      String url,
      String body,
      Limits l,
      boolean stream,
      ErrorMapper.Ctx ctx) {
    try {
      return Exchange.send(method, url, t.apiKey(), body, l, stream);
    } catch (Exchange.Failed f) {
      throw ErrorMapper.fromIo(f.io(), f.guard(), ctx, false);
    }
  }

  /** The whole body of a one-piece answer; a status of 300 or more becomes the mapped error. */
  private static String readOk(Exchange ex, ErrorMapper.Ctx ctx) {
    String text;
    try {
      text = ex.readAll();
    } catch (IOException e) {
      throw ErrorMapper.fromIo(e, ex.guard(), ctx, false);
    }
    if (ex.status() >= 300) {
      throw ErrorMapper.fromResponse(ex.status(), text, ex::header, ctx);
    }
    return text;
  }

  /** {@code text} as a JSON object; anything else is a malformed answer. */
  private static Map<String, Object> parseObject(int status, String text, ErrorMapper.Ctx ctx) {
    Map<String, Object> json = Json.parseObjectOrNull(text);
    if (json == null) {
      throw ErrorMapper.malformed(status, text, ctx, null);
    }
    return json;
  }

  private static Reply post(Target t, String endpoint, Object body, Limits l, Instant now) {
    return send("POST", t, t.apiBase() + endpoint, endpoint, Json.write(body), l, now);
  }

  static Map<String, Object> chatBody(Target t, ChatRequest req, boolean stream) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("model", t.model());
    List<Map<String, Object>> msgs = new ArrayList<>();
    for (ChatMessage m : req.messages()) {
      Map<String, Object> mm = new LinkedHashMap<>();
      mm.put("role", m.role().wireName());
      mm.put("content", m.content());
      msgs.add(mm);
    }
    body.put("messages", msgs);
    req.sampling().writeTo(body);
    if (stream) {
      body.put("stream", true);
      // llama.cpp and llamafile v2 then send a usage chunk; llamafile 0.9 ignores the field.
      body.putIfAbsent("stream_options", Map.of("include_usage", true));
    }
    return body;
  }

  static ChatResponse chat(Engine eng, Target t, ChatRequest req, Limits l, Instant now) {
    Reply r = post(t, "/chat/completions", chatBody(t, req, false), l, now);
    return parseChat(eng, t, r, req.sampling().maxTokens(), "/chat/completions", now);
  }

  private static ChatResponse parseChat(
      Engine eng, Target t, Reply r, Integer maxTokens, String endpoint, Instant now) {
    List<Object> choices = Json.list(r.json().get("choices"));
    Map<String, Object> c0 = choices == null || choices.isEmpty() ? null : Json.map(choices.get(0));
    if (c0 == null) {
      throw ErrorMapper.malformed(
          r.status(), Json.write(r.json()), ctx(t, endpoint, false, now), null);
    }
    String content = Json.str(Json.path(c0, "message", "content"));
    if (content == null) {
      content = Json.str(c0.get("text"));
    }
    String finish = Json.str(c0.get("finish_reason"));
    Usage usage = StreamReader.parseUsage(r.json().get("usage"));
    return response(
        eng.prices,
        t,
        content == null ? "" : content,
        finish,
        usage == null ? Usage.none() : usage,
        Json.str(r.json().get("model")),
        maxTokens,
        r.costHeader());
  }

  /**
   * The one place a chat result is assembled, whole or streamed: the finish reason ("stop" when
   * none), truncation, the cost (LiteLLM's header wins over the table) and the model name.
   */
  static ChatResponse response(
      PriceTable prices,
      Target t,
      String content,
      String finish,
      Usage usage,
      String serverModel,
      Integer maxTokens,
      String costHeader) {
    String fr = finish == null || finish.isEmpty() ? "stop" : finish;
    // llamafile 0.9 always reports "stop" when not streaming, so also compare with max_tokens.
    boolean truncated =
        "length".equals(fr) || (maxTokens != null && usage.completionTokens() >= maxTokens);
    OptionalDouble cost = prices.cost(t.provider(), t.model(), usage);
    if (costHeader != null) {
      try {
        cost = OptionalDouble.of(Double.parseDouble(costHeader.trim()));
      } catch (NumberFormatException ignored) {
        // keep the table's answer
      }
    }
    return new ChatResponse(
        content,
        fr,
        truncated,
        usage,
        modelName(t, serverModel),
        t.provider(),
        Duration.ZERO,
        1,
        cost);
  }

  /** {@code provider/model} as the server names it, else as requested. */
  static String modelName(Target t, String serverModel) {
    return t.provider().prefix()
        + "/"
        + (serverModel == null || serverModel.isEmpty() ? t.model() : serverModel);
  }

  static StreamReader chatStream(Engine eng, Target t, ChatRequest req, Limits l, Instant now) {
    String endpoint = "/chat/completions";
    ErrorMapper.Ctx ctx = ctx(t, endpoint, true, now);
    Exchange ex =
        open("POST", t, t.apiBase() + endpoint, Json.write(chatBody(t, req, true)), l, true, ctx);
    boolean ok = false;
    try {
      // Check the status before parsing SSE: errors before the first chunk are plain responses.
      if (ex.status() >= 300 || ex.contentType().contains("application/json")) {
        String text = readOk(ex, ctx);
        // The server ignored stream:true and answered in one piece: present it as a stream.
        Map<String, Object> json = parseObject(ex.status(), text, ctx);
        if (json.get("error") != null) {
          throw ErrorMapper.fromStreamError(text, ctx, false);
        }
        ChatResponse r =
            parseChat(
                eng,
                t,
                new Reply(json, null, ex.status()),
                req.sampling().maxTokens(),
                endpoint,
                now);
        ok = true;
        return StreamReader.ofComplete(r, ctx, t);
      }
      StreamReader reader =
          new StreamReader(
              ex,
              ctx,
              t,
              req.sampling().maxTokens(),
              TokenEstimator.estimate(req.messages()),
              eng.prices,
              ex.header("x-litellm-response-cost"));
      reader.prime();
      ok = true;
      return reader;
    } finally {
      if (!ok) {
        ex.close();
      }
    }
  }

  static ChatResponse completion(
      Engine eng, Target t, CompletionRequest req, Limits l, Instant now) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("model", t.model());
    body.put("prompt", req.prompt());
    req.sampling().writeTo(body);
    try {
      Reply r = post(t, "/completions", body, l, now);
      return parseChat(eng, t, r, req.sampling().maxTokens(), "/completions", now);
    } catch (NotFoundException e) {
      if (t.provider() != Provider.LLAMAFILE) {
        throw e;
      }
      // llamafile 0.9.x has no /v1/completions, only the native /completion: use that.
      return nativeCompletion(eng, t, req, l, now, e);
    }
  }

  private static ChatResponse nativeCompletion(
      Engine eng, Target t, CompletionRequest req, Limits l, Instant now, NotFoundException first) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("prompt", req.prompt());
    Sampling s = req.sampling();
    s.writeTo(body, "n_predict");
    String endpoint = "/completion";
    Reply r;
    try {
      r = send("POST", t, ApiBase.root(t.apiBase()) + endpoint, endpoint, Json.write(body), l, now);
    } catch (NotFoundException e2) {
      throw first;
    }
    Map<String, Object> j = r.json();
    String content = Json.str(j.get("content"));
    int predicted = Math.max(0, Json.integer(j.get("tokens_predicted")));
    int evaluated = Math.max(0, Json.integer(j.get("tokens_evaluated")));
    boolean limit = Boolean.TRUE.equals(j.get("stopped_limit"));
    return response(
        eng.prices,
        t,
        content == null ? "" : content,
        limit ? "length" : "stop",
        new Usage(evaluated, predicted, evaluated + predicted),
        Json.str(j.get("model")),
        s.maxTokens(),
        null);
  }

  static EmbeddingResponse embedding(
      Engine eng, Target t, EmbeddingRequest req, Limits l, Instant now) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("model", t.model());
    body.put("input", req.input());
    body.putAll(req.extra());
    Reply r = post(t, "/embeddings", body, l, now);
    List<Object> data = Json.list(r.json().get("data"));
    if (data == null) {
      throw ErrorMapper.malformed(
          r.status(), Json.write(r.json()), ctx(t, "/embeddings", false, now), null);
    }
    List<Map<String, Object>> items = new ArrayList<>();
    for (Object o : data) {
      Map<String, Object> m = Json.map(o);
      if (m != null) {
        items.add(m);
      }
    }
    items.sort(Comparator.comparingInt(m -> Json.integer(m.get("index"))));
    List<double[]> vectors = new ArrayList<>();
    for (Map<String, Object> m : items) {
      List<Object> v = Json.list(m.get("embedding"));
      if (v == null) {
        throw ErrorMapper.malformed(
            r.status(), Json.write(r.json()), ctx(t, "/embeddings", false, now), null);
      }
      double[] arr = new double[v.size()];
      for (int i = 0; i < arr.length; i++) {
        arr[i] = v.get(i) instanceof Number n ? n.doubleValue() : 0.0;
      }
      vectors.add(arr);
    }
    Usage u = StreamReader.parseUsage(r.json().get("usage"));
    String sm = Json.str(r.json().get("model"));
    return new EmbeddingResponse(
        vectors, u == null ? Usage.none() : u, modelName(t, sm), t.provider(), Duration.ZERO, 1);
  }

  /** GET helper for the probe: returns the parsed JSON reply or throws a mapped exception. */
  static Map<String, Object> get(Target t, String url, String endpoint, Limits l, Instant now) {
    return send("GET", t, url, endpoint, null, l, now).json();
  }

  static Map<String, Object> postJson(
      Target t, String url, String endpoint, Object body, Limits l, Instant now) {
    return send("POST", t, url, endpoint, Json.write(body), l, now).json();
  }
}
