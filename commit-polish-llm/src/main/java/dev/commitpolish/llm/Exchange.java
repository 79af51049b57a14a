package dev.commitpolish.llm;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP exchange over {@link HttpURLConnection}. Chosen over {@code java.net.http.HttpClient} on
 * purpose: on JDK 17 building that client costs ~0.3 s and the process ~0.7 s more in total, which
 * a hook that starts a JVM per commit cannot afford (performance-notes.md).
 */
final class Exchange implements AutoCloseable {
  private final HttpURLConnection conn;
  private final Guard guard;
  private final int status;
  private volatile boolean completed;

  private Exchange(HttpURLConnection conn, Guard guard, int status) {
    this.conn = conn;
    this.guard = guard;
    this.status = status;
  }

  /**
   * Sends a request and waits for the status line and headers.
   *
   * @param body JSON body, or null for GET
   * @throws Failed when no response was received (the guard, if any, is attached)
   */
  static Exchange send(
      String method, String url, String apiKey, String body, Limits limits, boolean streaming)
      throws Failed {
    HttpURLConnection c;
    try {
      c = (HttpURLConnection) URI.create(url).toURL().openConnection();
    } catch (IOException | IllegalArgumentException e) {
      throw new Failed(e instanceof IOException io ? io : new IOException(e), null);
    }
    Guard guard = new Guard(c, limits);
    try {
      c.setConnectTimeout(limits.connectMillis());
      c.setReadTimeout(limits.readMillis(streaming));
      c.setUseCaches(false);
      c.setInstanceFollowRedirects(false);
      c.setRequestMethod(method);
      c.setRequestProperty("Accept", streaming ? "text/event-stream" : "application/json");
      c.setRequestProperty("User-Agent", "commit-polish-llm");
      if (apiKey != null) {
        c.setRequestProperty("Authorization", "Bearer " + apiKey);
      }
      if (body != null) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        c.setDoOutput(true);
        c.setRequestProperty("Content-Type", "application/json");
        // Fixed-length streaming mode: a Content-Length (llamafile v2 rejects chunked bodies)
        // and, above all, no hidden retry: in buffered mode the JDK silently re-sends a POST once
        // when the connection drops before the status line, behind our retry policy's back. The
        // price: the JDK discards the body of a 401, so its server message is empty.
        c.setFixedLengthStreamingMode(bytes.length);
        try (OutputStream out = c.getOutputStream()) {
          out.write(bytes);
        }
      }
      int st = c.getResponseCode();
      if (st < 0) {
        throw new IOException("the server sent no valid HTTP status line");
      }
      return new Exchange(c, guard, st);
    } catch (IOException e) {
      guard.close();
      c.disconnect();
      throw new Failed(e, guard);
    }
  }

  int status() {
    return status;
  }

  String header(String name) {
    return conn.getHeaderField(name);
  }

  String contentType() {
    String ct = conn.getContentType();
    return ct == null ? "" : ct.toLowerCase(Locale.ROOT);
  }

  Guard guard() {
    return guard;
  }

  /** The response body stream (error stream for statuses ≥ 400); never null. */
  InputStream body() throws IOException {
    InputStream in = status >= 400 ? conn.getErrorStream() : conn.getInputStream();
    return in == null ? InputStream.nullInputStream() : in;
  }

  /** Reads the whole body as UTF-8. */
  String readAll() throws IOException {
    try (InputStream in = body()) {
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      byte[] b = new byte[8192];
      int n;
      while ((n = in.read(b)) >= 0) {
        buf.write(b, 0, n);
      }
      long declared = conn.getContentLengthLong();
      if (status < 300 && declared >= 0 && buf.size() < declared) {
        throw new EOFException(
            "the server closed the connection after " + buf.size() + " of " + declared + " bytes");
      }
      completed = true;
      return buf.toString(StandardCharsets.UTF_8);
    }
  }

  /** Records that the body was read to its end, so the connection may be kept alive. */
  void completed() {
    completed = true;
  }

  @Override
  public void close() {
    guard.close();
    if (!completed) {
      // Abandoned mid-body: close the socket so the server stops generating (llama.cpp and
      // llamafile cancel a streaming task when a write fails).
      conn.disconnect();
    }
  }

  /** No response: the I/O failure plus the guard that may have caused it. */
  static final class Failed extends Exception {
    private final transient Guard guard;

    Failed(IOException cause, Guard guard) {
      super(cause);
      this.guard = guard;
    }

    IOException io() {
      return (IOException) getCause();
    }

    Guard guard() {
      return guard;
    }
  }
}
