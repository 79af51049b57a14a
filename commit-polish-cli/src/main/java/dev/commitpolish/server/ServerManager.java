package dev.commitpolish.server;

import dev.commitpolish.cli.Env;
import dev.commitpolish.ui.StatusLine;
import dev.commitpolish.ui.Terminal;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts, stops and inspects the llamafile server commit-polish launched. The hook never calls
 * this; only {@code commit-polish server ...} and {@code setup --start} do.
 */
final class ServerManager {

  static final String HOST = "127.0.0.1";
  private static final Pattern LISTENING =
      Pattern.compile("listening (?:at|on) http://([^\\s:/]+):(\\d+)");

  private final Env env;
  private final ServerPaths paths;
  private final PrintStream out;
  private final PrintStream err;
  private final boolean quiet;
  private final Terminal term;
  private final boolean tty;

  ServerManager(Env env, PrintStream out, PrintStream err, boolean quiet, Terminal term) {
    this.env = env;
    this.paths = ServerPaths.of(env);
    this.out = out;
    this.err = err;
    this.quiet = quiet;
    this.term = term;
    // progress is drawn on stderr only where it understands \r (a terminal, not TERM=dumb)
    this.tty = term.progress();
  }

  /** What to launch. */
  record Launch(
      Path llamafile, Optional<Path> model, int port, int contextSize, OptionalInt threads) {}

  /** The recorded server when it is still our llamafile; clears stale state otherwise. */
  Optional<ServerState> running() {
    Optional<ServerState> s = ServerState.load(paths.stateFile());
    if (s.isEmpty()) {
      return s;
    }
    if (ProcessCheck.isOurs(s.get())) {
      return s;
    }
    deleteState();
    return Optional.empty();
  }

  private void deleteState() {
    try {
      Files.deleteIfExists(paths.stateFile());
    } catch (IOException e) {
      err.println("commit-polish: warning: could not remove " + paths.stateFile() + ": " + e);
    }
  }

  /** Starts the server (or reports the running one); returns the exit code. */
  int start(Launch l, Duration wait) throws IOException, InterruptedException {
    Optional<ServerState> existing = running();
    if (existing.isPresent()) {
      ServerState s = existing.get();
      out.println("llamafile is already running (pid " + s.pid() + ") at " + s.rootUrl() + "/v1");
      return 0;
    }
    if (!Files.isRegularFile(l.llamafile())) {
      err.println(
          "commit-polish: llamafile not found at "
              + l.llamafile()
              + "\n  fix: run `commit-polish setup`, or set [llamafile] path in the config");
      return 1;
    }
    if (!Files.isExecutable(l.llamafile())) {
      err.println(
          "commit-polish: "
              + l.llamafile()
              + " is not executable\n  fix: chmod +x '"
              + l.llamafile()
              + "'");
      return 1;
    }
    if (l.model().isPresent() && !Files.isRegularFile(l.model().get())) {
      err.println(
          "commit-polish: model file not found: "
              + l.model().get()
              + "\n  fix: run `commit-polish setup`, or set [llamafile] model_path in the config");
      return 1;
    }
    List<String> argv = new ArrayList<>();
    argv.add(l.llamafile().toString());
    // llamafile's legacy server: --server must be the last mode flag, and only flags it knows.
    argv.addAll(
        List.of(
            "--server",
            "--nobrowser",
            "--host",
            HOST,
            "--port",
            Integer.toString(l.port()),
            "-c",
            Integer.toString(l.contextSize())));
    l.model().ifPresent(m -> argv.addAll(List.of("-m", m.toString())));
    l.threads().ifPresent(t -> argv.addAll(List.of("-t", Integer.toString(t))));

    Files.createDirectories(paths.stateDir());
    Path log = paths.logFile();
    Files.deleteIfExists(log);
    Process p = launch(argv, log);
    var state =
        new ServerState(
            p.pid(),
            HOST,
            l.port(),
            l.port(),
            Instant.now(),
            l.llamafile().toString(),
            l.model().map(Path::toString),
            l.contextSize());
    state.save(paths.stateFile());
    if (!quiet && !tty) {
      err.println(
          "starting llamafile (pid "
              + p.pid()
              + ") on port "
              + l.port()
              + "; waiting up to "
              + wait.toSeconds()
              + " s for the model to load...");
    }
    return awaitReady(p, state, wait);
  }

  /**
   * Launches detached: own session (setsid) when available, stdin from /dev/null, output to log.
   */
  private Process launch(List<String> argv, Path log) throws IOException {
    List<String> cmd = new ArrayList<>();
    Optional<Path> setsid =
        List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid")).stream()
            .filter(Files::isExecutable)
            .findFirst();
    // A new session: the terminal's Ctrl-C and hang-up do not reach the server.
    setsid.ifPresent(s -> cmd.add(s.toString()));
    cmd.addAll(argv);
    var pb = new ProcessBuilder(cmd);
    pb.environment().clear();
    pb.environment().putAll(env.vars());
    pb.directory(paths.stateDir().toFile());
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    File devNull = new File("/dev/null");
    if (devNull.exists()) {
      pb.redirectInput(ProcessBuilder.Redirect.from(devNull));
    }
    try {
      return pb.start();
    } catch (IOException e) {
      // APE binaries may fail to exec directly (zsh < 5.9, some macOS setups): run via sh.
      if (setsid.isEmpty() && String.valueOf(e.getMessage()).contains("error=8")) {
        List<String> viaSh = new ArrayList<>();
        viaSh.add("sh");
        viaSh.addAll(argv);
        pb.command(viaSh);
        return pb.start();
      }
      throw e;
    }
  }

