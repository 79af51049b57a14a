package dev.commitpolish.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.commitpolish.cli.CliRun;
import dev.commitpolish.cli.Env;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code server start|stop|status|restart|logs} against the llamafile stand-in executable ({@code
 * commit-polish-standin/src/main/scripts/llamafile-standin}), which takes llamafile's command line,
 * opens its port only after a "load" delay and moves to the next port when busy.
 */
class ServerLifecycleTest {

  @TempDir Path tmp;
  private Env env;
  private int port;
  private String out;
  private String err;

  static Path standInScript() {
    Path p = Path.of("").toAbsolutePath();
    for (Path d = p; d != null; d = d.getParent()) {
      Path s = d.resolve("commit-polish-standin/src/main/scripts/llamafile-standin");
      if (Files.isRegularFile(s)) {
        return s;
      }
    }
    throw new IllegalStateException("llamafile-standin script not found above " + p);
  }

  static Map<String, String> baseEnv(Path tmp) {
    Map<String, String> v = new HashMap<>();
    v.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    v.put("HOME", tmp.resolve("home").toString());
    v.put("XDG_STATE_HOME", tmp.resolve("state").toString());
    v.put("XDG_DATA_HOME", tmp.resolve("data").toString());
    v.put("XDG_CONFIG_HOME", tmp.resolve("config").toString());
    v.put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // The stand-in runs from the test classpath (the installed standin jar + jackson-jr).
    v.put("LLAMAFILE_STANDIN_CLASSPATH", System.getProperty("java.class.path"));
    v.put("LLAMAFILE_STANDIN_LOAD_MS", "400");
    return v;
  }

  @BeforeEach
  void setUp() throws IOException {
    port = freePort();
    Path model = Files.writeString(tmp.resolve("tiny.gguf"), "GGUF stand-in weights");
    Path cfg = tmp.resolve("config/commit-polish/config.toml");
    Files.createDirectories(cfg.getParent());
    Files.writeString(
        cfg,
        "[llamafile]\n"
            + "path = "
            + ConfigEditor.quote(standInScript().toString())
            + "\nmodel_path = "
            + ConfigEditor.quote(model.toString())
            + "\nport = "
            + port
            + "\ncontext_size = 1024\n");
    env = new Env(baseEnv(tmp), tmp);
  }

  @AfterEach
  void killLeftovers() {
    killServerOf(env);
  }

  /** Never leave a stand-in running, whatever the test did. */
  static void killServerOf(Env env) {
    ServerState.load(ServerPaths.of(env).stateFile())
        .flatMap(s -> ProcessHandle.of(s.pid()))
        .ifPresent(ProcessHandle::destroyForcibly);
  }

  private int run(String... args) {
    CliRun r = CliRun.of(env, args);
    out = r.out();
    err = r.err();
    return r.code();
  }

  private ServerState state() {
    return ServerState.load(ServerPaths.of(env).stateFile()).orElseThrow();
  }

  static int freePort() throws IOException {
    // Pick a port whose +1 neighbour is free too, so "port moved" tests are deterministic.
    for (int i = 0; i < 50; i++) {
      int p;
      try (var s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        p = s.getLocalPort();
      }
      if (p < 65000 && isFree(p + 1)) {
        return p;
      }
    }
    throw new IOException("no free port pair");
  }

  private static boolean isFree(int p) {
    try (var s = new ServerSocket(p, 1, InetAddress.getLoopbackAddress())) {
      return s.isBound();
    } catch (IOException e) {
      return false;
    }
  }

  static int httpStatus(String url) {
    try {
      var c = (HttpURLConnection) new URL(url).openConnection(Proxy.NO_PROXY);
      c.setConnectTimeout(1000);
      c.setReadTimeout(2000);
      return c.getResponseCode();
    } catch (IOException e) {
      return 0;
    }
  }

