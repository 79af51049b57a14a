package dev.commitpolish.daemon;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The worker's protocol, small enough for a bash client ({@code bin/commit-polish-client.bash})
 * that has only {@code printf}, {@code read} and {@code /dev/tcp}.
 *
 * <pre>
 * worker: MAGIC " " proof "\n"                (at once; checked before stdin or an environment goes out)
 * client: MAGIC \0 token \0 fingerprint \0 op \0 pid \0 cwd \0 argc \0 arg... \0 NAME=value... \0 \0
 *         stdin-length \0 stdin-bytes        (length 0 unless linting stdin)
 * worker: "no &lt;reason&gt;\n"                   (nothing was run: the client runs in-process)
 *       | "ok\n"                              (a hook: the worker takes the run ...
 * client: "go\n"                              ... once the client confirms it has not given up)
 * worker: exit-code " " stdout-length " " stderr-length "\n" stdout-bytes stderr-bytes
 * </pre>
 *
 * <p>A lint changes nothing, so it has no "go": its "ok" comes in the same write as its result.
 * With a pid other than 0, cwd and the environment are empty and the worker reads the client's own
 * from {@code /proc/PID/} (Linux), where {@code COMMIT_POLISH_CLIENT_PID} must name that same pid
 * (a client in another pid namespace is refused, and runs in-process).
 *
 * <p>Text fields are UTF-8, NUL-terminated (no field can contain NUL: argv and the environment
 * cannot); the environment ends with an empty field, which no {@code NAME=value} entry can be.
 * Lengths are bytes, so the client reads them with {@code LC_ALL=C}.
 */
final class Wire {

  static final String MAGIC = "commit-polish-daemon 1";

  /**
   * 127.0.0.1, always: the bash client dials exactly this, and {@code getLoopbackAddress()} is
   * {@code ::1} under {@code -Djava.net.preferIPv6Addresses=true}.
   */
  static final InetAddress LOOPBACK = loopback();

  private static InetAddress loopback() {
    try {
      return InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1});
    } catch (java.net.UnknownHostException e) {
      throw new AssertionError(e); // four bytes are a valid address
    }
  }

  /** A request larger than this is not a commit-polish client: refused, not buffered. */
  static final int MAX_REQUEST = 4 << 20;

  private Wire() {}

  /** Reads fields of one request, charging their bytes to one budget. */
  static final class Reader {
    private final InputStream in;
    private final long deadline;
    private int budget = MAX_REQUEST;

    /** A reader whose whole request must arrive within {@code timeoutNanos}. */
    Reader(InputStream in, long timeoutNanos) {
      this.in = in;
      this.deadline = System.nanoTime() + timeoutNanos;
    }

    /** The next NUL-terminated field, of at most the request's remaining bytes. */
    String field() throws IOException {
      return field(MAX_REQUEST);
    }

    /**
     * The next NUL-terminated field, refused past {@code max} bytes without reading further (the
     * magic and the token are short: a stranger cannot make the worker buffer megabytes).
     *
     * @throws EOFException when the stream ends first
     * @throws CharacterCodingException when the field is not UTF-8 (the in-process run decodes such
     *     bytes the JVM's way, so the client falls back to it)
     */
    String field(int max) throws IOException {
      if (System.nanoTime() - deadline > 0) {
        throw new IOException("request too slow");
      }
      var buf = new ByteArrayOutputStream(64);
      int n = 0;
      while (true) {
        int b = in.read();
        if (b < 0) {
          throw new EOFException("request ended inside a field");
        }
        if (b == 0) {
          break;
        }
        if (System.nanoTime() - deadline > 0) {
          throw new IOException("request too slow"); // a byte now and then holds no slot long
        }
        if (++n > max || --budget < 0) {
          throw new IOException("field or request too large");
        }
        buf.write(b);
      }
      return decode(buf.toByteArray());
    }

    /** A field holding a non-negative decimal no larger than {@code max}. */
    int number(int max) throws IOException {
      String s = field();
      if (s.isEmpty() || s.length() > 10 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
        throw new IOException("not a number: " + s);
      }
      long v = Long.parseLong(s);
      if (v > max) {
        throw new IOException("number too large: " + s);
      }
      return (int) v;
    }

    /** Exactly {@code n} bytes. */
    byte[] bytes(int n) throws IOException {
      if (n > budget) {
        throw new IOException("request larger than " + MAX_REQUEST + " bytes");
      }
      budget -= n;
      byte[] b = in.readNBytes(n);
      if (b.length != n) {
        throw new EOFException("request ended after " + b.length + " of " + n + " bytes");
      }
      return b;
    }
  }

  /**
   * Strict UTF-8: a malformed byte is an error, not U+FFFD, because the in-process run would decode
   * such bytes (the JVM's way) differently.
   */
  static String decode(byte[] bytes) throws CharacterCodingException {
    boolean ascii = true;
    for (byte x : bytes) {
      ascii &= x >= 0;
    }
    if (ascii) {
      return new String(bytes, StandardCharsets.US_ASCII); // nearly every field: no decoder
    }
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes))
        .toString();
  }

  static void field(OutputStream out, String s) throws IOException {
    out.write(s.getBytes(StandardCharsets.UTF_8));
    out.write(0);
  }

  static void line(OutputStream out, String s) throws IOException {
    out.write((s + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /** Reads one {@code \n}-terminated ASCII line (the worker's replies), without the newline. */
  static String readLine(InputStream in) throws IOException {
    var sb = new StringBuilder();
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("reply ended inside a line");
      }
      if (b == '\n') {
        return sb.toString();
      }
      if (sb.length() > 4096) {
        throw new IOException("reply line too long");
      }
      sb.append((char) b);
    }
  }
}