  private int awaitReady(Process p, ServerState state, Duration wait)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    var status = new AtomicReference<>("starting llamafile");
    StatusLine spinner =
        quiet ? StatusLine.disabled(term, err) : StatusLine.start(term, err, status::get);
    int port = -1;
    long probeAfter = System.nanoTime() + 3_000_000_000L;
    try {
      while (System.nanoTime() - deadline < 0) {
        if (!p.isAlive()) {
          spinner.close();
          deleteState();
          err.println(
              "commit-polish: llamafile exited with code "
                  + p.exitValue()
                  + " during start-up. Last lines of "
                  + paths.logFile()
                  + ":");
          for (String line : tail(paths.logFile(), 15)) {
            err.println("  " + line);
          }
          return 1;
        }
        if (port < 0) {
          port = listeningPort().orElse(-1);
        }
        if (port < 0 && System.nanoTime() - probeAfter > 0) {
          // No "listening at" line (another build may word it differently): find the open port
          // that serves our model, so we never adopt someone else's server.
          port = probePorts(state).orElse(-1);
          probeAfter = System.nanoTime() + 1_000_000_000L;
        }
        status.set(
            port < 0
                ? "loading the model (port " + state.requestedPort() + " not open yet)"
                : "waiting for /health on port " + port);
        if (port > 0 && health(HOST, port) == 200) {
          spinner.close();
          ServerState ready = state.withPort(port);
          ready.save(paths.stateFile());
          if (port != state.requestedPort()) {
            err.println(
                "commit-polish: port "
                    + state.requestedPort()
                    + " was busy; llamafile moved to port "
                    + port
                    + ".\n  Point commit-polish at it: LLAMAFILE_API_BASE=http://"
                    + HOST
                    + ":"
                    + port
                    + "/v1 (or set [llamafile] port = "
                    + port
                    + " after freeing "
                    + state.requestedPort()
                    + ")");
          }
          out.println("llamafile is ready (pid " + p.pid() + ") at " + ready.rootUrl() + "/v1");
          return 0;
        }
        Thread.sleep(100);
      }
    } finally {
      spinner.close();
    }
    err.println(
        "commit-polish: llamafile (pid "
            + p.pid()
            + ") is not ready after "
            + wait.toSeconds()
            + " s; it keeps loading in the background.\n  Check `commit-polish server status` and `commit-polish server logs`,"
            + " or wait longer with `commit-polish server start --wait SECONDS`.");
    List<String> last = tail(paths.logFile(), 5);
    if (!last.isEmpty()) {
      err.println("  Last lines of " + paths.logFile() + ":");
      for (String line : last) {
        err.println("  " + line);
      }
    }
    if (port > 0) {
      state.withPort(port).save(paths.stateFile());
    }
    return 1;
  }

  /** A port of requested..requested+10 whose /props names our model. */
  private static Optional<Integer> probePorts(ServerState state) {
    if (state.model().isEmpty()) {
      return Optional.empty();
    }
    for (int p = state.requestedPort(); p <= state.requestedPort() + 10 && p <= 65535; p++) {
      if (health(HOST, p) == 200) {
        Optional<String> props = getText("http://" + HOST + ":" + p, "/props");
        if (props.isPresent() && props.get().contains(state.model().get())) {
          return Optional.of(p);
        }
      }
    }
    return Optional.empty();
  }

  /** The port from llamafile's "llama server listening at http://H:P" line in the log. */
  private Optional<Integer> listeningPort() throws IOException {
    Path log = paths.logFile();
    if (!Files.isRegularFile(log)) {
      return Optional.empty();
    }
    Matcher m = LISTENING.matcher(Files.readString(log, StandardCharsets.ISO_8859_1));
    return m.find() ? Optional.of(Integer.parseInt(m.group(2))) : Optional.empty();
  }

  /** HTTP status of GET /health, 0 when nothing answers. Never uses a proxy (loopback). */
  static int health(String host, int port) {
    try {
      var c =
          (HttpURLConnection)
              new URL("http://" + host + ":" + port + "/health").openConnection(Proxy.NO_PROXY);
      c.setConnectTimeout(500);
      c.setReadTimeout(2000);
      int code = c.getResponseCode();
      InputStream in = code >= 400 ? c.getErrorStream() : c.getInputStream();
      if (in != null) {
        in.readAllBytes();
        in.close();
      }
      return code;
    } catch (IOException e) {
      return 0;
    }
  }

  /** GET {@code path} on the server, body or empty. */
  static Optional<String> getText(String rootUrl, String path) {
    try {
      var c = (HttpURLConnection) new URL(rootUrl + path).openConnection(Proxy.NO_PROXY);
      c.setConnectTimeout(500);
      c.setReadTimeout(2000);
      if (c.getResponseCode() != 200) {
        return Optional.empty();
      }
      try (InputStream in = c.getInputStream()) {
        return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Stops our server: SIGTERM, then SIGKILL after {@code grace}. Returns the exit code. */
  int stop(Duration grace) throws InterruptedException {
    Optional<ServerState> recorded = ServerState.load(paths.stateFile());
    if (recorded.isEmpty()) {
      out.println("llamafile is not running (nothing recorded in " + paths.stateFile() + ")");
      return 0;
    }
    ServerState s = recorded.get();
    Optional<ProcessHandle> h = ProcessHandle.of(s.pid());
    if (h.isEmpty() || !h.get().isAlive()) {
      deleteState();
      out.println("llamafile is not running (pid " + s.pid() + " has exited)");
      return 0;
    }
    if (!ProcessCheck.isOurs(s)) {
      deleteState();
      err.println(
          "commit-polish: pid "
              + s.pid()
              + " is no longer the llamafile commit-polish started (it runs: "
              + abbreviate(ProcessCheck.describe(s.pid()))
              + "); not touching it. Removed the stale record.");
      return 0;
    }
    ProcessHandle ph = h.get();
    ph.destroy(); // SIGTERM: let llamafile shut down cleanly
    boolean forced = false;
    if (!awaitExit(ph, grace)) {
      forced = true;
      ph.destroyForcibly(); // SIGKILL
      if (!awaitExit(ph, Duration.ofSeconds(5))) {
        err.println("commit-polish: pid " + s.pid() + " survived SIGKILL; giving up");
        return 1;
      }
    }
    deleteState();
    out.println(
        "stopped llamafile (pid "
            + s.pid()
            + (forced ? ", killed after " + grace.toSeconds() + " s without exiting" : "")
            + ")");
    return 0;
  }

  private static boolean awaitExit(ProcessHandle ph, Duration d) throws InterruptedException {
    try {
      ph.onExit().get(d.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return !ph.isAlive();
    } catch (ExecutionException e) {
      return !ph.isAlive();
    }
  }

  /** Prints the status; returns 0 when running, 1 when not. */
  int status() {
    Optional<ServerState> s = running();
    if (s.isEmpty()) {
      out.println("llamafile: not running");
      out.println("  start it with: commit-polish server start");
      return 1;
    }
    ServerState st = s.get();
    int code = health(st.host(), st.port());
    String health =
        code == 200
            ? "ready"
            : code == 503 ? "loading" : code == 0 ? "not answering" : "HTTP " + code;
    int nCtx = contextSize(st.rootUrl()).orElse(st.contextSize());
    Duration up = Duration.between(st.startedAt(), Instant.now());
    out.println("llamafile: running (" + health + ")");
    out.println("  pid:          " + st.pid());
    out.println("  url:          " + st.rootUrl() + "/v1");
    if (st.port() != st.requestedPort()) {
      out.println("  port:         " + st.port() + " (asked for " + st.requestedPort() + ", busy)");
    }
    out.println("  model:        " + st.model().orElse("(embedded in the llamafile)"));
    out.println("  context size: " + nCtx + " tokens");
    out.println("  uptime:       " + human(up));
    out.println("  log:          " + paths.logFile());
    return 0;
  }

  private static OptionalInt contextSize(String rootUrl) {
    Optional<String> props = getText(rootUrl, "/props");
    if (props.isEmpty()) {
      return OptionalInt.empty();
    }
    Matcher m = Pattern.compile("\"n_ctx\"\\s*:\\s*(\\d+)").matcher(props.get());
    return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
  }

  static String human(Duration d) {
    long s = Math.max(0, d.toSeconds());
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return (s / 60) + "m " + (s % 60) + "s";
    }
    return (s / 3600) + "h " + (s % 3600 / 60) + "m";
  }

  /** Prints the last {@code lines} lines of the log; returns the exit code. */
  int logs(int lines) throws IOException {
    Path log = paths.logFile();
    if (!Files.isRegularFile(log)) {
      err.println(
          "commit-polish: no server log yet ("
              + log
              + "); start it with `commit-polish server start`");
      return 1;
    }
    for (String line : tail(log, lines)) {
      out.println(line);
    }
    return 0;
  }

  static List<String> tail(Path file, int n) throws IOException {
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    List<String> all =
        List.of(Files.readString(file, StandardCharsets.ISO_8859_1).split("\\R", -1));
    int end = all.size();
    if (end > 0 && all.get(end - 1).isEmpty()) {
      end--;
    }
    return all.subList(Math.max(0, end - n), end);
  }

  private static String abbreviate(String s) {
    return s.length() <= 120 ? s : s.substring(0, 117) + "...";
  }
}
