package dev.commitpolish.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.commitpolish.cli.Env;
import dev.commitpolish.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker in this JVM, spoken to over real loopback TCP through {@link DaemonClient}. */
class DaemonServerTest {

  @TempDir Path tmp;
  DaemonFiles files;
  DaemonServer server;
  Thread thread;
  ByteArrayOutputStream log = new ByteArrayOutputStream();
  volatile int exit = -1;

  @BeforeEach
  void start() throws Exception {
    files = new DaemonFiles(tmp.resolve("run/commit-polish"), "testbuild");
    startWith(Duration.ofMinutes(5));
  }

  private void startWith(Duration idle) throws InterruptedException {
    server = new DaemonServer(files, idle, new PrintStream(log, true, StandardCharsets.UTF_8));
    thread = new Thread(() -> exit = server.run(), "daemon-under-test");
    thread.start();
    long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (DaemonState.read(files.state()).isEmpty() && System.nanoTime() - until < 0) {
      Thread.sleep(10);
    }
    assertThat(files.state()).exists();
  }

  @AfterEach
  void stop() throws InterruptedException {
    server.stop("test over");
    thread.join(70_000);
  }

  private DaemonClient client() {
    return new DaemonClient(files, Duration.ofSeconds(20));
  }

  private Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("HOME", tmp.resolve("home").toString());
    env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    return env;
  }

  record InProcess(int code, String out, String err) {}

  private InProcess inProcess(List<String> args, Map<String, String> env, Path cwd, String stdin) {
    var o = new ByteArrayOutputStream();
    var e = new ByteArrayOutputStream();
    int code =
        Main.run(
            args.toArray(new String[0]),
            new PrintStream(o, true, StandardCharsets.UTF_8),
            new PrintStream(e, true, StandardCharsets.UTF_8),
            new Env(env, cwd),
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            new dev.commitpolish.cli.Caller() {});
    return new InProcess(
        code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
  }

  @Test
  void stateFileIsPrivateAndHidesTheTokenInItsString() throws IOException {
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files.state())))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files.dir())))
        .isEqualTo("rwx------");
    DaemonState st = DaemonState.read(files.state()).orElseThrow();
    assertThat(st.pid()).isEqualTo(ProcessHandle.current().pid());
    assertThat(st.toString()).doesNotContain(st.token());
    assertThat(log.toString(StandardCharsets.UTF_8)).doesNotContain(st.token());
  }

  @Test
  void lintAnswersExactlyAsTheInProcessRun() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("work"));
    for (String msg :
        List.of(
            "fix: Bad subject.\n",
            "feat(api): add the endpoint\n",
            "feat: ünïcode — ok\n\nbody line\n",
            "not conventional at all",
            "")) {
      var want = inProcess(List.of("lint"), env(), dir, msg);
      var got =
          client().call("run", dir, List.of("lint"), env(), msg.getBytes(StandardCharsets.UTF_8));
      assertThat(got.code()).as(msg).isEqualTo(want.code());
      assertThat(got.stdout()).as(msg).isEqualTo(want.out());
      assertThat(got.stderr()).as(msg).isEqualTo(want.err());
    }
  }

  @Test
  void lintEditReadsTheFileRelativeToTheClientsDirectory() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("work"));
    Files.writeString(dir.resolve("MSG"), "feat: Subject Case.\n# a comment\n");
    var got = client().call("run", dir, List.of("lint", "--edit", "MSG"), env(), new byte[0]);
    var want = inProcess(List.of("lint", "--edit", "MSG"), env(), dir, "");
    assertThat(got.code()).isEqualTo(want.code()).isEqualTo(1);
    assertThat(got.stdout()).isEqualTo(want.out()).contains("subject-full-stop");
  }

  @Test
  void servesConcurrentClients() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("work"));
    var pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<DaemonClient.Reply>> replies = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        String msg = i % 2 == 0 ? "feat: ok " + i + "\n" : "bad " + i + "\n";
        Callable<DaemonClient.Reply> call =
            () ->
                client()
                    .call("run", dir, List.of("lint"), env(), msg.getBytes(StandardCharsets.UTF_8));
        replies.add(pool.submit(call));
      }
      for (int i = 0; i < replies.size(); i++) {
        var r = replies.get(i).get();
        assertThat(r.code()).as("message %d", i).isEqualTo(i % 2 == 0 ? 0 : 1);
        // commitlint prints nothing for a valid message
        if (i % 2 == 0) {
          assertThat(r.stdout()).as("message %d", i).isEmpty();
        } else {
          assertThat(r.stdout()).as("message %d", i).contains("bad " + i);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(client().call("status", dir, List.of(), Map.of(), new byte[0]).stdout())
        .contains("served 40 (0 hook, 40 lint)");
  }

  @Test
  void refusesAWrongTokenAndSaysSoInTheLogWithoutTheToken() throws IOException {
    DaemonState st = DaemonState.read(files.state()).orElseThrow();
    String reply = rawRequest(st.port(), "commit-polish-daemon 1", "0".repeat(48), "testbuild");
    assertThat(reply).isEqualTo("no token");
    assertThat(log.toString(StandardCharsets.UTF_8))
        .contains("refused a connection with a wrong token")
        .doesNotContain(st.token());
  }

  @Test
  void refusesOtherBuildsOtherProtocolsAndOtherCommands() throws IOException {
    DaemonState st = DaemonState.read(files.state()).orElseThrow();
    assertThat(rawRequest(st.port(), "commit-polish-daemon 1", st.token(), "otherbuild"))
        .isEqualTo("no stale");
    assertThat(rawRequest(st.port(), "GET / HTTP/1.1")).isEqualTo("no protocol");
    Path dir = Files.createDirectories(tmp.resolve("work"));
    // only the per-commit commands: everything else runs in-process, where picocli parses it
    for (List<String> args :
        List.of(
            List.of("install"),
            List.of("lint", "--range", "HEAD~1..HEAD"),
            List.of("hook", "--help"),
            List.of("config", "show"))) {
      assertThatThrownBy(() -> client().call("run", dir, args, env(), new byte[0]))
          .isInstanceOf(DaemonClient.RefusedException.class)
          .hasMessageContaining("command");
    }
    assertThatThrownBy(
            () -> client().call("run", Path.of("relative"), List.of("lint"), env(), new byte[0]))
        .isInstanceOf(DaemonClient.RefusedException.class)
        .hasMessageContaining("cwd");
  }

  /** Sends a raw request as the bash client does, with {@code pid}; returns the whole reply. */
  private String procRequest(long pid, List<String> args) throws IOException {
    DaemonState st = DaemonState.read(files.state()).orElseThrow();
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), st.port())) {
      s.setSoTimeout(20_000);
      InputStream in = s.getInputStream();
      assertThat(Wire.readLine(in)).isEqualTo(Wire.MAGIC + " " + st.proof());
      OutputStream out = s.getOutputStream();
      List<String> fields = new ArrayList<>();
      fields.addAll(List.of(Wire.MAGIC, st.token(), "testbuild", "run", Long.toString(pid), ""));
      fields.add(Integer.toString(args.size()));
      fields.addAll(args);
      fields.addAll(List.of("", "0"));
      for (String f : fields) {
        Wire.field(out, f);
      }
      out.flush();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void takesTheClientsEnvironmentAndDirectoryFromProc() throws Exception {
    // A stand-in for the bash client: a process with its own directory and environment, which
    // names its own pid in COMMIT_POLISH_CLIENT_PID as the launcher does.
    Path dir = Files.createDirectories(tmp.resolve("client-dir"));
    Files.writeString(dir.resolve("MSG"), "feat: Subject Case.\n");
    var pb =
        new ProcessBuilder(
                "sh",
                "-c",
                "COMMIT_POLISH_CLIENT_PID=$$; export COMMIT_POLISH_CLIENT_PID; exec sleep 60")
            .directory(dir.toFile());
    pb.environment().put("HOME", tmp.resolve("home").toString());
    Process client = pb.start();
    try {
      long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!Files.readString(Path.of("/proc", Long.toString(client.pid()), "environ"))
              .contains("COMMIT_POLISH_CLIENT_PID")
          && System.nanoTime() - until < 0) {
        Thread.sleep(10);
      }
      // a relative file: found only in the client's directory
      String reply = procRequest(client.pid(), List.of("lint", "--edit", "MSG"));
      assertThat(reply).startsWith("ok\n1 ").contains("subject-full-stop");
    } finally {
      client.destroyForcibly();
    }
  }

  @Test
  void refusesAPidThatIsNotTheClients() throws IOException {
    // this JVM does not name itself in COMMIT_POLISH_CLIENT_PID: as if the pid came from another
    // pid namespace
    assertThat(procRequest(ProcessHandle.current().pid(), List.of("lint"))).isEqualTo("no pid\n");
  }

  @Test
  void aHookRunsOnlyAfterTheClientSaysGo() throws Exception {
    // A client that gives up after the request (it ran the hook in-process) never says "go".
    Path dir = Files.createDirectories(tmp.resolve("work"));
    DaemonState st = DaemonState.read(files.state()).orElseThrow();
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), st.port())) {
      s.setSoTimeout(20_000);
      InputStream in = s.getInputStream();
      Wire.readLine(in);
      OutputStream out = s.getOutputStream();
      for (String f :
          List.of(
              Wire.MAGIC,
              st.token(),
              "testbuild",
              "run",
              "0",
              dir.toString(),
              "2",
              "hook",
              "MSG",
              "HOME=" + tmp,
              "",
              "0")) {
        Wire.field(out, f);
      }
      out.flush();
      assertThat(Wire.readLine(in)).isEqualTo("ok");
    }
    Thread.sleep(300);
    assertThat(client().status().orElseThrow()).contains("(0 hook, 0 lint)");
  }

  @Test
  void putsBackTheCallersLocale() {
    Map<String, String> env = new HashMap<>(Map.of("LC_ALL", "C", "COMMIT_POLISH_LC_ALL", "u"));
    DaemonServer.Request.restoreLocale(env);
    assertThat(env).isEmpty();
    env = new HashMap<>(Map.of("LC_ALL", "C", "COMMIT_POLISH_LC_ALL", "xde_DE.UTF-8"));
    DaemonServer.Request.restoreLocale(env);
    assertThat(env).containsExactly(Map.entry("LC_ALL", "de_DE.UTF-8"));
    env = new HashMap<>(Map.of("LC_ALL", "C"));
    DaemonServer.Request.restoreLocale(env);
    assertThat(env).containsExactly(Map.entry("LC_ALL", "C"));
  }

  @Test
  void stopsWhenAskedAndRemovesItsFiles() throws Exception {
    var reply = client().call("stop", tmp, List.of(), Map.of(), new byte[0]);
    assertThat(reply.stdout()).startsWith("stopping");
    thread.join(70_000);
    assertThat(exit).isZero();
    assertThat(files.state()).doesNotExist();
    assertThat(client().status()).isEmpty();
    assertThat(log.toString(StandardCharsets.UTF_8)).contains("stopped: asked to stop");
  }

  @Test
  void stopsWhenItsStateFileIsRemoved() throws Exception {
    // a short idle time checks often (a quarter of it); the removal is noticed before it runs out
    server.stop("restart with a short idle time");
    thread.join(70_000);
    startWith(Duration.ofSeconds(20));
    Files.delete(files.state());
    thread.join(70_000);
    assertThat(thread.isAlive()).isFalse();
    assertThat(log.toString(StandardCharsets.UTF_8)).contains("removed or replaced");
  }

  @Test
  void stopsAfterTheIdleTime() throws Exception {
    server.stop("restart with a short idle time");
    thread.join(70_000);
    startWith(Duration.ofSeconds(1));
    thread.join(30_000);
    assertThat(thread.isAlive()).isFalse();
    assertThat(log.toString(StandardCharsets.UTF_8)).contains("stopped: idle for");
    assertThat(files.state()).doesNotExist();
  }

  @Test
  void aSecondWorkerOfTheSameBuildDoesNotStart() {
    var second = new ByteArrayOutputStream();
    int code = new DaemonServer(files, Duration.ofMinutes(1), new PrintStream(second, true)).run();
    assertThat(code).isZero();
    assertThat(second.toString()).contains("already runs");
    assertThat(client().status()).isPresent();
  }

  @Test
  void aMissingOrGarbledStateFileMeansNoWorker() throws IOException {
    var none = new DaemonFiles(tmp.resolve("elsewhere"), "testbuild");
    assertThat(new DaemonClient(none, Duration.ofSeconds(1)).status()).isEmpty();
    Files.createDirectories(none.dir());
    Files.writeString(none.state(), "not a state line\n");
    assertThat(DaemonState.read(none.state())).isEmpty();
    assertThatThrownBy(
            () ->
                new DaemonClient(none, Duration.ofSeconds(1))
                    .call("status", tmp, List.of(), Map.of(), new byte[0]))
        .isInstanceOf(IOException.class);
  }

  /** Writes NUL-terminated fields and returns the worker's first reply line. */
  private static String rawRequest(int port, String... fields) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(20_000);
      InputStream in = s.getInputStream();
      assertThat(Wire.readLine(in)).startsWith(Wire.MAGIC + " ");
      OutputStream out = s.getOutputStream();
      for (String f : fields) {
        Wire.field(out, f);
      }
      out.flush();
      return Wire.readLine(in);
    }
  }
}
