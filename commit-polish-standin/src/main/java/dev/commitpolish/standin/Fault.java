package dev.commitpolish.standin;

import java.time.Duration;
import java.util.Objects;

/**
 * A misbehaviour the stand-in applies to one upcoming request, queued with {@link
 * StandInServer#enqueueFault(Fault)}. Error bodies follow the server's profile: a text/plain body
 * on {@link Profile#LLAMAFILE_0_9}, the JSON envelope {@code {"error":{code,message,type}}} on
 * {@link Profile#LLAMACPP}.
 */
public final class Fault {

  enum Kind {
    STATUS,
    RAW,
    LOADING,
    MALFORMED_JSON,
    DROP_CONNECTION,
    EMPTY_REPLY,
    EMPTY_BODY,
    DROP_MID_STREAM,
    STREAM_ERROR,
    DELAY
  }

  final Kind kind;
  final int status;
  final String message;
  final String contentType;
  final String retryAfter;
  final int afterChunks;
  final Duration delay;

  private Fault(
      Kind kind,
      int status,
      String message,
      String contentType,
      String retryAfter,
      int afterChunks,
      Duration delay) {
    this.kind = kind;
    this.status = status;
    this.message = message;
    this.contentType = contentType;
    this.retryAfter = retryAfter;
    this.afterChunks = afterChunks;
    this.delay = delay;
  }

  private static Fault of(Kind kind) {
    return new Fault(kind, 0, null, null, null, 0, Duration.ZERO);
  }

  private static int checkStatus(int status) {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("HTTP status must be 100..599, got " + status);
    }
    return status;
  }

  /**
   * An error response with {@code status} and the profile's usual body for it (llamafile: e.g.
   * {@code File Not Found}, {@code Unauthorized}, {@code 500 Internal Server Error}; llama.cpp: the
   * envelope with the type from reference §9.1).
   */
  public static Fault status(int status) {
    return new Fault(Kind.STATUS, checkStatus(status), null, null, null, 0, Duration.ZERO);
  }

  /**
   * An error response with {@code status} whose message (text body or envelope message) is given.
   */
  public static Fault status(int status, String message) {
    return new Fault(
        Kind.STATUS,
        checkStatus(status),
        Objects.requireNonNull(message, "message"),
        null,
        null,
        0,
        Duration.ZERO);
  }

  /** A response with exactly this status, content type and body, whatever the profile. */
  public static Fault raw(int status, String contentType, String body) {
    return new Fault(
        Kind.RAW,
        checkStatus(status),
        Objects.requireNonNull(body, "body"),
        Objects.requireNonNull(contentType, "contentType"),
        null,
        0,
        Duration.ZERO);
  }

  /**
   * The model is still loading. llama.cpp: 503 {@code {"error":{"message":"Loading model","type":
   * "unavailable_error","code":503}}}. llamafile has no such answer (its port is closed while
   * loading), so there the connection is closed before anything is read or sent.
   */
  public static Fault loading() {
    return of(Kind.LOADING);
  }

  /**
   * HTTP 200 with a truncated, unparsable JSON body; for a streaming request a {@code data:} line
   * with truncated JSON, after which the stream ends.
   */
  public static Fault malformedJson() {
    return of(Kind.MALFORMED_JSON);
  }

  /** Reads the request, then resets the TCP connection (RST) without sending a byte. */
  public static Fault dropConnection() {
    return of(Kind.DROP_CONNECTION);
  }

  /**
   * Reads the request, then closes the connection cleanly without sending a byte (curl's "Empty
   * reply from server").
   */
  public static Fault emptyReply() {
    return of(Kind.EMPTY_REPLY);
  }

  /** HTTP 200 with an empty body ({@code Content-Length: 0}; an SSE stream with no events). */
  public static Fault emptyBody() {
    return of(Kind.EMPTY_BODY);
  }

  /**
   * A streaming reply that breaks off: after {@code afterChunks} SSE events the connection is
   * closed without the chunked-encoding terminator. For a non-streaming request the JSON body is
   * cut in half (the declared Content-Length is not reached).
   */
  public static Fault dropMidStream(int afterChunks) {
    if (afterChunks < 0) {
      throw new IllegalArgumentException("afterChunks must be >= 0, got " + afterChunks);
    }
    return new Fault(Kind.DROP_MID_STREAM, 0, null, null, null, afterChunks, Duration.ZERO);
  }

  /** An error response with status and a {@code Retry-After: seconds} header (e.g. 429 or 503). */
  public static Fault retryAfter(int status, long seconds) {
    if (seconds < 0) {
      throw new IllegalArgumentException("seconds must be >= 0, got " + seconds);
    }
    return new Fault(
        Kind.STATUS, checkStatus(status), null, null, Long.toString(seconds), 0, Duration.ZERO);
  }

  /**
   * An error response with status and a {@code Retry-After} header with this exact value (e.g. an
   * HTTP-date).
   */
  public static Fault retryAfterHeader(int status, String headerValue) {
    return new Fault(
        Kind.STATUS,
        checkStatus(status),
        null,
        null,
        Objects.requireNonNull(headerValue, "headerValue"),
        0,
        Duration.ZERO);
  }

  /**
   * An error after the stream started: one content chunk, then llama.cpp {@code data:
   * {"error":{...}}} (no {@code [DONE]}) or llamafile {@code error: {"content":"..."}}, then the
   * stream ends. A non-streaming request gets a 500 with this message.
   */
  public static Fault streamError(String message) {
    return streamError(message, 1);
  }

  /** Like {@link #streamError(String)} after {@code afterChunks} content chunks. */
  public static Fault streamError(String message, int afterChunks) {
    if (afterChunks < 0) {
      throw new IllegalArgumentException("afterChunks must be >= 0, got " + afterChunks);
    }
    return new Fault(
        Kind.STREAM_ERROR,
        500,
        Objects.requireNonNull(message, "message"),
        null,
        null,
        afterChunks,
        Duration.ZERO);
  }

  /** Waits this long before handling the request normally (no byte is sent meanwhile). */
  public static Fault delay(Duration delay) {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative");
    }
    return new Fault(Kind.DELAY, 0, null, null, null, 0, delay);
  }

  @Override
  public String toString() {
    return "Fault[" + kind + (status != 0 ? " " + status : "") + "]";
  }
}
