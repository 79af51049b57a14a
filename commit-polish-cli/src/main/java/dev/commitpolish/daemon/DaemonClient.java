package dev.commitpolish.daemon;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Java side of the protocol ({@link Wire}): {@code daemon status}, {@code daemon stop}, the
 * liveness check before starting a worker, and tests. Commits and lints reach the worker through
 * the bash client instead, which costs no JVM.
 */
public final class DaemonClient {

  private final DaemonFiles files;
  private final Duration timeout;

  public DaemonClient(DaemonFiles files, Duration timeout) {
    this.files = files;
    this.timeout = timeout;
  }

  /** What the worker answered: exit code and the two streams' bytes. */
  public record Reply(int code, String stdout, String stderr) {}

  /** Thrown when the worker refused a request ({@code no <reason>}). */
  public static final class RefusedException extends IOException {
    private final String reason;

    RefusedException(String reason) {
      super("the worker refused the request: " + reason);
      this.reason = reason;
    }

    public String reason() {
      return reason;
    }
  }

  /**
   * The worker's status line, when a worker of this build answers with its proof and token — not
   * merely when something listens on the port a state file names.
   */
  public Optional<String> status() {
    try {
      return Optional.of(call("status", Path.of("/"), List.of(), Map.of(), new byte[0]).stdout());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * Sends one request.
   *
   * @throws IOException when no worker answers, or {@link RefusedException} when it refuses
   */
  public Reply call(String op, Path cwd, List<String> args, Map<String, String> env, byte[] stdin)
      throws IOException {
    DaemonState st =
        DaemonState.read(files.state())
            .orElseThrow(() -> new IOException("no worker: " + files.state() + " is missing"));
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(Wire.LOOPBACK, st.port()), (int) timeout.toMillis());
      s.setSoTimeout((int) timeout.toMillis());
      s.setTcpNoDelay(true);
      var out = new BufferedOutputStream(s.getOutputStream());
      InputStream in = new BufferedInputStream(s.getInputStream());
      // Nothing is sent before the worker has proved it is the one the state file names.
      if (!Wire.readLine(in).equals(Wire.MAGIC + " " + st.proof())) {
        throw new IOException("whatever listens on port " + st.port() + " is not this worker");
      }
      Wire.field(out, Wire.MAGIC);
      Wire.field(out, st.token());
      Wire.field(out, files.fingerprint());
      Wire.field(out, op);
      Wire.field(out, "0"); // no pid: the environment and directory are sent
      Wire.field(out, cwd.toString());
      Wire.field(out, Integer.toString(args.size()));
      for (String a : args) {
        Wire.field(out, a);
      }
      for (var e : env.entrySet()) {
        Wire.field(out, e.getKey() + "=" + e.getValue());
      }
      Wire.field(out, "");
      Wire.field(out, Integer.toString(stdin.length));
      out.write(stdin);
      out.flush();
      String first = Wire.readLine(in);
      if (!first.equals("ok")) {
        throw new RefusedException(first.startsWith("no ") ? first.substring(3) : first);
      }
      if (op.equals("run") && !args.isEmpty() && args.get(0).equals("hook")) {
        out.write("go\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
      }
      String[] head = Wire.readLine(in).split(" ", -1);
      if (head.length != 3) {
        throw new IOException("the worker's reply is not in its protocol");
      }
      int code = Integer.parseInt(head[0]);
      int olen = Integer.parseInt(head[1]);
      int elen = Integer.parseInt(head[2]);
      String o = new String(in.readNBytes(olen), StandardCharsets.UTF_8);
      String e = new String(in.readNBytes(elen), StandardCharsets.UTF_8);
      return new Reply(code, o, e);
    } catch (NumberFormatException e) {
      throw new IOException("the worker's reply is not in its protocol", e);
    }
  }
}
