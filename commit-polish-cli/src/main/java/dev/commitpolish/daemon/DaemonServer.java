package dev.commitpolish.daemon;

import dev.commitpolish.cli.Caller;
import dev.commitpolish.cli.Env;
import dev.commitpolish.cli.Main;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The resident worker ({@code commit-polish daemon run}): a JVM that stays up so that a commit does
 * not pay for starting one. It serves the per-commit commands only — the plain {@code hook} call
 * and {@code lint} / {@code lint --edit FILE} — each exactly as the in-process run does it ({@link
 * Main#run(String[], PrintStream, PrintStream, Env, java.io.InputStream, Caller)} with the client's
 * arguments, working directory and whole environment, so git inside sees what the hook's git saw:
 * {@code GIT_INDEX_FILE}, {@code GIT_DIR}, worktrees).
 *
 * <p>Safety: it listens on loopback only; every request must carry the token from the state file,
 * which only the user can read; a request from another build (fingerprint) is refused and the
 * client runs in-process. It never writes a message past the hook's deadline, because the hook run
 * itself returns at the deadline and the write happens on its own thread after the work.
 *
 * <p>It exits after {@code idle} without requests, when its state file is removed or taken over, or
 * on {@code daemon stop}.
 */
public final class DaemonServer {

  /**
   * More concurrent requests than this means something is wrong: refuse, client runs in-process.
   */
  static final int MAX_ACTIVE = 32;

  /** The whole request must arrive within this; a client sends it in one write. */
  static final long REQUEST_TIMEOUT_NANOS = 10_000_000_000L;

  private static final byte[] GO = "go\n".getBytes(StandardCharsets.US_ASCII);

  /** Whether this JVM passes non-ASCII paths and environment values to processes intact. */
  private static final boolean UTF8_PATHS =
      "UTF-8".equalsIgnoreCase(System.getProperty("sun.jnu.encoding", "UTF-8"));

  private final DaemonFiles files;
  private final Duration idle;
  private final PrintStream log;
  private final String token;
  private final String proof;
  private final byte[] greeting;
  private final Instant started = Instant.now();
  private final AtomicLong lastRefusalLog = new AtomicLong(System.nanoTime() - 60_000_000_000L);
  private final AtomicInteger active = new AtomicInteger();
  private final AtomicLong lastUsed = new AtomicLong(System.nanoTime());
  private final LongAdder hooks = new LongAdder();
  private final LongAdder lints = new LongAdder();
  private final AtomicInteger threads = new AtomicInteger();
  private volatile ServerSocket server;
  private volatile String stopReason;
  private volatile DaemonState state;

  public DaemonServer(DaemonFiles files, Duration idle, PrintStream log) {
    this.files = files;
    this.idle = idle;
    this.log = log;
    var random = new SecureRandom();
    byte[] secret = new byte[24];
    random.nextBytes(secret);
    this.token = HexFormat.of().formatHex(secret);
    random.nextBytes(secret);
    this.proof = HexFormat.of().formatHex(secret);
    // the greeting, with the proof: a client sends no environment and no stdin before it
    this.greeting = (Wire.MAGIC + " " + proof + "\n").getBytes(StandardCharsets.US_ASCII);
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // nothing to do
    }
  }

  /**
   * Serves until stopped.
   *
   * @return 0 after a normal stop (idle, asked, replaced), 0 too when another worker of this build
   *     already runs (nothing to do), 1 when it could not start
   */
  public int run() {
    try {
      createPrivateDir(files.dir());
    } catch (IOException e) {
      log("cannot create " + files.dir() + ": " + e.getMessage());
      return 1;
    }
    try (FileChannel lockChannel =
            FileChannel.open(files.lock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = tryLock(lockChannel)) {
      if (lock == null) {
        log("another worker of this build already runs; not starting a second one");
        return 0;
      }
      try (ServerSocket ss = new ServerSocket()) {
        ss.bind(new InetSocketAddress(Wire.LOOPBACK, 0), 50);
        server = ss;
        // Warm before the state file names this worker: no client waits on loading classes.
        Warmup warm = new Warmup(files.dir().resolve("warm-" + files.fingerprint()));
        warm.once();
        state = new DaemonState(ss.getLocalPort(), token, ProcessHandle.current().pid(), proof);
        state.write(files.state());
        Thread hook = new Thread(this::removeState, "commit-polish-daemon-exit");
        Runtime.getRuntime().addShutdownHook(hook);
        log(
            "started: pid "
                + state.pid()
                + ", port "
                + state.port()
                + ", build "
                + files.fingerprint()
                + ", stops after "
                + idle.toMinutes()
                + " min idle");
        startWatcher();
        Thread compile =
            new Thread(
                () -> {
                  long t0 = System.nanoTime();
                  int n = warm.rounds(() -> active.get() > 0, ss::isClosed);
                  log(
                      "warmed up: "
                          + n
                          + " lints in "
                          + (System.nanoTime() - t0) / 1_000_000
                          + " ms");
                },
                "commit-polish-daemon-warm");
        compile.setDaemon(true);
        compile.start();
        serve(ss);
        removeState();
        // The lock file stays: deleting it could take it from a worker that opened it meanwhile.
        log("stopped: " + stopReason);
        return 0;
      }
    } catch (IOException e) {
      log("cannot start: " + e.getMessage());
      removeState();
      return 1;
    }
  }

  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (java.nio.channels.OverlappingFileLockException e) {
      return null; // held by a worker in this very JVM (tests)
    }
  }

  /** Stops accepting; requests under way finish. */
  public void stop(String why) {
    if (stopReason == null) {
      stopReason = why;
    }
    ServerSocket ss = server;
    if (ss != null) {
      try {
        ss.close();
      } catch (IOException e) {
        // closing a listening socket: nothing to recover
      }
    }
  }

  private void serve(ServerSocket ss) {
    ExecutorService pool =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "commit-polish-daemon-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    try {
      while (!ss.isClosed()) {
        Socket s;
        try {
          s = ss.accept();
        } catch (SocketException e) {
          break; // closed by stop()
        } catch (IOException e) {
          log("accept failed: " + e.getMessage());
          continue;
        }
        try {
          // Greet from the accepting thread: the client waits for this before it sends anything,
          // and a hand-over to another thread first would be one more wake-up on its path.
          s.setTcpNoDelay(true);
          s.getOutputStream().write(greeting);
        } catch (IOException e) {
          closeQuietly(s);
          continue;
        }
        pool.execute(() -> handle(s));
      }
    } finally {
      pool.shutdown();
      try {
        // Runs under way (a hook near its deadline) finish before the JVM exits.
        // (a hook's deadline can be 600 s; its git calls come on top)
        pool.awaitTermination(11, java.util.concurrent.TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void handle(Socket s) {
    int now = active.incrementAndGet();
    try (s) {
      // A client sends its request in one or two writes at once: a short read timeout, and the
      // whole request within REQUEST_TIMEOUT_NANOS (checked as it is read).
      s.setSoTimeout(2_000);
      var in = new BufferedInputStream(s.getInputStream());
      var out = new BufferedOutputStream(s.getOutputStream());
      if (now > MAX_ACTIVE) {
        refuse(out, "busy");
        return;
      }
      Request req;
      try {
        req = Request.read(new Wire.Reader(in, REQUEST_TIMEOUT_NANOS), token, files.fingerprint());
      } catch (EOFException e) {
        return; // a client that saw the wrong greeting, or a port scan
      } catch (Refused e) {
        if (e.getMessage().equals("token")) {
          logRefusal("refused a connection with a wrong token");
        }
        refuse(out, e.getMessage());
        return;
      } catch (CharacterCodingException e) {
        refuse(out, "encoding");
        return;
      } catch (IOException e) {
        refuse(out, "request");
        return;
      }
      switch (req.op()) {
        case "status" -> {
          Wire.line(out, "ok");
          reply(out, 0, status(), "");
        }
        case "stop" -> {
          Wire.line(out, "ok");
          reply(out, 0, "stopping (pid " + ProcessHandle.current().pid() + ")\n", "");
          stop("asked to stop");
        }
        case "run" -> {
          lastUsed.set(System.nanoTime());
          try {
            run(s, in, out, req);
          } finally {
            lastUsed.set(System.nanoTime());
          }
        }
        default -> refuse(out, "op");
      }
    } catch (IOException e) {
      // the client went away (Ctrl-C on the commit); nothing was left half-written by us
    } finally {
      active.decrementAndGet();
    }
  }

  /** At most one refusal line a minute: a stranger cannot fill the log's file system. */
  private void logRefusal(String line) {
    long last = lastRefusalLog.get();
    long now = System.nanoTime();
    if (now - last > 60_000_000_000L && lastRefusalLog.compareAndSet(last, now)) {
      log(line + " (further refusals within a minute are not logged)");
    }
  }

  private void run(Socket s, BufferedInputStream in, OutputStream out, Request req)
      throws IOException {
    String[] args = req.args().toArray(new String[0]);
    Path cwd;
    try {
      cwd = Path.of(req.cwd());
    } catch (RuntimeException e) {
      refuse(out, "cwd");
      return;
    }
    if (!Main.residentCommand(args)) {
      refuse(out, "command");
      return;
    }
    if (!cwd.isAbsolute() || !Files.isDirectory(cwd)) {
      refuse(out, "cwd");
      return;
    }
    if (!UTF8_PATHS && !req.ascii()) {
      // This JVM would turn non-ASCII paths and environment values into "?" for git: the
      // in-process run, started in the client's own locale, does it right.
      refuse(out, "encoding");
      return;
    }
    boolean hook = args[0].equals("hook");
    Wire.line(out, "ok");
    if (hook) {
      // Run only once the client confirms it is still waiting: a client that gave up before
      // "ok" (and ran the hook in-process) sends nothing, and the hook must not run twice.
      out.flush();
      // Generous: a client stopped (Ctrl-Z) between "ok" and "go" runs the hook when resumed.
      s.setSoTimeout(600_000);
      byte[] go = in.readNBytes(3);
      if (!java.util.Arrays.equals(go, GO)) {
        return;
      }
    }
    s.setSoTimeout(0);
    (hook ? hooks : lints).increment();
    var o = new ByteArrayOutputStream();
    var e = new ByteArrayOutputStream();
    int code;
    try (var ops = new PrintStream(o, true, StandardCharsets.UTF_8);
        var eps = new PrintStream(e, true, StandardCharsets.UTF_8)) {
      code =
          Main.run(
              args,
              ops,
              eps,
              new Env(req.env(), cwd),
              new ByteArrayInputStream(req.stdin()),
              new ClientCaller(s, in));
    }
    reply(out, code, o.toByteArray(), e.toByteArray());
  }

  /** The client's side of a run: gone when its socket reads end-of-file. */
  private final class ClientCaller implements Caller {
    private final Socket socket;
    private final BufferedInputStream in;

    ClientCaller(Socket socket, BufferedInputStream in) {
      this.socket = socket;
      this.in = in;
    }

    @Override
    public boolean abandoned() {
      // The client sends nothing after "go": a read either times out (still waiting) or ends.
      try {
        socket.setSoTimeout(1);
        return in.read() < 0;
      } catch (java.net.SocketTimeoutException e) {
        return false;
      } catch (IOException e) {
        return true;
      } finally {
        try {
          socket.setSoTimeout(0);
        } catch (IOException e) {
          // closed meanwhile: the next check says so
        }
      }
    }

    @Override
    public void workerUnwanted() {
      stop("a commit found git config commit-polish.daemon = false");
    }
  }

  private static void refuse(OutputStream out, String why) {
    try {
      Wire.line(out, "no " + why);
      out.flush();
    } catch (IOException e) {
      // the client is gone; it runs in-process or has already given up
    }
  }

  private static void reply(OutputStream out, int code, String stdout, String stderr)
      throws IOException {
    reply(
        out,
        code,
        stdout.getBytes(StandardCharsets.UTF_8),
        stderr.getBytes(StandardCharsets.UTF_8));
  }

  private static void reply(OutputStream out, int code, byte[] stdout, byte[] stderr)
      throws IOException {
    Wire.line(out, code + " " + stdout.length + " " + stderr.length);
    out.write(stdout);
    out.write(stderr);
    out.flush();
  }

  String status() {
    long up = Duration.between(started, Instant.now()).toSeconds();
    long h = hooks.sum();
    long l = lints.sum();
    return "running: pid "
        + ProcessHandle.current().pid()
        + ", port "
        + (state == null ? "?" : state.port())
        + ", build "
        + files.fingerprint()
        + ", up "
        + (up < 120 ? up + " s" : up / 60 + " min")
        + ", served "
        + (h + l)
        + " ("
        + h
        + " hook, "
        + l
        + " lint), stops after "
        + idle.toMinutes()
        + " min idle\n";
  }

  /**
   * Idle stop, and a stop when the state file no longer names this worker ({@code rm}, or a second
   * worker after a stale lock): then no client can reach it, so it would only use memory.
   */
  private void startWatcher() {
    long tick = Math.max(1_000, Math.min(idle.toMillis() / 4, 30_000));
    Thread t =
        new Thread(
            () -> {
              long served = -1;
              while (server != null && !server.isClosed()) {
                try {
                  Thread.sleep(tick);
                } catch (InterruptedException e) {
                  return;
                }
                if (!DaemonState.read(files.state()).map(st -> st.equals(state)).orElse(false)) {
                  stop("state file " + files.state() + " removed or replaced");
                  return;
                }
                long idleNanos = System.nanoTime() - lastUsed.get();
                if (active.get() == 0 && idleNanos > idle.toNanos()) {
                  stop("idle for " + idle.toMinutes() + " min");
                  return;
                }
                long total = hooks.sum() + lints.sum();
                if (active.get() == 0 && total != served) {
                  // Give memory back between bursts of commits: the heap is small and a full
                  // collection of it takes milliseconds.
                  served = total;
                  System.gc();
                }
              }
            },
            "commit-polish-daemon-watch");
    t.setDaemon(true);
    t.start();
  }

  private void removeState() {
    DaemonState mine = state;
    if (mine != null && DaemonState.read(files.state()).map(mine::equals).orElse(false)) {
      try {
        Files.deleteIfExists(files.state());
      } catch (IOException e) {
        // a leftover state file is detected as stale by the next client (no connection)
      }
    }
  }

  private void log(String line) {
    log.println(Instant.now().truncatedTo(ChronoUnit.SECONDS) + " commit-polish daemon: " + line);
  }

  /**
   * Creates {@code dir} as {@code rwx------}, or makes an existing one so — only when it is a real
   * directory (not a link) owned by this user: a directory someone else controls could have the
   * state file, lock or log planted or linked elsewhere.
   */
  static void createPrivateDir(Path dir) throws IOException {
    var mode = PosixFilePermissions.fromString("rwx------");
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      Files.createDirectories(dir.getParent());
      try {
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(mode));
      } catch (java.nio.file.FileAlreadyExistsException e) {
        // created meanwhile by another process: checked below
      }
    }
    if (!Files.isDirectory(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(dir + " is not a directory (or is a symbolic link)");
    }
    if (!ownedByMe(dir)) {
      throw new IOException(
          dir
              + " belongs to "
              + Files.getOwner(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS).getName()
              + ", not to this user");
    }
    if (!Files.getPosixFilePermissions(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS).equals(mode)) {
      Files.setPosixFilePermissions(dir, mode);
    }
  }

  /**
   * Compares numeric uids where the platform has them (a uid without a passwd entry, as in
   * containers, has no name to compare); the owner's name otherwise.
   */
  private static boolean ownedByMe(Path dir) throws IOException {
    Path self = Path.of("/proc/self");
    try {
      Object mine = Files.getAttribute(self, "unix:uid");
      Object theirs = Files.getAttribute(dir, "unix:uid", java.nio.file.LinkOption.NOFOLLOW_LINKS);
      return mine.equals(theirs);
    } catch (UnsupportedOperationException | IllegalArgumentException | IOException e) {
      return Files.getOwner(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)
          .getName()
          .equals(System.getProperty("user.name"));
    }
  }

  /** A request refused before any work; the reason goes to the client as {@code no <reason>}. */
  static final class Refused extends IOException {
    Refused(String reason) {
      super(reason);
    }
  }

  static final String LC_ALL_SAVED = "COMMIT_POLISH_LC_ALL";

  /** Exported by the launcher for its bash client: the pid the client will send. */
  static final String CLIENT_PID = "COMMIT_POLISH_CLIENT_PID";

  /** One parsed request. */
  record Request(String op, String cwd, List<String> args, Map<String, String> env, byte[] stdin) {

    /** True when the directory, the arguments and the environment are all ASCII. */
    boolean ascii() {
      if (!isAscii(cwd)) {
        return false;
      }
      for (String a : args) {
        if (!isAscii(a)) {
          return false;
        }
      }
      for (var e : env.entrySet()) {
        if (!isAscii(e.getKey()) || !isAscii(e.getValue())) {
          return false;
        }
      }
      return true;
    }

    private static boolean isAscii(String s) {
      for (int i = 0; i < s.length(); i++) {
        if (s.charAt(i) >= 0x80) {
          return false;
        }
      }
      return true;
    }

    static Request read(Wire.Reader r, String token, String fingerprint) throws IOException {
      if (!Wire.MAGIC.equals(r.field(64))) {
        throw new Refused("protocol");
      }
      byte[] given;
      try {
        given = r.field(256).getBytes(StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new Refused("token");
      }
      if (!MessageDigest.isEqual(given, token.getBytes(StandardCharsets.UTF_8))) {
        throw new Refused("token");
      }
      if (!fingerprint.equals(r.field())) {
        throw new Refused("stale");
      }
      String op = r.field();
      int pid = r.number(Integer.MAX_VALUE);
      String cwd = r.field();
      int argc = r.number(256);
      var args = new ArrayList<String>(argc);
      for (int i = 0; i < argc; i++) {
        args.add(r.field());
      }
      HashMap<String, String> env = new HashMap<>();
      for (String kv = r.field(); !kv.isEmpty(); kv = r.field()) {
        int eq = kv.indexOf('=');
        if (eq <= 0) {
          throw new Refused("request");
        }
        env.put(kv.substring(0, eq), kv.substring(eq + 1));
      }
      byte[] stdin = r.bytes(r.number(Wire.MAX_REQUEST));
      if (pid != 0) {
        if (!cwd.isEmpty() || !env.isEmpty()) {
          throw new Refused("request");
        }
        env = procEnviron(pid);
        // The pid must be the client's own: one in another pid namespace (a container) would
        // name some other process here.
        if (!Integer.toString(pid).equals(env.remove(CLIENT_PID))) {
          throw new Refused("pid");
        }
        cwd = procCwd(pid);
      }
      env.remove(CLIENT_PID);
      restoreLocale(env);
      return new Request(op, cwd, List.copyOf(args), env, stdin);
    }

    /**
     * The launcher runs the bash client with {@code LC_ALL=C} (a faster start) and keeps the
     * caller's value in {@code COMMIT_POLISH_LC_ALL}: {@code x<value>}, or {@code u} for unset.
     */
    static void restoreLocale(Map<String, String> env) {
      String saved = env.remove(LC_ALL_SAVED);
      if (saved == null) {
        return;
      }
      if (saved.startsWith("x")) {
        env.put("LC_ALL", saved.substring(1));
      } else if (saved.equals("u")) {
        env.remove("LC_ALL");
      }
    }

    /**
     * The working directory of the client process, from Linux's /proc: the client sends its pid
     * instead of its environment and directory when it can, which saves it a millisecond of shell
     * work per run. Only the user's own processes are readable, so a client can learn no more
     * through this than it could read itself.
     */
    private static String procCwd(int pid) throws IOException {
      try {
        return Files.readSymbolicLink(Path.of("/proc", Integer.toString(pid), "cwd")).toString();
      } catch (IOException | UnsupportedOperationException e) {
        throw new Refused("pid");
      }
    }

    /** The environment the client process was started with (/proc/PID/environ). */
    private static HashMap<String, String> procEnviron(int pid) throws IOException {
      byte[] all;
      try {
        all = Files.readAllBytes(Path.of("/proc", Integer.toString(pid), "environ"));
      } catch (IOException e) {
        throw new Refused("pid");
      }
      var env = new HashMap<String, String>();
      int from = 0;
      for (int i = 0; i < all.length; i++) {
        if (all[i] == 0) {
          String kv = Wire.decode(Arrays.copyOfRange(all, from, i));
          int eq = kv.indexOf('=');
          if (eq > 0) {
            env.put(kv.substring(0, eq), kv.substring(eq + 1));
          }
          from = i + 1;
        }
      }
      return env;
    }
  }
}
