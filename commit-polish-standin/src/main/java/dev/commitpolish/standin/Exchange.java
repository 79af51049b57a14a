package dev.commitpolish.standin;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One request/response on a connection of the hand-written HTTP/1.1 server. Hand-written (rather
 * than com.sun.net.httpserver) because the stand-in must be able to misbehave at the byte level:
 * reset connections, stop mid-body, send a declared length it never delivers.
 */
final class Exchange {

  final Socket socket;
  final OutputStream out;
  final String method;
  final String path;
  final String query;
  final Map<String, List<String>> headers;
  final byte[] body;
  private boolean chunked;
  boolean closeAfter;
  boolean dropped;

  private Exchange(
      Socket socket,
      OutputStream out,
      String method,
      String path,
      String query,
      Map<String, List<String>> headers,
      byte[] body) {
    this.socket = socket;
    this.out = out;
    this.method = method;
    this.path = path;
    this.query = query;
    this.headers = headers;
    this.body = body;
  }

  /** Reads one request; null on a clean EOF before the request line (idle keep-alive close). */
  static Exchange read(Socket socket, InputStream in, OutputStream out) throws IOException {
    String requestLine = readLine(in, true);
    if (requestLine == null) {
      return null;
    }
    while (requestLine.isEmpty()) { // tolerate stray CRLF between requests
      requestLine = readLine(in, true);
      if (requestLine == null) {
        return null;
      }
    }
    String[] parts = requestLine.split(" ");
    if (parts.length < 2) {
      throw new IOException("bad request line: " + requestLine);
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String line = readLine(in, false); !line.isEmpty(); line = readLine(in, false)) {
      int colon = line.indexOf(':');
      if (colon <= 0) {
        continue;
      }
      headers
          .computeIfAbsent(
              line.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .add(line.substring(colon + 1).trim());
    }
    byte[] body;
    String te = first(headers, "transfer-encoding");
    if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
      body = readChunked(in);
    } else {
      String cl = first(headers, "content-length");
      int len = cl == null ? 0 : Integer.parseInt(cl.trim());
      body = in.readNBytes(len);
      if (body.length < len) {
        throw new EOFException("request body shorter than Content-Length");
      }
    }
    String target = parts[1];
    int q = target.indexOf('?');
    String path = q < 0 ? target : target.substring(0, q);
    String query = q < 0 ? "" : target.substring(q + 1);
    path = URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
    var ex = new Exchange(socket, out, parts[0], path, query, headers, body);
    String conn = first(headers, "connection");
    boolean http10 = parts.length > 2 && parts[2].equals("HTTP/1.0");
    ex.closeAfter =
        (conn != null && conn.equalsIgnoreCase("close"))
            || (http10 && (conn == null || !conn.equalsIgnoreCase("keep-alive")));
    return ex;
  }

  private static byte[] readChunked(InputStream in) throws IOException {
    var buf = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = readLine(in, false);
      int semi = sizeLine.indexOf(';');
      int size = Integer.parseInt((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
      if (size == 0) {
        while (!readLine(in, false).isEmpty()) {
          // trailers are ignored
        }
        return buf.toByteArray();
      }
      byte[] chunk = in.readNBytes(size);
      if (chunk.length < size) {
        throw new EOFException("chunked request body cut short");
      }
      buf.writeBytes(chunk);
      readLine(in, false);
    }
  }

  private static String readLine(InputStream in, boolean eofOk) throws IOException {
    var sb = new StringBuilder();
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n') {
        int n = sb.length();
        if (n > 0 && sb.charAt(n - 1) == '\r') {
          sb.setLength(n - 1);
        }
        return sb.toString();
      }
      sb.append((char) c);
      if (sb.length() > 65536) {
        throw new IOException("header line too long");
      }
    }
    if (eofOk && sb.length() == 0) {
      return null;
    }
    throw new EOFException("connection closed in the middle of a request");
  }

  static String first(Map<String, List<String>> headers, String name) {
    List<String> v = headers.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  String header(String name) {
    return first(headers, name.toLowerCase(Locale.ROOT));
  }

  String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  private void writeHead(int status, String contentType, long length, Map<String, String> extra)
      throws IOException {
    var sb = new StringBuilder();
    sb.append("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
    if (contentType != null) {
      sb.append("Content-Type: ").append(contentType).append("\r\n");
    }
    for (var e : extra.entrySet()) {
      sb.append(e.getKey()).append(": ").append(e.getValue()).append("\r\n");
    }
    String origin = header("origin");
    if (origin != null) {
      sb.append("Access-Control-Allow-Origin: ").append(origin).append("\r\n");
    }
    if (length >= 0) {
      sb.append("Content-Length: ").append(length).append("\r\n");
    } else {
      sb.append("Transfer-Encoding: chunked\r\n");
    }
    sb.append(closeAfter ? "Connection: close\r\n" : "Keep-Alive: timeout=5, max=5\r\n");
    sb.append("\r\n");
    out.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
  }

  /** A complete response with a Content-Length body. */
  void send(int status, String contentType, byte[] body, Map<String, String> extra)
      throws IOException {
    writeHead(status, contentType, body.length, extra);
    out.write(body);
    out.flush();
  }

  void send(int status, String contentType, String body) throws IOException {
    send(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  /** Sends the head and only part of a body of declared length {@code body.length}, then drops. */
  void sendTruncated(int status, String contentType, byte[] body) throws IOException {
    writeHead(status, contentType, body.length, Map.of());
    out.write(body, 0, body.length / 2);
    out.flush();
    // A reset rather than a FIN: HttpURLConnection does not notice a body that ends early.
    drop(true);
  }

  /** Starts a chunked response (SSE). */
  void startChunked(int status, String contentType) throws IOException {
    writeHead(status, contentType, -1, Map.of());
    out.flush();
    chunked = true;
  }

  /** Writes one chunk and flushes; throws when the client went away. */
  void chunk(String text) throws IOException {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    if (b.length == 0) {
      return;
    }
    out.write((Integer.toHexString(b.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    out.write(b);
    out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /** Terminates a chunked response normally. */
  void endChunked() throws IOException {
    if (chunked) {
      out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      chunked = false;
    }
  }

  /** Closes the connection now: with {@code reset}, an RST instead of a FIN. */
  void drop(boolean reset) {
    dropped = true;
    try {
      if (reset) {
        socket.setSoLinger(true, 0);
      }
      socket.close();
    } catch (IOException ignored) {
      // the connection is gone either way
    }
  }

  static String reason(int status) {
    switch (status) {
      case 200:
        return "OK";
      case 400:
        return "Bad Request";
      case 401:
        return "Unauthorized";
      case 403:
        return "Forbidden";
      case 404:
        return "Not Found";
      case 405:
        return "Method Not Allowed";
      case 408:
        return "Request Timeout";
      case 409:
        return "Conflict";
      case 413:
        return "Payload Too Large";
      case 422:
        return "Unprocessable Entity";
      case 429:
        return "Too Many Requests";
      case 500:
        return "Internal Server Error";
      case 501:
        return "Not Implemented";
      case 502:
        return "Bad Gateway";
      case 503:
        return "Service Unavailable";
      case 504:
        return "Gateway Timeout";
      default:
        return status < 400 ? "OK" : "Error";
    }
  }
}
