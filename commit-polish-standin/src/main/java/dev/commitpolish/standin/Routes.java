package dev.commitpolish.standin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

/** Dispatches requests per profile and renders the servers' exact responses. */
final class Routes {

  static final String TEXT = "text/plain; charset=utf-8";
  static final String JSON_TYPE = "application/json; charset=utf-8";
  static final String SSE = "text/event-stream";
  static final String FINGERPRINT = "b7062-9b17d74ab";
  private static final String ALNUM =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  private final StandInServer server;
  private final boolean lf;

  Routes(StandInServer server) {
    this.server = server;
    this.lf = server.config.profile.isLlamafile();
  }

  void handle(Exchange ex) throws IOException {
    var rec =
        new RecordedRequest(ex.method, ex.path, ex.query, ex.headers, ex.bodyText(), Instant.now());
    server.record(rec);
    if (server.config.log != null) {
      server.config.log.println("request: " + ex.method + " " + ex.path);
    }
    Fault fault = server.pollFault(ex.path);
    if (fault != null) {
      switch (fault.kind) {
        case DELAY:
          sleep(fault.delay.toMillis());
          fault = null;
          break;
        case LOADING:
          if (lf) {
            ex.drop(false);
          } else {
            loadingError(ex);
          }
          return;
        case STATUS:
          statusFault(ex, fault);
          return;
        case RAW:
          ex.send(fault.status, fault.contentType, fault.message);
          return;
        case DROP_CONNECTION:
          ex.drop(true);
          return;
        case EMPTY_REPLY:
          ex.drop(false);
          return;
        default:
          break; // body-level faults are applied by the route
      }
    }
    if (ex.method.equals("OPTIONS")) {
      ex.send(
          200,
          TEXT,
          new byte[0],
          Map.of(
              "Access-Control-Allow-Methods", "GET, POST",
              "Access-Control-Allow-Headers", "*"));
      return;
    }
    if (!authorized(ex)) {
      if (lf) {
        ex.send(401, TEXT, "Unauthorized");
      } else {
        ex.send(
            401,
            JSON_TYPE,
            Json.write(
                Json.obj(
                    "error",
                    Json.obj(
                        "message",
                        "Invalid API Key",
                        "type",
                        "authentication_error",
                        "code",
                        401))));
      }
      return;
    }
    if (!lf && server.isLoading()) {
      loadingError(ex);
      return;
    }
    boolean get = ex.method.equals("GET");
    boolean post = ex.method.equals("POST");
    String p = ex.path;
    if (get && (p.equals("/health") || (!lf && p.equals("/v1/health")))) {
      health(ex, fault);
    } else if (get && (p.equals("/v1/models") || (!lf && p.equals("/models")))) {
      simple(ex, fault, Json.write(models()));
    } else if (get && p.equals("/props")) {
      simple(ex, fault, Json.write(props()));
    } else if (get && p.equals("/slots")) {
      simple(ex, fault, Json.write(slots()));
    } else if (post && p.equals("/tokenize")) {
      tokenize(ex, fault);
    } else if (post && p.equals("/detokenize")) {
      detokenize(ex, fault);
    } else if (post && p.equals("/v1/chat/completions")
        || (!lf && post && p.equals("/chat/completions"))) {
      completion(ex, fault, rec, Kind.CHAT);
    } else if (post && p.equals("/completion")) {
      completion(ex, fault, rec, Kind.NATIVE);
    } else if (!lf && post && (p.equals("/v1/completions") || p.equals("/completions"))) {
      completion(ex, fault, rec, Kind.TEXT);
    } else if (post
        && (p.equals("/embedding")
            || p.equals("/v1/embeddings")
            || (!lf && p.equals("/embeddings")))) {
      if (lf) {
        // llamafile 0.9's legacy server hard-wires embeddings to 503 (reference §5).
        ex.send(503, TEXT, "Service Unavailable");
      } else {
        embeddings(ex, fault);
      }
    } else if (!lf && get && p.equals("/metrics")) {
      cppError(ex, 501, "not_supported_error", "This server does not support metrics endpoint.");
    } else if (get && p.equals("/")) {
      ex.send(200, "text/html", "<!doctype html><title>llama.cpp stand-in</title>");
    } else {
      notFound(ex);
    }
  }