  @Test
  void startRunsLlamafileDetachedWaitsForHealthAndStatusLogsStopWork() throws Exception {
    assertThat(run("server", "start", "--wait", "60")).as(err).isEqualTo(0);
    assertThat(out).contains("llamafile is ready").contains("http://127.0.0.1:" + port + "/v1");
    ServerState s = state();
    assertThat(s.port()).isEqualTo(port);
    assertThat(httpStatus("http://127.0.0.1:" + port + "/health")).isEqualTo(200);
    // The launch used llamafile's server command line.
    assertThat(ProcessCheck.commandLine(s.pid()).orElseThrow())
        .containsSubsequence("--server", "--nobrowser", "--host", "127.0.0.1", "--port")
        .contains("-c", "1024", "-m");

    assertThat(run("server", "status")).isEqualTo(0);
    assertThat(out)
        .contains("running (ready)")
        .contains("pid:          " + s.pid())
        .contains("127.0.0.1:" + port)
        .contains("tiny.gguf")
        .contains("context size: 1024 tokens")
        .contains("uptime:");

    assertThat(run("server", "logs")).isEqualTo(0);
    assertThat(out).contains("llama server listening at http://127.0.0.1:" + port);

    assertThat(run("server", "stop")).isEqualTo(0);
    assertThat(out).contains("stopped llamafile (pid " + s.pid() + ")");
    assertThat(ProcessHandle.of(s.pid()).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    assertThat(ServerPaths.of(env).stateFile()).doesNotExist();
    assertThat(run("server", "status")).isEqualTo(1);
    assertThat(out).contains("not running");
  }

  @Test
  void startingTwiceIsHarmless() throws Exception {
    assertThat(run("server", "start")).as(err).isEqualTo(0);
    long pid = state().pid();
    assertThat(run("server", "start")).isEqualTo(0);
    assertThat(out).contains("already running (pid " + pid + ")");
    assertThat(state().pid()).isEqualTo(pid);
    assertThat(run("server", "stop")).isEqualTo(0);
  }

  @Test
  void reportsTheActualPortWhenTheConfiguredOneIsBusy() throws Exception {
    try (var busy = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      assertThat(busy.isBound()).isTrue();
      assertThat(run("server", "start")).as(err).isEqualTo(0);
    }
    assertThat(err).contains("port " + port + " was busy; llamafile moved to port " + (port + 1));
    assertThat(out).contains("http://127.0.0.1:" + (port + 1) + "/v1");
    assertThat(state().port()).isEqualTo(port + 1);
    assertThat(httpStatus("http://127.0.0.1:" + (port + 1) + "/health")).isEqualTo(200);
    assertThat(run("server", "stop")).isEqualTo(0);
  }

  @Test
  void stopNeverKillsAProcessThatIsNotOurLlamafile() throws Exception {
    Process other = new ProcessBuilder("sleep", "30").start();
    try {
      new ServerState(
              other.pid(),
              "127.0.0.1",
              port,
              port,
              java.time.Instant.now(),
              standInScript().toString(),
              Optional.of(tmp.resolve("tiny.gguf").toString()),
              1024)
          .save(ServerPaths.of(env).stateFile());
      assertThat(run("server", "stop")).isEqualTo(0);
      assertThat(err).contains("is no longer the llamafile commit-polish started");
      assertThat(other.isAlive()).isTrue();
      assertThat(ServerPaths.of(env).stateFile()).doesNotExist();
      // status does not claim the foreign process either
      assertThat(run("server", "status")).isEqualTo(1);
    } finally {
      other.destroyForcibly();
    }
  }

  @Test
  void stopKillsFirmlyWhenSigtermIsIgnored() throws Exception {
    env = env.with("LLAMAFILE_STANDIN_IGNORE_TERM", "1");
    assertThat(run("server", "start")).as(err).isEqualTo(0);
    long pid = state().pid();
    assertThat(run("server", "stop", "--grace", "1")).isEqualTo(0);
    assertThat(out).contains("killed after 1 s");
    ProcessHandle.of(pid).ifPresent(h -> h.onExit().orTimeout(5, TimeUnit.SECONDS).join());
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
  }

  @Test
  void restartReplacesTheProcess() throws Exception {
    assertThat(run("server", "start")).as(err).isEqualTo(0);
    long first = state().pid();
    assertThat(run("server", "restart")).as(err).isEqualTo(0);
    long second = state().pid();
    assertThat(second).isNotEqualTo(first);
    assertThat(ProcessHandle.of(first).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    assertThat(httpStatus("http://127.0.0.1:" + port + "/health")).isEqualTo(200);
    assertThat(run("server", "stop")).isEqualTo(0);
  }

  @Test
  void startFailsWithTheLogWhenLlamafileExits() throws Exception {
    // Every port of port..port+10 busy: llamafile (and its stand-in) exits.
    var sockets = new java.util.ArrayList<ServerSocket>();
    try {
      for (int i = 0; i <= 10; i++) {
        try {
          sockets.add(new ServerSocket(port + i, 1, InetAddress.getLoopbackAddress()));
        } catch (IOException e) {
          // already taken by someone else: just as busy
        }
      }
      assertThat(run("server", "start", "--wait", "20")).as(err).isEqualTo(1);
    } finally {
      for (var s : sockets) {
        s.close();
      }
    }
    assertThat(err).contains("llamafile exited with code 1").contains("couldn't bind");
    assertThat(ServerPaths.of(env).stateFile()).doesNotExist();
  }

  @Test
  void findsTheServerByProbingItsPortsWhenNoListeningLineIsLogged() throws Exception {
    // A llamafile whose output goes elsewhere: start must find the port that serves our model.
    Path quiet = tmp.resolve("quiet-llamafile");
    Files.writeString(quiet, "#!/bin/sh\nexec '" + standInScript() + "' \"$@\" >/dev/null 2>&1\n");
    assertThat(quiet.toFile().setExecutable(true)).isTrue();
    try (var busy = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      assertThat(busy.isBound()).isTrue();
      assertThat(run("server", "start", "--llamafile", quiet.toString(), "--wait", "60"))
          .as(err)
          .isEqualTo(0);
    }
    assertThat(state().port()).isEqualTo(port + 1);
    assertThat(ServerManager.tail(ServerPaths.of(env).logFile(), 5)).isEmpty();
    assertThat(run("server", "stop")).isEqualTo(0);
  }

  @Test
  void startExplainsAMissingLlamafile() {
    env = env.with("XDG_CONFIG_HOME", tmp.resolve("empty-config").toString());
    assertThat(run("server", "start")).isEqualTo(1);
    assertThat(err).contains("llamafile not found").contains("commit-polish setup");
    assertThat(ServerHints.startHint(env)).contains("commit-polish setup");
  }

  @Test
  void hintPointsToServerStartOnceInstalled() {
    assertThat(ServerHints.startHint(env))
        .isEqualTo("start the local model server: commit-polish server start");
  }
}
