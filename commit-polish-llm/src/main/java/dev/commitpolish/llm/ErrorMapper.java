package dev.commitpolish.llm;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place where failures become exceptions. Rules follow LiteLLM's OpenAI-compatible branch
 * (text rules first, then the status table, then "no response" → connection error), with these
 * deliberate differences, each documented in docs/llm-client.md:
 *
 * <ul>
 *   <li>the context-window rule runs before the rate-limit rule, so "request (429 tokens) exceeds
 *       the available context size" is not mistaken for a 429;
 *   <li>connection refused / DNS / reset are {@link ApiConnectionException} (status 0), not
 *       LiteLLM's "InternalServerError: Connection error." with a fake 500;
 *   <li>403 is {@link PermissionDeniedException}, 422 {@link UnprocessableEntityException}, 502
 *       {@link BadGatewayException} (LiteLLM's OpenAI branch reports APIError / BadRequest);
 *   <li>text/plain bodies (llamafile) become the server message instead of being lost;
 *   <li>501 Not Implemented and llamafile 0.9's permanent "503 Service Unavailable" on embeddings
 *       are not retried, and neither is a non-streaming request the client timed out (llamafile
 *       keeps computing it, so a retry only queues behind the first run).
 * </ul>
 */
final class ErrorMapper {
  private ErrorMapper() {}

  /**
   * Where the failing request went.
   *
   * @param delivered whether text already reached the caller: then no error is retryable, since
   *     repeating the request would deliver that text twice
   */
  record Ctx(Target target, String endpoint, boolean streaming, Instant now, boolean delivered) {
    Ctx(Target target, String endpoint, boolean streaming, Instant now) {
      this(target, endpoint, streaming, now, false);
    }

    /** This context once text has reached the caller. */
    Ctx afterDelivery() {
      return new Ctx(target, endpoint, streaming, now, true);
    }

    String provider() {
      return target == null ? "" : target.provider().prefix();
    }

    String model() {
      return target == null ? "" : target.label();
    }

    String base() {
      return target == null ? "" : target.redactedBase();
    }

    String envKey() {
      return target == null ? "the provider's *_API_KEY" : target.provider().apiKeyEnv();
    }
  }

  private static final Pattern RATE_429 = Pattern.compile("\\b429\\b");
  private static final Pattern RATE_WORDS = Pattern.compile("rate[\\s_\\-]*limit");
  private static final Pattern CTX_NUMBERS =
      Pattern.compile(
          "\\((\\d+) tokens\\) (?:exceeds the available context size|is larger than the max"
              + " context size) \\((\\d+) tokens\\)");
  private static final String[] CONTEXT_PHRASES = {
    "exceed context limit",
    "this model's maximum context length is",
    "string too long. expected a string with maximum length",
    "model's maximum context limit",
    "is longer than the model's context length",
    "input tokens exceed the configured limit",
    "`inputs` tokens + `max_new_tokens` must be",
    "exceeds the available context size",
    "exceeds the maximum number of tokens allowed",
    "exceed_context_size_error",
    "is larger than the max context size",
    "out_of_context_due_to_long_message",
    "context size has been exceeded",
  };
  private static final String[] TIMEOUT_PHRASES = {
    "request timeout error",
    "request timed out",
    "timed out generating response",
    "the read operation timed out",
    "a timeout occurred",
  };
  private static final String[] POLICY_PHRASES = {
    "content_policy_violation",
    "request was rejected as a result of the safety system",
    "your request was rejected as a result of our safety system",
    "responsibleaipolicyviolation",
    "content_filter_policy",
  };

  /** Parsed error body: the server's words plus the structured bits llama.cpp adds. */
  record Body(String message, String type, String code, int promptTokens, int contextSize) {}

  /** Extracts the server's message from a JSON envelope or a plain-text body. */
  static Body parseBody(String raw) {
    String text = raw == null ? "" : raw.strip();
    Map<String, Object> json = Json.parseObjectOrNull(text);
    if (json != null) {
      Object err = json.get("error");
      Map<String, Object> em = Json.map(err);
      if (em != null) {
        String msg = Json.str(em.get("message"));
        if (msg == null) {
          msg = Json.str(em.get("content")); // llamafile's `error: {"content": ...}`
        }
        return new Body(
            msg == null ? text : msg,
            nz(Json.str(em.get("type"))),
            nz(Json.str(em.get("code"))),
            Json.integer(em.get("n_prompt_tokens")),
            Json.integer(em.get("n_ctx")));
      }
      if (err instanceof String s) {
        return new Body(s, "", "", -1, -1);
      }
      for (String k : new String[] {"message", "detail", "content"}) {
        if (json.get(k) != null) {
          return new Body(Json.str(json.get(k)), nz(Json.str(json.get("type"))), "", -1, -1);
        }
      }
      return new Body(text, "", "", -1, -1);
    }
    return new Body(text.length() > 2000 ? text.substring(0, 2000) + "…" : text, "", "", -1, -1);
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  /** Maps an HTTP error response (status ≥ 400, or an error event inside a 200 stream). */
  static LlmException fromResponse(
      int status, String body, Function<String, String> headers, Ctx ctx) {
    Body b = parseBody(body);
    String msg = redact(b.message(), ctx);
    Duration retryAfter =
        headers == null ? null : retryAfter(headers.apply("Retry-After"), ctx.now);
    ErrorInfo info =
        new ErrorInfo(
            status,
            msg,
            ctx.provider(),
            ctx.model(),
            ctx.base(),
            shouldRetry(status),
            retryAfter,
            b.promptTokens(),
            b.contextSize());
    String lower = (b.type() + " " + b.code() + " " + b.message()).toLowerCase(Locale.ROOT);

    // 1. Text rules, in LiteLLM's order except that context-window beats rate-limit.
    if (containsAny(lower, TIMEOUT_PHRASES)) {
      return build(RequestTimeoutException::new, "timeout", info.withRetryable(true), ctx, b, null);
    }
    if (isContextWindow(lower)) {
      int prompt = b.promptTokens();
      int nctx = b.contextSize();
      Matcher m = CTX_NUMBERS.matcher(b.message());
      if (m.find()) {
        prompt = prompt < 0 ? Integer.parseInt(m.group(1)) : prompt;
        nctx = nctx < 0 ? Integer.parseInt(m.group(2)) : nctx;
      }
      return build(
          ContextWindowExceededException::new,
          "context",
          info.withContext(prompt, nctx).withRetryable(false),
          ctx,
          b,
          null);
    }
    if (RATE_429.matcher(lower).find()
        || RATE_WORDS.matcher(lower).find()
        || lower.contains("service tier capacity exceeded")
        || lower.contains("request too large")) {
      return build(RateLimitException::new, "rate", info.withRetryable(true), ctx, b, null);
    }
    if (lower.contains("invalid_request_error") && lower.contains("model_not_found")) {
      return build(NotFoundException::new, "notfound", info.withRetryable(false), ctx, b, null);
    }
    if (containsAny(lower, POLICY_PHRASES)
        || (lower.contains("invalid prompt") && lower.contains("violating our usage policy"))) {
      return build(
          ContentPolicyViolationException::new, "policy", info.withRetryable(false), ctx, b, null);
    }
    if (lower.contains("invalid_request_error")
        && !lower.contains("incorrect api key provided")
        && (status == 400 || status >= 500)) {
      // The server says the request is invalid even if its status claims a server fault (llama.cpp
      // reports some validation errors as 500): retrying cannot help.
      return build(BadRequestException::new, "bad", info.withRetryable(false), ctx, b, null);
    }
    if (lower.contains("the api_key client option must be set")) {
      return build(AuthenticationException::new, "auth", info.withRetryable(false), ctx, b, null);
    }
    // 2. Status table.
    switch (status) {
      case 400:
        return build(BadRequestException::new, "bad", info, ctx, b, null);
      case 401:
        return build(AuthenticationException::new, "auth", info, ctx, b, null);
      case 403:
        return build(PermissionDeniedException::new, "forbidden", info, ctx, b, null);
      case 404:
        return build(NotFoundException::new, "notfound", info, ctx, b, null);
      case 408:
        return build(RequestTimeoutException::new, "timeout", info, ctx, b, null);
      case 422:
        return build(UnprocessableEntityException::new, "unprocessable", info, ctx, b, null);
      case 429:
        return build(RateLimitException::new, "rate", info, ctx, b, null);
      case 500:
        return build(InternalServerException::new, "internal", info, ctx, b, null);
      case 502:
        return build(BadGatewayException::new, "gateway", info, ctx, b, null);
      case 503:
        boolean permanent =
            ctx.target() != null
                && ctx.target().provider() == Provider.LLAMAFILE
                && ctx.endpoint().endsWith("embeddings")
                && b.message().trim().equalsIgnoreCase("Service Unavailable");
        return build(
            ServiceUnavailableException::new,
            permanent ? "noembeddings" : "unavailable",
            info.withRetryable(!permanent),
            ctx,
            b,
            null);
      case 504:
        return build(RequestTimeoutException::new, "timeout", info, ctx, b, null);
      default:
        return build(
            ApiException::new,
            "other",
            info.withRetryable(status != 501 && shouldRetry(status)),
            ctx,
            b,
            null);
    }
  }

  /**
   * An error object delivered with a 2xx status: inside a stream ({@code data: {"error":...}} or
   * {@code error: ...}), or as a whole body. Its {@code code} gives the status to map.
   */
  static LlmException fromStreamError(String json, Ctx ctx, boolean delivered) {
    Map<String, Object> m = Json.parseObjectOrNull(json);
    Object codeObj = m == null ? null : Json.path(m, "error", "code");
    int code = Json.integer(codeObj);
    int status = code >= 400 && code < 600 ? code : 500;
    return fromResponse(status, json, null, delivered ? ctx.afterDelivery() : ctx);
  }

  /** A 2xx whose body is not the JSON we need. Retryable: usually a cut-off response. */
  static LlmException malformed(int status, String body, Ctx ctx, Throwable cause) {
    String snippet = body == null ? "" : body.strip();
    if (snippet.length() > 200) {
      snippet = snippet.substring(0, 200) + "…";
    }
    ErrorInfo info =
        new ErrorInfo(status, snippet, ctx.provider(), ctx.model(), ctx.base(), true, null, -1, -1);
    return new ApiException(
        prefix(ctx)
            + "HTTP "
            + status
            + " but the body is not a valid OpenAI-style response: "
            + (snippet.isEmpty() ? "(empty)" : "'" + snippet + "'")
            + where(ctx),
        info,
        cause);
  }

  /**
   * Maps a failure without an HTTP response.
   *
   * @param guard the attempt's guard, whose reason (if it fired) explains a closed socket
   * @param delivered whether streamed text already reached the caller
   */
  static LlmException fromIo(IOException e, Guard guard, Ctx ctx, boolean delivered) {
    String reason = guard == null ? null : guard.reason();
    ErrorInfo base =
        new ErrorInfo(0, "", ctx.provider(), ctx.model(), ctx.base(), true, null, -1, -1);
    if (reason != null) {
      boolean retry = !guard.deadlineFired() && ctx.streaming() && !delivered;
      return new RequestTimeoutException(
          prefix(ctx) + "Timed out: " + reason + "." + where(ctx), base.withRetryable(retry), e);
    }
    if (e instanceof SocketTimeoutException) {
      boolean connect = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("connect");
      boolean retry = connect || (ctx.streaming() && !delivered);
      return new RequestTimeoutException(
          prefix(ctx)
              + (connect ? "Connect timed out" : "Read timed out")
              + " ("
              + e.getMessage()
              + ")."
              + (connect
                  ? ""
                  : " A CPU server may need longer for a large prompt: raise the request timeout or shrink the prompt.")
              + where(ctx),
          base.withRetryable(retry),
          e);
    }
    if (e instanceof InterruptedIOException) {
      return new ApiConnectionException(
          prefix(ctx) + "Interrupted." + where(ctx), base.withRetryable(false), e);
    }
    String what;
    if (e instanceof ConnectException) {
      what = "Connection refused";
    } else if (e instanceof UnknownHostException) {
      what = "Unknown host '" + e.getMessage() + "'";
    } else if (e instanceof NoRouteToHostException) {
      what = "No route to host";
    } else if (e instanceof EOFException) {
      what = "The connection closed early (" + e.getMessage() + ")";
    } else {
      what = "Connection error (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")";
    }
    StringBuilder hint = new StringBuilder();
    if (e instanceof ConnectException && ctx.target() != null) {
      Target t = ctx.target();
      hint.append(" Is the server running at ").append(t.redactedBase()).append('?');
      if (t.provider() == Provider.LLAMAFILE) {
        hint.append(
            " Start it with: llamafile --server --nobrowser -m model.gguf --port "
                + portOf(t.apiBase())
                + " (a loading llamafile also refuses connections until the model is loaded).");
      }
      for (ApiBaseProblem w : t.warnings()) {
        hint.append(' ').append(w.message()).append(" Fix: ").append(w.fix()).append('.');
      }
    }
    return new ApiConnectionException(
        prefix(ctx) + what + "." + hint + where(ctx), base.withRetryable(!delivered), e);
  }

  /** LiteLLM's {@code _should_retry}: 408, 409, 429 and every status ≥ 500. */
  static boolean shouldRetry(int status) {
    return status == 408 || status == 409 || status == 429 || status >= 500;
  }

  /** Parses Retry-After as seconds or an HTTP-date; null when absent, invalid or not positive. */
  static Duration retryAfter(String value, Instant now) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.trim();
    try {
      double secs = Double.parseDouble(v);
      return secs > 0 && secs < 1e9 ? Duration.ofMillis((long) (secs * 1000)) : null;
    } catch (NumberFormatException ignored) {
      // not a number: try an HTTP-date
    }
    try {
      Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration d = Duration.between(now, at);
      return d.isNegative() || d.isZero() ? null : d;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static boolean isContextWindow(String lower) {
    if (lower.contains("string_above_max_length")
        || (lower.contains("invalid 'user'") && lower.contains("string too long"))) {
      return false; // parameter validation, not context overflow (LiteLLM's exclusions)
    }
    return containsAny(lower, CONTEXT_PHRASES)
        || (lower.contains("current length is") && lower.contains("while limit is"));
  }

  private static boolean containsAny(String s, String[] needles) {
    for (String n : needles) {
      if (s.contains(n)) {
        return true;
      }
    }
    return false;
  }

  @FunctionalInterface
  private interface Ctor {
    LlmException make(String message, ErrorInfo info, Throwable cause);
  }

  private static LlmException build(
      Ctor ctor, String kind, ErrorInfo info, Ctx ctx, Body b, Throwable cause) {
    if (ctx.delivered()) {
      info = info.withRetryable(false);
    }
    StringBuilder sb = new StringBuilder(prefix(ctx));
    if (info.status() > 0) {
      sb.append("HTTP ").append(info.status());
    }
    if (!info.serverMessage().isEmpty()) {
      sb.append(info.status() > 0 ? ": " : "").append(info.serverMessage());
    }
    sb.append('.');
    sb.append(hint(kind, info, ctx));
    sb.append(where(ctx));
    return ctor.make(sb.toString(), info, cause);
  }

  private static String hint(String kind, ErrorInfo info, Ctx ctx) {
    String prov = ctx.target() == null ? null : ctx.target().provider().prefix();
    switch (kind) {
      case "auth":
        return " The server wants an API key (started with --api-key?): set "
            + ctx.envKey()
            + " or pass api_key.";
      case "notfound":
        if ("llamafile".equals(prov)
            && ctx.endpoint().endsWith("/completions")
            && !ctx.endpoint().endsWith("chat/completions")) {
          return " llamafile 0.9.x has no /v1/completions; use chat completion.";
        }
        return " Check the model name and that api_base ends in /v1 (" + ctx.base() + ").";
      case "context":
        return info.promptTokens() >= 0 && info.contextSize() >= 0
            ? " The prompt has "
                + info.promptTokens()
                + " tokens but the server's context is "
                + info.contextSize()
                + ": shrink the prompt or restart the server with a larger -c."
            : " Shrink the prompt or restart the server with a larger context (-c).";
      case "unavailable":
        return " The server is not ready (still loading the model?); retry shortly.";
      case "noembeddings":
        return " llamafile 0.9.x's server does not serve embeddings; run llamafile --server --v2"
            + " or llama.cpp with --embeddings.";
      case "rate":
        return info.retryAfter() == null
            ? " Slow down."
            : " The server asks to retry after " + info.retryAfter().toMillis() / 1000.0 + " s.";
      default:
        return "";
    }
  }

  private static String prefix(Ctx ctx) {
    return ctx.target() == null ? "" : ctx.provider() + ": ";
  }

  private static String where(Ctx ctx) {
    return ctx.target() == null ? "" : " [model " + ctx.model() + ", api_base " + ctx.base() + "]";
  }

  private static String redact(String msg, Ctx ctx) {
    if (ctx.target() == null || msg == null) {
      return msg;
    }
    String key = ctx.target().apiKey();
    if (key != null && key.length() >= 4 && !key.equals(Target.FAKE_KEY)) {
      return msg.replace(key, "***");
    }
    return msg;
  }

  private static int portOf(String url) {
    try {
      int p = java.net.URI.create(url).getPort();
      return p < 0 ? 8080 : p;
    } catch (IllegalArgumentException e) {
      return 8080;
    }
  }
}