  // ---------------------------------------------------------------- errors

  private void notFound(Exchange ex) throws IOException {
    if (lf) {
      ex.send(404, TEXT, "File Not Found");
    } else {
      ex.send(
          404,
          JSON_TYPE,
          Json.write(
              Json.obj(
                  "error",
                  Json.obj("message", "File Not Found", "type", "not_found_error", "code", 404))));
    }
  }

  private void loadingError(Exchange ex) throws IOException {
    ex.send(
        503,
        JSON_TYPE,
        Json.write(
            Json.obj(
                "error",
                Json.obj("message", "Loading model", "type", "unavailable_error", "code", 503))));
  }

  private void cppError(Exchange ex, int status, String type, String message) throws IOException {
    ex.send(status, JSON_TYPE, Json.write(envelope(status, type, message)));
  }

  private static Map<String, Object> envelope(int status, String type, String message) {
    return Json.obj("error", Json.obj("code", status, "message", message, "type", type));
  }

  static String cppType(int status) {
    switch (status) {
      case 400:
        return "invalid_request_error";
      case 401:
        return "authentication_error";
      case 403:
        return "permission_error";
      case 404:
        return "not_found_error";
      case 501:
        return "not_supported_error";
      case 503:
        return "unavailable_error";
      default:
        return status >= 500 ? "server_error" : "invalid_request_error";
    }
  }

  static String llamafileBody(int status) {
    switch (status) {
      case 400:
        return "Invalid request";
      case 401:
        return "Unauthorized";
      case 404:
        return "File Not Found";
      case 500:
        return "500 Internal Server Error\n";
      case 503:
        return "Service Unavailable";
      default:
        return Exchange.reason(status);
    }
  }

  private void statusFault(Exchange ex, Fault f) throws IOException {
    Map<String, String> headers =
        f.retryAfter == null ? Map.of() : Map.of("Retry-After", f.retryAfter);
    if (lf) {
      String body = f.message != null ? f.message : llamafileBody(f.status);
      ex.send(f.status, TEXT, body.getBytes(StandardCharsets.UTF_8), headers);
    } else {
      String message =
          f.message != null
              ? f.message
              : f.status == 404
                  ? "File Not Found"
                  : f.status == 401 ? "Invalid API Key" : Exchange.reason(f.status);
      ex.send(
          f.status,
          JSON_TYPE,
          Json.write(envelope(f.status, cppType(f.status), message))
              .getBytes(StandardCharsets.UTF_8),
          headers);
    }
  }

  /** Malformed request JSON: 500 in both servers (nlohmann parse exception text). */
  private void badJson(Exchange ex, String detail) throws IOException {
    String msg =
        detail.startsWith("[json.exception")
            ? detail
            : "[json.exception.parse_error.101] parse error at line 1, column 1: " + detail;
    if (lf) {
      ex.send(500, TEXT, "500 Internal Server Error\n" + msg);
    } else {
      cppError(ex, 500, "server_error", msg);
    }
  }

  private boolean authorized(Exchange ex) {
    String key = server.config.apiKey;
    if (key == null) {
      return true;
    }
    String p = ex.path;
    String auth = ex.header("authorization");
    if (lf) {
      // llamafile protects only the generation routes and wants exactly "Bearer <key>" (§9.3).
      boolean protectedRoute =
          p.equals("/completion") || p.equals("/v1/chat/completions") || p.equals("/infill");
      return !protectedRoute || ("Bearer " + key).equals(auth);
    }
    if (p.equals("/health")
        || p.equals("/v1/health")
        || p.equals("/models")
        || p.equals("/v1/models")
        || p.equals("/")) {
      return true;
    }
    if (auth != null) {
      String a = auth.startsWith("Bearer ") ? auth.substring(7) : auth;
      if (a.equals(key)) {
        return true;
      }
    }
    return key.equals(ex.header("x-api-key"));
  }

  // ---------------------------------------------------------------- simple endpoints

