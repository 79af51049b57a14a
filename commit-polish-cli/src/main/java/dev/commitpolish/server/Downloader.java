package dev.commitpolish.server;

import dev.commitpolish.cli.Env;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.MalformedURLException;
import java.net.Proxy;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * Downloads one file with HttpURLConnection: manual redirects, proxies from {@code
 * http_proxy}/{@code https_proxy}/{@code no_proxy}, resume with {@code Range} after a cut
 * connection (and across runs via the {@code .part} file), SHA-256 verification, and an atomic move
 * into place. On a checksum mismatch nothing is left behind.
 */
final class Downloader {

  /** A download failure with a message fit for the user. */
  static final class DownloadException extends IOException {
    private static final long serialVersionUID = 1L;

    DownloadException(String message) {
      super(message);
    }

    DownloadException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private static final int MAX_REDIRECTS = 10;
  private final Env env;
  private final PrintStream err;
  private final boolean tty;
  private final boolean quiet;
  int maxAttempts = 5;
  long progressIntervalMillis = 1000;
  int connectTimeoutMillis = 15_000;
  int readTimeoutMillis = 60_000;

  Downloader(Env env, PrintStream err, boolean tty, boolean quiet) {
    this.env = env;
    this.err = err;
    this.tty = tty;
    this.quiet = quiet;
  }

  /**
   * Downloads {@code url} to {@code dest} (atomically), verifying {@code sha256} when given.
   *
   * @return the SHA-256 of the landed file (lower-case hex)
   */
  String download(String name, String url, Path dest, Optional<String> sha256, long sizeHint)
      throws IOException {
    Path dir = dest.getParent();
    Path topCreated = null; // the highest directory this download creates
    for (Path d = dir; d != null && !Files.exists(d); d = d.getParent()) {
      topCreated = d;
    }
    Files.createDirectories(dir);
    Path part = dir.resolve("." + dest.getFileName() + ".part");
    try {
      if (!quiet) {
        err.println("downloading " + name + "\n  from " + url + "\n  to   " + dest);
      }
      fetch(url, part, sizeHint);
      String actual = sha256(part);
      if (sha256.isPresent() && !sha256.get().equalsIgnoreCase(actual)) {
        Files.deleteIfExists(part);
        throw new DownloadException(
            "checksum mismatch for "
                + name
                + " from "
                + url
                + ":\n  expected SHA-256 "
                + sha256.get().toLowerCase(Locale.ROOT)
                + "\n  got      SHA-256 "
                + actual
                + "\n  The download was deleted. If the file was replaced upstream, pass the new"
                + " checksum with --sha256; otherwise try again (the mirror or a proxy may have"
                + " corrupted it).");
      }
      Files.move(part, dest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return actual;
    } catch (IOException | RuntimeException e) {
      // A partial download stays as .part so the next run resumes it with Range; a checksum
      // mismatch deleted it above. Directories we created for nothing are removed again.
      if (!Files.exists(part)) {
        cleanupDirs(dir, topCreated);
      }
      throw e;
    }
  }

  /** Deletes the empty directories this download created, from {@code dir} up to {@code top}. */
  private static void cleanupDirs(Path dir, Path top) {
    if (top == null) {
      return;
    }
    for (Path d = dir; d != null && d.startsWith(top); d = d.getParent()) {
      try (var s = Files.list(d)) {
        if (s.findAny().isPresent()) {
          return;
        }
      } catch (IOException e) {
        return;
      }
      try {
        Files.delete(d);
      } catch (IOException e) {
        return;
      }
    }
  }

  /** Downloads into {@code part}, resuming from its current length; retries cut connections. */
  private void fetch(String url, Path part, long sizeHint) throws IOException {
    IOException last = null;
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      long have = Files.isRegularFile(part) ? Files.size(part) : 0;
      try {
        if (transfer(url, part, have, sizeHint)) {
          return;
        }
      } catch (DownloadException e) {
        throw e; // HTTP errors are not retried
      } catch (IOException e) {
        last = e;
        if (!quiet) {
          long now = Files.isRegularFile(part) ? Files.size(part) : 0;
          err.println(
              "\nconnection lost after "
                  + Progress.bytes(now)
                  + " ("
                  + e.getMessage()
                  + "); resuming"
                  + (attempt < maxAttempts ? "" : " failed"));
        }
        sleepQuietly(Math.min(5000, 250L * attempt));
      }
    }
    throw new DownloadException(
        "download of "
            + url
            + " failed after "
            + maxAttempts
            + " attempts: "
            + (last == null ? "unknown error" : last.getMessage())
            + "\n  Run the same command again to resume where it stopped.",
        last);
  }

