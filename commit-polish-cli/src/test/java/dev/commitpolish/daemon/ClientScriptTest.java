package dev.commitpolish.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/commit-polish-client.bash} against a fake worker that misbehaves in each way a real
 * one could (a stranger on the port, a refusal, death after "ok" or after "go"): the client falls
 * back to in-process only while the worker has run nothing, and a hook it loses keeps the message
 * and exits 0 with exactly one line.
 */
class ClientScriptTest {

  static final String PROOF = "ab".repeat(24);
  static final String TOKEN = "cd".repeat(24);

  @TempDir Path tmp;
  ServerSocket server;
  Thread thread;
  Path state;
  Path fallback;

  @BeforeEach
  void setUp() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    state = tmp.resolve("daemon-fp.state");
    new DaemonState(server.getLocalPort(), TOKEN, 1, PROOF).write(state);
    fallback = tmp.resolve("fallback.sh");
    // the in-process run stands in: says it ran, with what it got on stdin
    Files.writeString(
        fallback,
        "#!/bin/sh\nprintf 'in-process (%s): ' \"$COMMIT_POLISH_DAEMON_TRIED\"\ncat\nexit 0\n");
    Files.setPosixFilePermissions(fallback, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @AfterEach
  void tearDown() throws Exception {
    server.close();
    if (thread != null) {
      thread.join(10_000);
    }
  }

  /** Serves one connection with {@code behaviour(in, out)}. */
  private void fake(BiConsumer<InputStream, OutputStream> behaviour) {
    thread =
        new Thread(
            () -> {
              try (Socket s = server.accept()) {
                behaviour.accept(new BufferedInputStream(s.getInputStream()), s.getOutputStream());
              } catch (IOException e) {
                // closed by tearDown
              }
            });
    thread.start();
  }

  private static void send(OutputStream out, String s) {
    try {
      out.write(s.getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Reads the request up to and including its stdin (argc fields + env end + length + bytes). */
  private static List<String> readRequest(InputStream in) {
    try {
      var r = new Wire.Reader(in, 10_000_000_000L);
      List<String> f = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        f.add(r.field());
      }
      int argc = r.number(64);
      for (int i = 0; i < argc; i++) {
        f.add(r.field());
      }
      for (String kv = r.field(); !kv.isEmpty(); kv = r.field()) {
        f.add(kv);
      }
      f.add(new String(r.bytes(r.number(1 << 20)), StandardCharsets.UTF_8));
      return f;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  record Run(int code, String out, String err) {}

  private Run client(String stdin, String... args) throws Exception {
    return clientVia(null, stdin, args);
  }

  /** As the launcher runs it: exec'd from a shell that exported its own pid. */
  private static final String AS_LAUNCHER =
      "COMMIT_POLISH_CLIENT_PID=$$; export COMMIT_POLISH_CLIENT_PID; ";

  /**
   * Runs the client, exec'd by {@code sh -c} after {@code shell} (e.g. {@link #AS_LAUNCHER}), or
   * run directly by bash when {@code shell} is null (its pid is then not the one exported).
   */
  private Run clientVia(String shell, String stdin, String... args) throws Exception {
    Path client =
        Path.of(System.getProperty("cp.root", ".."), "bin", "commit-polish-client.bash")
            .toAbsolutePath()
            .normalize();
    List<String> cmd = new ArrayList<>();
    if (shell != null) {
      cmd.addAll(List.of("sh", "-c", shell + "exec bash -p \"$@\"", "sh"));
    } else {
      cmd.addAll(List.of("bash", "-p"));
    }
    cmd.addAll(List.of(client.toString(), fallback.toString(), state.toString(), "fp"));
    cmd.addAll(List.of(args));
    var pb = new ProcessBuilder(cmd).directory(tmp.toFile());
    pb.environment().put("LC_ALL", "C");
    pb.environment().put("COMMIT_POLISH_LC_ALL", "u");
    Path in = Files.writeString(tmp.resolve("stdin"), stdin);
    pb.redirectInput(in.toFile());
    Path out = tmp.resolve("out");
    Path err = tmp.resolve("err");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("client finished").isTrue();
    return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  @Test
  void sendsNeitherStdinNorTheEnvironmentToAListenerWithoutTheProof() throws Exception {
    var got = new StringBuilder();
    fake(
        (in, out) -> {
          send(out, Wire.MAGIC + " " + "ef".repeat(24) + "\n");
          try {
            got.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
          } catch (IOException e) {
            // client gone
          }
        });
    Run r = client("fix: a secret draft\n", "lint");
    assertThat(r.out()).isEqualTo("in-process (1): fix: a secret draft\n");
    thread.join(10_000);
    // what may go out before the greeting (a dead worker's token, the pid, the arguments) is
    // worth nothing to whoever took the port; the message and the environment are
    assertThat(got.toString()).doesNotContain("secret draft").doesNotContain("PATH=");
  }

  @Test
  void aGreetingCutShortOrRunningLongIsNotTheWorkers() throws Exception {
    // the client reads the greeting as one block of its expected length
    for (String greeting :
        List.of(
            Wire.MAGIC + " " + PROOF.substring(1) + "\n",
            Wire.MAGIC + " " + PROOF + "x\n",
            Wire.MAGIC + " " + PROOF)) {
      var got = new StringBuilder();
      fake(
          (in, out) -> {
            send(out, greeting);
            if (!greeting.endsWith("\n")) {
              try {
                out.close(); // and gone
              } catch (IOException e) {
                // already
              }
              return;
            }
            try {
              got.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
              // client gone
            }
          });
      Run r = client("fix: a secret draft\n", "lint");
      thread.join(10_000);
      assertThat(r.out()).as(greeting).isEqualTo("in-process (1): fix: a secret draft\n");
      assertThat(got.toString()).as(greeting).doesNotContain("secret draft");
    }
  }

  @Test
  void aDescriptorTheCallerPassedOnReachesTheInProcessRunAndStderrIsTheCallers() throws Exception {
    fake(
        (in, out) -> {
          send(out, Wire.MAGIC + " " + PROOF + "\n");
          readRequest(in);
          send(out, "no stale\n");
        });
    Path three = tmp.resolve("fd3");
    Files.writeString(
        fallback, "#!/bin/sh\necho 'to fd 3' >&3\necho 'to stderr' >&2\ncat >/dev/null\nexit 0\n");
    Run r = clientVia("exec 3>'" + three + "'; ", "fix: x\n", "lint");
    assertThat(r.code()).isZero();
    assertThat(Files.readString(three)).isEqualTo("to fd 3\n");
    assertThat(r.err()).isEqualTo("to stderr\n");
  }

  @Test
  void aRefusalRunsInProcessWithTheSameStdin() throws Exception {
    fake(
        (in, out) -> {
          send(out, Wire.MAGIC + " " + PROOF + "\n");
          readRequest(in);
          send(out, "no stale\n");
        });
    Run r = client("feat: héllo\n\nbody\n", "lint");
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo("in-process (1): feat: héllo\n\nbody\n");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void passesThroughTheWorkersOutputAndExitCodeByteForByte() throws Exception {
    List<String> request = new ArrayList<>();
    String out = "⧗   input: ünïcode\n✖   problem\n\n";
    String err = "a warning\n";
    fake(
        (in, o) -> {
          send(o, Wire.MAGIC + " " + PROOF + "\n");
          request.addAll(readRequest(in));
          int ol = out.getBytes(StandardCharsets.UTF_8).length;
          int el = err.getBytes(StandardCharsets.UTF_8).length;
          send(o, "ok\n1 " + ol + " " + el + "\n" + out + err);
        });
    Run r = client("fix: Bad.\n", "lint");
    assertThat(r).isEqualTo(new Run(1, out, err));
    assertThat(request.get(1)).isEqualTo(TOKEN);
    assertThat(request.get(2)).isEqualTo("fp");
    assertThat(request.get(3)).isEqualTo("run");
    assertThat(request).contains("lint").endsWith("fix: Bad.\n");
  }

  @Test
  void sendsItsPidForProcOnlyWhenItIsThePidTheLauncherExported() throws Exception {
    for (boolean asLauncher : new boolean[] {true, false}) {
      List<String> request = new ArrayList<>();
      fake(
          (in, o) -> {
            send(o, Wire.MAGIC + " " + PROOF + "\n");
            request.addAll(readRequest(in));
            send(o, "ok\n0 0 0\n");
          });
      Run r = clientVia(asLauncher ? AS_LAUNCHER : null, "feat: ok\n", "lint");
      thread.join(10_000);
      assertThat(r.code()).isZero();
      if (asLauncher) {
        // the pid, and no directory or environment: the worker reads them from /proc
        assertThat(request.get(4)).isNotEqualTo("0");
        assertThat(request.get(5)).isEmpty();
        assertThat(request).noneMatch(f -> f.startsWith("PATH="));
      } else {
        // a wrapper's pid would name another process: directory and environment are sent
        assertThat(request.get(4)).isEqualTo("0");
        assertThat(request.get(5)).isEqualTo(tmp.toRealPath().toString());
        assertThat(request).anyMatch(f -> f.startsWith("PATH="));
      }
    }
  }

  @Test
  void aHookWhoseWorkerDiesBeforeOkRunsInProcess() throws Exception {
    fake(
        (in, out) -> {
          send(out, Wire.MAGIC + " " + PROOF + "\n");
          readRequest(in);
          // dies without a word: the run was never taken
        });
    Run r = client("", "hook", "MSG", "message");
    assertThat(r.out()).startsWith("in-process (1)");
  }

  @Test
  void aHookWhoseWorkerDiesAfterGoKeepsTheMessageWithOneLineAndExitZero() throws Exception {
    Path msg = Files.writeString(tmp.resolve("MSG"), "fixed the login thing\n");
    var sawGo = new StringBuilder();
    fake(
        (in, out) -> {
          send(out, Wire.MAGIC + " " + PROOF + "\n");
          readRequest(in);
          send(out, "ok\n");
          try {
            sawGo.append(new String(in.readNBytes(3), StandardCharsets.US_ASCII));
          } catch (IOException e) {
            // the client went
          }
          // dies mid-run
        });
    Run r = client("", "hook", "MSG", "message");
    assertThat(sawGo.toString()).isEqualTo("go\n");
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(r.err().lines().toList())
        .containsExactly(
            "commit-polish: no answer from the resident worker; the message is as it left it"
                + " (run: commit-polish daemon status)");
    assertThat(Files.readString(msg)).isEqualTo("fixed the login thing\n");
  }

  @Test
  void stdinWithANulByteRunsInProcessWithAllOfIt() throws Exception {
    Run r = client("fix: a\u0000b\n", "lint");
    assertThat(r.out()).isEqualTo("in-process (1): fix: a\u0000b\n");
  }

  @Test
  void aDeadWorkersPortRunsInProcessEvenInPosixMode() throws Exception {
    server.close(); // the state file names a port nobody listens on
    for (String shell : new String[] {null, "POSIXLY_CORRECT=1; export POSIXLY_CORRECT; "}) {
      Run lint = clientVia(shell, "x\n", "lint");
      assertThat(lint).as(shell).isEqualTo(new Run(0, "in-process (1): x\n", ""));
      Run hook = clientVia(shell, "", "hook", "MSG", "message");
      assertThat(hook).as(shell).isEqualTo(new Run(0, "in-process (1): ", ""));
    }
  }

  @Test
  void aMissingStateFileRunsInProcessSilently() throws Exception {
    Files.delete(state);
    Run r = client("x\n", "lint");
    assertThat(r.out()).isEqualTo("in-process (1): x\n");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void optionsOtherThanTheHooksAndLintsOwnRunInProcess() throws Exception {
    assertThat(client("", "hook", "--help").out()).startsWith("in-process (1)");
    assertThat(client("", "lint", "--range", "A..B").out()).startsWith("in-process (1)");
    assertThat(client("", "lint", "--edit", "-x").out()).startsWith("in-process (1)");
  }
}