  /** Sends a JSON body, applying body-level faults. */
  void simple(Exchange ex, Fault f, String json) throws IOException {
    byte[] b = json.getBytes(StandardCharsets.UTF_8);
    if (f != null) {
      switch (f.kind) {
        case MALFORMED_JSON:
          ex.send(200, JSON_TYPE, json.substring(0, json.length() / 2));
          return;
        case EMPTY_BODY:
          ex.send(200, JSON_TYPE, "");
          return;
        case DROP_MID_STREAM:
          ex.sendTruncated(200, JSON_TYPE, b);
          return;
        case STREAM_ERROR:
          statusFault(ex, Fault.status(500, f.message));
          return;
        default:
          break;
      }
    }
    ex.send(200, JSON_TYPE, b, Map.of());
  }

  private void health(Exchange ex, Fault f) throws IOException {
    if (!lf) {
      simple(ex, f, Json.write(Json.obj("status", "ok")));
      return;
    }
    int busy = server.busySlots.get();
    int idle = Math.max(0, server.config.slots - busy);
    String status = idle == 0 ? "no slot available" : "ok";
    String body =
        Json.write(Json.sorted("status", status, "slots_idle", idle, "slots_processing", busy));
    if (idle == 0 && ex.query.contains("fail_on_no_slot")) {
      ex.send(503, JSON_TYPE, body);
      return;
    }
    simple(ex, f, body);
  }

  private Map<String, Object> models() {
    long now = Instant.now().getEpochSecond();
    String id = server.modelName();
    if (lf) {
      return Json.obj(
          "object",
          "list",
          "data",
          List.of(Json.obj("id", id, "object", "model", "created", now, "owned_by", "llamacpp")));
    }
    return Json.obj(
        "models",
        List.of(
            Json.obj(
                "name", id,
                "model", id,
                "modified_at", "",
                "size", "",
                "digest", "",
                "type", "model",
                "description", "",
                "tags", List.of(""),
                "capabilities", List.of("completion"),
                "parameters", "",
                "details",
                    Json.obj(
                        "parent_model", "",
                        "format", "gguf",
                        "family", "",
                        "families", List.of(""),
                        "parameter_size", "",
                        "quantization_level", ""))),
        "object",
        "list",
        "data",
        List.of(
            Json.obj(
                "id",
                id,
                "object",
                "model",
                "created",
                now,
                "owned_by",
                "llamacpp",
                "meta",
                Json.obj(
                    "vocab_type", 2,
                    "n_vocab", 262144,
                    "n_ctx_train", 131072,
                    "n_embd", 2560,
                    "n_params", 3_880_000_000L,
                    "size", 2_489_000_000L))));
  }

  private Map<String, Object> generationSettings() {
    var c = server.config;
    if (lf) {
      return Json.sorted(
          "n_ctx",
          c.nCtx,
          "n_predict",
          -1,
          "model",
          c.modelPath,
          "seed",
          4294967295L,
          "temperature",
          0.8,
          "top_k",
          40,
          "top_p",
          0.95,
          "min_p",
          0.05,
          "n_keep",
          0,
          "stream",
          false,
          "stop",
          List.of(),
          "cache_prompt",
          false);
    }
    return Json.obj(
        "id",
        0,
        "id_task",
        -1,
        "n_ctx",
        c.nCtx,
        "speculative",
        false,
        "is_processing",
        false,
        "params",
        Json.obj(
            "n_predict",
            -1,
            "seed",
            4294967295L,
            "temperature",
            0.8,
            "top_k",
            40,
            "top_p",
            0.95,
            "min_p",
            0.05,
            "n_keep",
            0,
            "stream",
            true,
            "stop",
            List.of(),
            "cache_prompt",
            true));
  }

  private Map<String, Object> props() {
    var c = server.config;
    if (lf) {
      return Json.sorted(
          "user_name",
          "User",
          "assistant_name",
          "Assistant",
          "default_generation_settings",
          generationSettings(),
          "total_slots",
          c.slots);
    }
    return Json.obj(
        "default_generation_settings",
        generationSettings(),
        "total_slots",
        c.slots,
        "model_alias",
        server.modelName(),
        "model_path",
        c.modelPath,
        "modalities",
        Json.obj("vision", false, "audio", false),
        "endpoint_slots",
        true,
        "endpoint_props",
        false,
        "endpoint_metrics",
        false,
        "webui",
        true,
        "chat_template",
        "{% for message in messages %}...{% endfor %}",
        "bos_token",
        "<bos>",
        "eos_token",
        "<eos>",
        "build_info",
        FINGERPRINT);
  }

