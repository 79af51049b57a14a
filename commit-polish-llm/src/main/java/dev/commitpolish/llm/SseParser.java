package dev.commitpolish.llm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;

/**
 * A small Server-Sent-Events reader that survives both llama.cpp and llamafile 0.9 streams. WHATWG
 * rules: lines split on CR, LF or CRLF; one space after the colon is stripped; {@code data} lines
 * of one event are joined with {@code \n}; a blank line dispatches; comments ({@code :...}) and
 * {@code event}/{@code id}/{@code retry} fields are ignored. Additions for LLM servers: {@code
 * [DONE]} ends the stream (llamafile 0.9 never sends it and simply closes, so EOF also ends it, and
 * an unterminated last event is still dispatched); an {@code error:} field, which llamafile and
 * older llama.cpp write after a 200 and which spec parsers silently drop, is reported as {@link
 * Kind#ERROR} so the failure is not mistaken for an empty answer.
 */
final class SseParser {

  /** What an event is. */
  enum Kind {
    DATA,
    ERROR,
    DONE
  }

  /** One dispatched event. */
  record Event(Kind kind, String data) {}

  private final BufferedReader in;
  private boolean done;
  private boolean firstLine = true;

  SseParser(Reader reader) {
    this.in = reader instanceof BufferedReader b ? b : new BufferedReader(reader, 8192);
  }

  /** The next event, or null at the end of the stream. */
  Event next() throws IOException {
    if (done) {
      return null;
    }
    StringBuilder data = null;
    StringBuilder error = null;
    while (true) {
      String line = in.readLine();
      if (line == null) {
        done = true;
        return dispatch(data, error);
      }
      if (firstLine) {
        firstLine = false;
        if (line.startsWith("\uFEFF")) {
          line = line.substring(1);
        }
      }
      if (line.isEmpty()) {
        Event e = dispatch(data, error);
        if (e != null) {
          return e;
        }
        continue;
      }
      if (line.startsWith(":")) {
        continue;
      }
      int colon = line.indexOf(':');
      String field = colon < 0 ? line : line.substring(0, colon);
      String value = colon < 0 ? "" : line.substring(colon + 1);
      if (value.startsWith(" ")) {
        value = value.substring(1);
      }
      if (field.equals("data")) {
        data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
      } else if (field.equals("error")) {
        error = error == null ? new StringBuilder(value) : error.append('\n').append(value);
      }
    }
  }

  private Event dispatch(StringBuilder data, StringBuilder error) {
    if (error != null) {
      done = true;
      return new Event(Kind.ERROR, error.toString());
    }
    if (data == null) {
      return null;
    }
    String d = data.toString();
    if (d.strip().equals("[DONE]")) {
      done = true;
      return new Event(Kind.DONE, d);
    }
    return new Event(Kind.DATA, d);
  }
}