  /** One HTTP exchange (following redirects). True when the file is complete. */
  private boolean transfer(String startUrl, Path part, long have, long sizeHint)
      throws IOException {
    String url = startUrl;
    for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
      URL u = parse(url);
      HttpURLConnection c = (HttpURLConnection) u.openConnection(proxyFor(u));
      c.setInstanceFollowRedirects(false); // manual: proxies and Range must be re-applied per hop
      c.setConnectTimeout(connectTimeoutMillis);
      c.setReadTimeout(readTimeoutMillis);
      c.setRequestProperty("User-Agent", "commit-polish-setup");
      c.setRequestProperty("Accept-Encoding", "identity");
      proxyAuthorization(u).ifPresent(a -> c.setRequestProperty("Proxy-Authorization", a));
      if (have > 0) {
        c.setRequestProperty("Range", "bytes=" + have + "-");
      }
      int code = c.getResponseCode();
      if (code >= 300 && code < 400 && code != 304) {
        String loc = c.getHeaderField("Location");
        c.disconnect();
        if (loc == null) {
          throw new DownloadException("HTTP " + code + " without a Location header from " + url);
        }
        url = new URL(u, loc).toString();
        continue;
      }
      if (code == 416 && have > 0) {
        // Range not satisfiable: the part is complete (or bigger than the file). Let the checksum
        // decide; without a checksum, trust the size the server reports.
        c.disconnect();
        return true;
      }
      if (code != 200 && code != 206) {
        String reason = c.getResponseMessage();
        c.disconnect();
        throw new DownloadException(
            "download failed: HTTP "
                + code
                + (reason == null ? "" : " " + reason)
                + " for "
                + url
                + (code == 404
                    ? "\n  The file is not there; check the URL (or --model URL)."
                    : ""));
      }
      boolean append = code == 206;
      long start = append ? have : 0;
      long length = c.getContentLengthLong();
      long total = length >= 0 ? start + length : sizeHint;
      var progress = new Progress(err, tty, quiet, total, start, progressIntervalMillis);
      try (InputStream in = c.getInputStream();
          OutputStream out =
              Files.newOutputStream(
                  part,
                  StandardOpenOption.CREATE,
                  StandardOpenOption.WRITE,
                  append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
        byte[] buf = new byte[64 * 1024];
        long got = start;
        int n;
        while ((n = in.read(buf)) != -1) {
          out.write(buf, 0, n);
          got += n;
          progress.update(got);
        }
        progress.done(got);
        if (length >= 0 && got < start + length) {
          throw new IOException(
              "connection closed after " + got + " of " + (start + length) + " bytes");
        }
        return true;
      }
    }
    throw new DownloadException(
        "too many redirects (more than " + MAX_REDIRECTS + ") from " + startUrl);
  }

  private static URL parse(String url) throws DownloadException {
    try {
      URL u = new URL(url);
      String p = u.getProtocol();
      if (!p.equals("http") && !p.equals("https")) {
        throw new DownloadException("only http and https URLs can be downloaded: " + url);
      }
      return u;
    } catch (MalformedURLException e) {
      throw new DownloadException("not a valid URL: " + url, e);
    }
  }

  /** The proxy for {@code u} from the usual environment variables (lower case wins), or none. */
  Proxy proxyFor(URL u) {
    Optional<URL> p = proxyUrl(u);
    if (p.isEmpty()) {
      return Proxy.NO_PROXY;
    }
    URL pu = p.get();
    int port = pu.getPort() != -1 ? pu.getPort() : pu.getProtocol().equals("https") ? 443 : 80;
    return new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(pu.getHost(), port));
  }

  private Optional<URL> proxyUrl(URL u) {
    if (noProxy(u.getHost())) {
      return Optional.empty();
    }
    String scheme = u.getProtocol();
    Optional<String> v =
        first(scheme + "_proxy", scheme.toUpperCase(Locale.ROOT) + "_PROXY")
            .or(() -> first("all_proxy", "ALL_PROXY"));
    if (v.isEmpty()) {
      return Optional.empty();
    }
    String s = v.get().contains("://") ? v.get() : "http://" + v.get();
    try {
      return Optional.of(new URL(s));
    } catch (MalformedURLException e) {
      err.println("commit-polish: warning: ignoring malformed proxy setting " + redact(s));
      return Optional.empty();
    }
  }

  private Optional<String> proxyAuthorization(URL u) {
    return proxyUrl(u)
        .map(URL::getUserInfo)
        .filter(ui -> ui != null && !ui.isEmpty())
        .map(
            ui ->
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString(
                            java.net.URLDecoder.decode(ui, StandardCharsets.UTF_8)
                                .getBytes(StandardCharsets.UTF_8)));
  }

  private static String redact(String proxy) {
    return proxy.replaceAll("//[^@/]*@", "//***@");
  }

  private Optional<String> first(String a, String b) {
    return env.get(a).or(() -> env.get(b));
  }

  /** curl's no_proxy rules: "*", exact hosts, and domain suffixes (with or without a dot). */
  boolean noProxy(String host) {
    Optional<String> np = first("no_proxy", "NO_PROXY");
    if (np.isEmpty()) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT);
    for (String raw : np.get().split("[,\\s]+")) {
      String e = raw.trim().toLowerCase(Locale.ROOT);
      if (e.isEmpty()) {
        continue;
      }
      if (e.equals("*")) {
        return true;
      }
      int colon = e.lastIndexOf(':');
      if (colon > 0 && e.indexOf(':') == colon) {
        e = e.substring(0, colon); // host:port entries match on the host
      }
      if (e.startsWith(".")) {
        e = e.substring(1);
      }
      if (h.equals(e) || h.endsWith("." + e)) {
        return true;
      }
    }
    return false;
  }

  static String sha256(Path file) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[1 << 16];
      int n;
      while ((n = in.read(buf)) != -1) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static void sleepQuietly(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