  private List<Object> slots() {
    List<Object> out = new ArrayList<>();
    int busy = server.busySlots.get();
    for (int i = 0; i < server.config.slots; i++) {
      boolean processing = i < busy;
      if (lf) {
        Map<String, Object> s = generationSettings();
        s.put("id", i);
        s.put("task_id", -1);
        s.put("state", processing ? 1 : 0);
        s.put("prompt", "");
        s.put("next_token", Json.sorted("n_remain", -1, "n_decoded", 0, "has_next_token", true));
        out.add(s);
      } else {
        Map<String, Object> s = generationSettings();
        s.put("id", i);
        s.put("is_processing", processing);
        s.put("next_token", Json.obj("has_next_token", true, "n_remain", -1, "n_decoded", 0));
        out.add(s);
      }
    }
    return out;
  }

  private void tokenize(Exchange ex, Fault f) throws IOException {
    Map<String, Object> body;
    try {
      body = Json.parseObject(ex.bodyText());
    } catch (IOException e) {
      badJson(ex, e.getMessage());
      return;
    }
    Object content = body.get("content");
    String text = content == null ? "" : content.toString();
    List<Integer> ids = server.tokenizer().tokenize(text);
    Object tokens = ids;
    if (!lf && Boolean.TRUE.equals(body.get("with_pieces"))) {
      List<Object> pieces = new ArrayList<>();
      for (int id : ids) {
        pieces.add(Json.obj("id", id, "piece", server.tokenizer().piece(id)));
      }
      tokens = pieces;
    }
    simple(ex, f, Json.write(Json.obj("tokens", tokens)));
  }

  private void detokenize(Exchange ex, Fault f) throws IOException {
    Map<String, Object> body;
    try {
      body = Json.parseObject(ex.bodyText());
    } catch (IOException e) {
      badJson(ex, e.getMessage());
      return;
    }
    List<Integer> ids = new ArrayList<>();
    if (body.get("tokens") instanceof List) {
      for (Object o : (List<?>) body.get("tokens")) {
        if (o instanceof Number) {
          ids.add(((Number) o).intValue());
        }
      }
    }
    simple(ex, f, Json.write(Json.obj("content", server.tokenizer().detokenize(ids))));
  }

