package dev.commitpolish.server;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP/1.1 file server for download tests, written on a raw socket so it can cut a
 * connection mid-body. Paths: {@code /file.gguf} (honours Range), {@code /cut/file.gguf} (the first
 * response stops halfway), {@code /redirect/file.gguf} (302 to /file.gguf), {@code /slow/file.gguf}
 * (dribbles the body over ~2.5 s), anything else 404. Requests with an absolute URI (proxy style)
 * are served by path too, and recorded.
 */
final class FileServer implements AutoCloseable {

  final byte[] content;
  final List<String> requestLines = new CopyOnWriteArrayList<>();
  final List<String> rangeHeaders = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
  private final ServerSocket ss;
  private final Thread acceptor;

  FileServer(byte[] content) throws IOException {
    this.content = content;
    this.ss = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.acceptor = new Thread(this::acceptLoop, "file-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + ss.getLocalPort() + path;
  }

  int port() {
    return ss.getLocalPort();
  }

  private void acceptLoop() {
    while (!ss.isClosed()) {
      try {
        Socket s = ss.accept();
        Thread t = new Thread(() -> serve(s), "file-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket s) {
    try (s) {
      InputStream in = new BufferedInputStream(s.getInputStream());
      String requestLine = line(in);
      String range = null;
      for (String h = line(in); !h.isEmpty(); h = line(in)) {
        if (h.toLowerCase().startsWith("range:")) {
          range = h.substring(6).trim();
        }
      }
      requestLines.add(requestLine);
      rangeHeaders.add(range == null ? "" : range);
      String target = requestLine.split(" ")[1];
      String path = target.startsWith("http") ? target.replaceFirst("^https?://[^/]+", "") : target;
      OutputStream out = s.getOutputStream();
      int n = hits.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
      if (path.startsWith("/redirect/")) {
        head(out, "302 Found", "Location: /" + path.substring("/redirect/".length()), 0);
        return;
      }
      if (!path.endsWith("file.gguf")) {
        byte[] b = "Not Found".getBytes(StandardCharsets.UTF_8);
        head(out, "404 Not Found", "Content-Type: text/plain", b.length);
        out.write(b);
        return;
      }
      int from = 0;
      if (range != null && range.startsWith("bytes=")) {
        from = Integer.parseInt(range.substring(6, range.indexOf('-')));
      }
      int len = content.length - from;
      if (from > 0) {
        head(
            out,
            "206 Partial Content",
            "Content-Range: bytes " + from + "-" + (content.length - 1) + "/" + content.length,
            len);
      } else {
        head(out, "200 OK", "Content-Type: application/octet-stream", len);
      }
      if (path.startsWith("/cut/") && n == 1) {
        out.write(content, from, len / 2);
        out.flush();
        s.setSoLinger(true, 0); // reset: the client sees a cut connection
        return;
      }
      if (path.startsWith("/slow/")) {
        int chunk = Math.max(1, len / 10);
        for (int off = 0; off < len; off += chunk) {
          out.write(content, from + off, Math.min(chunk, len - off));
          out.flush();
          sleep(250);
        }
        return;
      }
      out.write(content, from, len);
      out.flush();
    } catch (IOException e) {
      // client went away
    }
  }

  private static void head(OutputStream out, String status, String extra, long len)
      throws IOException {
    String h =
        "HTTP/1.1 "
            + status
            + "\r\n"
            + extra
            + "\r\nContent-Length: "
            + len
            + "\r\nConnection: close\r\n\r\n";
    out.write(h.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static String line(InputStream in) throws IOException {
    var sb = new StringBuilder();
    int c;
    while ((c = in.read()) != -1 && c != '\n') {
      if (c != '\r') {
        sb.append((char) c);
      }
    }
    return sb.toString();
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws IOException {
    ss.close();
  }
}
