package dev.commitpolish.llm;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;

/**
 * Turns an open SSE response into {@link ChatChunk}s and accumulates the final {@link
 * ChatResponse}. Absorbs both dialects: llama.cpp (role chunk with null content, usage chunk with
 * empty choices, {@code [DONE]}) and llamafile 0.9 (no role chunk, a new id per chunk, no usage, no
 * {@code [DONE]}, end at EOF, sometimes no finish_reason at all).
 */
final class StreamReader implements AutoCloseable {
  private final Exchange exchange;
  private final SseParser parser;
  private final ErrorMapper.Ctx ctx;
  private final Target target;
  private final Integer maxTokens;
  private final int promptEstimate;
  private final PriceTable prices;
  private final String costHeader;
  private final ArrayDeque<ChatChunk> pending = new ArrayDeque<>();
  private final StringBuilder text = new StringBuilder();
  private String finish;
  private String serverModel;
  private Usage serverUsage;
  private int contentChunks;
  private int parsed;
  private boolean ended;
  private boolean delivered;
  private boolean closed;
  private long startNanos = System.nanoTime();
  private int attempts = 1;
  private ChatResponse response;

  StreamReader(
      Exchange exchange,
      ErrorMapper.Ctx ctx,
      Target target,
      Integer maxTokens,
      int promptEstimate,
      PriceTable prices,
      String costHeader) {
    this.exchange = exchange;
    this.ctx = ctx;
    this.target = target;
    this.maxTokens = maxTokens;
    this.promptEstimate = promptEstimate;
    this.prices = prices;
    this.costHeader = costHeader;
    SseParser p = null;
    if (exchange != null) {
      try {
        p = new SseParser(new InputStreamReader(exchange.body(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw ErrorMapper.fromIo(e, exchange.guard(), ctx, false);
      }
    }
    this.parser = p;
  }

  /** A reader over an already complete (non-streamed) answer, for servers that ignore stream. */
  static StreamReader ofComplete(ChatResponse r, ErrorMapper.Ctx ctx, Target target) {
    StreamReader s = new StreamReader(null, ctx, target, null, 0, PriceTable.empty(), null);
    s.pending.add(new ChatChunk(r.content(), null));
    s.pending.add(new ChatChunk("", r.finishReason()));
    s.ended = true;
    s.response = r;
    s.text.append(r.content());
    return s;
  }

  void call(long startNanos, int attempts) {
    this.startNanos = startNanos;
    this.attempts = attempts;
  }

  /**
   * Reads ahead until the first text (or the end) so that failures before any text reached the
   * caller happen inside the retry loop, where they can still be retried.
   */
  void prime() {
    while (!ended
        && pending.stream().allMatch(c -> c.delta().isEmpty() && c.finishReason() == null)) {
      readEvent();
    }
  }

  /** The next chunk, or null at the end. */
  ChatChunk next() {
    while (pending.isEmpty() && !ended) {
      readEvent();
    }
    ChatChunk c = pending.poll();
    if (c != null && !c.delta().isEmpty()) {
      delivered = true;
    }
    if (c == null) {
      finishUp();
    }
    return c;
  }

  String textSoFar() {
    return text.toString();
  }

  ChatResponse response() {
    while (next() != null) {
      // drain
    }
    return response;
  }

  private void readEvent() {
    SseParser.Event ev;
    try {
      exchange.guard().waiting(true);
      ev = parser.next();
      exchange.guard().waiting(false);
    } catch (IOException e) {
      ended = true;
      closeQuietly();
      throw ErrorMapper.fromIo(e, exchange.guard(), ctx, delivered || hasText());
    }
    exchange.guard().progress(hasText());
    if (ev == null || ev.kind() == SseParser.Kind.DONE) {
      ended = true;
      exchange.completed();
      if (parsed == 0) {
        // Not one chunk: a cut-off or garbled stream must not pass for an empty answer.
        closeQuietly();
        throw ErrorMapper.malformed(200, "stream ended without a single valid chunk", ctx, null);
      }
      return;
    }
    if (ev.kind() == SseParser.Kind.ERROR) {
      ended = true;
      closeQuietly();
      throw ErrorMapper.fromStreamError(ev.data(), ctx, delivered || hasText());
    }
    Map<String, Object> obj = Json.parseObjectOrNull(ev.data());
    if (obj == null && ev.data().indexOf('\n') >= 0) {
      // Several JSON objects without blank lines between them: take them one by one.
      for (String line : ev.data().split("\n")) {
        Map<String, Object> o = Json.parseObjectOrNull(line);
        if (o != null) {
          handle(o, line);
        }
      }
      return;
    }
    if (obj != null) {
      handle(obj, ev.data());
    }
    if (hasText()) {
      exchange.guard().progress(true);
    }
    // Non-JSON data lines are dropped, as LiteLLM does.
  }

  private boolean hasText() {
    return text.length() > 0;
  }

  private void handle(Map<String, Object> obj, String raw) {
    parsed++;
    if (obj.get("error") != null) {
      ended = true;
      closeQuietly();
      throw ErrorMapper.fromStreamError(raw, ctx, delivered || hasText());
    }
    String m = Json.str(obj.get("model"));
    if (m != null && !m.isEmpty()) {
      serverModel = m;
    }
    Usage u = parseUsage(obj.get("usage"));
    if (u != null) {
      serverUsage = u;
    }
    List<Object> choices = Json.list(obj.get("choices"));
    if (choices == null || choices.isEmpty()) {
      return;
    }
    Map<String, Object> c0 = Json.map(choices.get(0));
    if (c0 == null) {
      return;
    }
    String content = Json.str(Json.path(c0, "delta", "content"));
    if (content == null) {
      content = Json.str(c0.get("text")); // /completions streams
    }
    if (content == null) {
      content = "";
    }
    String fr = Json.str(c0.get("finish_reason"));
    if ("error".equals(fr)) {
      ended = true;
      closeQuietly();
      throw ErrorMapper.fromStreamError(
          "{\"error\":{\"message\":\""
              + target.provider().prefix()
              + " raised a streaming error - finish_reason: error\",\"code\":500}}",
          ctx,
          delivered || hasText());
    }
    if (!content.isEmpty()) {
      contentChunks++;
      text.append(content);
    }
    if (fr != null) {
      finish = fr;
    }
    if (!content.isEmpty() || fr != null || pending.isEmpty()) {
      pending.add(new ChatChunk(content, fr));
    }
  }

  static Usage parseUsage(Object o) {
    Map<String, Object> u = Json.map(o);
    if (u == null) {
      return null;
    }
    int p = Math.max(0, Json.integer(u.get("prompt_tokens")));
    int c = Math.max(0, Json.integer(u.get("completion_tokens")));
    int t = Json.integer(u.get("total_tokens"));
    return new Usage(p, c, t < 0 ? p + c : t);
  }

  private void finishUp() {
    if (response != null) {
      return;
    }
    closeQuietly();
    Usage usage =
        serverUsage != null
            ? serverUsage
            : new Usage(promptEstimate, contentChunks, promptEstimate + contentChunks, true);
    response =
        Calls.response(
                prices, target, text.toString(), finish, usage, serverModel, maxTokens, costHeader)
            .withCall(Duration.ofNanos(System.nanoTime() - startNanos), attempts);
  }

  private void closeQuietly() {
    if (!closed) {
      closed = true;
      if (exchange != null) {
        exchange.close();
      }
    }
  }

  @Override
  public void close() {
    closeQuietly();
  }
}