  private void embeddings(Exchange ex, Fault f) throws IOException {
    if (!server.config.embeddings) {
      cppError(
          ex,
          501,
          "not_supported_error",
          "This server does not support embeddings. Start it with `--embeddings`");
      return;
    }
    Map<String, Object> body;
    try {
      body = Json.parseObject(ex.bodyText());
    } catch (IOException e) {
      badJson(ex, e.getMessage());
      return;
    }
    Object input = body.containsKey("input") ? body.get("input") : body.get("content");
    List<String> inputs = new ArrayList<>();
    if (input instanceof String) {
      inputs.add((String) input);
    } else if (input instanceof List) {
      for (Object o : (List<?>) input) {
        inputs.add(String.valueOf(o));
      }
    } else {
      cppError(ex, 400, "invalid_request_error", "\"input\" must be provided");
      return;
    }
    if (inputs.isEmpty() || inputs.stream().anyMatch(String::isEmpty)) {
      cppError(ex, 400, "invalid_request_error", "Input content cannot be empty");
      return;
    }
    int total = 0;
    List<Object> data = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      int n = server.tokenizer().count(inputs.get(i));
      if (n > server.config.nCtx) {
        Map<String, Object> err =
            envelope(
                400,
                "exceed_context_size_error",
                "input ("
                    + n
                    + " tokens) is larger than the max context size ("
                    + server.config.nCtx
                    + " tokens). skipping");
        @SuppressWarnings("unchecked")
        Map<String, Object> inner = (Map<String, Object>) err.get("error");
        inner.put("n_prompt_tokens", n);
        inner.put("n_ctx", server.config.nCtx);
        ex.send(400, JSON_TYPE, Json.write(err));
        return;
      }
      total += n;
      data.add(Json.obj("embedding", vector(inputs.get(i)), "index", i, "object", "embedding"));
    }
    simple(
        ex,
        f,
        Json.write(
            Json.obj(
                "model",
                server.modelName(),
                "object",
                "list",
                "usage",
                Json.obj("prompt_tokens", total, "total_tokens", total),
                "data",
                data)));
  }

  /** A deterministic unit vector derived from the text (same text → same vector). */
  private List<Double> vector(String text) {
    var r = new Random(text.hashCode() * 31L + text.length());
    int n = server.config.embeddingDimensions;
    double[] v = new double[n];
    double norm = 0;
    for (int i = 0; i < n; i++) {
      v[i] = r.nextGaussian();
      norm += v[i] * v[i];
    }
    norm = Math.sqrt(norm);
    List<Double> out = new ArrayList<>(n);
    for (double x : v) {
      out.add(norm == 0 ? 0.0 : x / norm);
    }
    return out;
  }

  // ---------------------------------------------------------------- completions

  enum Kind {
    CHAT,
    NATIVE,
    TEXT
  }

  private void completion(Exchange ex, Fault f, RecordedRequest rec, Kind kind) throws IOException {
    Map<String, Object> body;
    try {
      body = Json.parseObject(ex.bodyText());
    } catch (IOException e) {
      badJson(ex, e.getMessage());
      return;
    }
    Request req = Request.parse(body, kind, lf);
    if (req.error != null) {
      if (lf) {
        ex.send(
            req.errorStatus,
            TEXT,
            req.errorStatus == 500 ? "500 Internal Server Error\n" + req.error : req.error);
      } else {
        cppError(ex, req.errorStatus, cppType(req.errorStatus), req.error);
      }
      return;
    }
    Tokenizer tok = server.tokenizer();
    List<Integer> promptIds = tok.tokenize(req.prompt);
    int nCtx = server.config.nCtx;
    String prompt = req.prompt;
    boolean truncated = false;
    if (promptIds.size() >= nCtx) {
      if (!lf) {
        Map<String, Object> err =
            envelope(
                400,
                "exceed_context_size_error",
                "request ("
                    + promptIds.size()
                    + " tokens) exceeds the available context size ("
                    + nCtx
                    + " tokens), try increasing it");
        @SuppressWarnings("unchecked")
        Map<String, Object> inner = (Map<String, Object>) err.get("error");
        inner.put("n_prompt_tokens", promptIds.size());
        inner.put("n_ctx", nCtx);
        ex.send(400, JSON_TYPE, Json.write(err));
        return;
      }
      // llamafile server.cpp:1826-1849 with n_keep = 0: drop whole blocks of n_ctx/2 tokens from
      // the front and keep the tail, silently.
      int block = nCtx / 2;
      int erased = (promptIds.size() - block) / block;
      promptIds = promptIds.subList(erased * block, promptIds.size());
      prompt = tok.detokenize(promptIds);
      truncated = true;
    }
    server.recordPrompt(prompt);
    String reply = server.nextReply(rec);
    Generation gen =
        Generation.plan(
            tok,
            reply,
            req.stops,
            req.maxTokens,
            lf ? -1 : Math.max(0, nCtx - promptIds.size()),
            promptIds.size(),
            truncated);
    String model = lf && kind == Kind.CHAT ? req.model : server.modelName();
    var writer = new CompletionWriter(server, this, ex, f, gen, req, kind, model, lf);
    try {
      server.acquireSlot();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ex.drop(true);
      return;
    }
    try {
      writer.run();
    } finally {
      server.releaseSlot();
    }
  }

  static void sleep(long millis) {
    if (millis <= 0) {
      return;
    }
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static String randomId() {
    var r = ThreadLocalRandom.current();
    var sb = new StringBuilder("chatcmpl-");
    for (int i = 0; i < 32; i++) {
      sb.append(ALNUM.charAt(r.nextInt(ALNUM.length())));
    }
    return sb.toString();
  }
}
