package dev.commitpolish.hook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.commitpolish.daemon.DaemonClient;
import dev.commitpolish.daemon.DaemonFiles;
import dev.commitpolish.daemon.DaemonServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A resident worker in this JVM for hook tests that run every case through it: repositories made
 * with {@link #customize} get a hook that runs the real launcher, {@code bin/commit-polish}, which
 * hands the run to this worker through its bash client. The build directory it is given has no
 * jars, so a run that falls back to in-process fails the commit.
 */
final class TestWorker {

  private final Path scratch;
  private final DaemonFiles files;
  private final DaemonServer server;
  private final Thread thread;
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();

  private TestWorker() throws IOException, InterruptedException {
    scratch = Files.createTempDirectory("cp-worker");
    // What the launcher needs to find this worker: a build directory holding the fingerprint
    // (no jars: a fallback to in-process fails the commit loudly) and the runtime dir.
    Files.createDirectories(scratch.resolve("build"));
    Files.writeString(scratch.resolve("build/commit-polish.key"), "hooktest\n");
    files = new DaemonFiles(scratch.resolve("xdg/commit-polish"), "hooktest");
    server =
        new DaemonServer(
            files, Duration.ofMinutes(30), new PrintStream(log, true, StandardCharsets.UTF_8));
    thread = new Thread(server::run, "worker-under-test");
    thread.start();
    long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!Files.exists(files.state()) && System.nanoTime() - until < 0) {
      Thread.sleep(10);
    }
    assertThat(files.state()).exists();
  }

  static TestWorker start() throws IOException, InterruptedException {
    return new TestWorker();
  }

  /**
   * Makes repositories created with {@code env} run their hook through the real launcher, which
   * finds this worker and hands the run to it with its bash client.
   */
  void customize(Map<String, String> env) {
    Path launcher =
        Path.of(System.getProperty("cp.root", ".."), "bin", "commit-polish")
            .toAbsolutePath()
            .normalize();
    env.put(Repo.HOOK_LINE, "exec \"" + launcher + "\" hook \"$@\"\n");
    env.put("XDG_RUNTIME_DIR", scratch.resolve("xdg").toString());
    env.put("COMMIT_POLISH_BUILD_DIR", scratch.resolve("build").toString());
  }

  /** How many hook runs the worker has served. */
  long hooksServed() throws IOException {
    String status =
        new DaemonClient(files, Duration.ofSeconds(20))
            .call("status", scratch, List.of(), Map.of(), new byte[0])
            .stdout();
    Matcher m = Pattern.compile("\\((\\d+) hook").matcher(status);
    assertThat(m.find()).as(status).isTrue();
    return Long.parseLong(m.group(1));
  }

  void close() throws InterruptedException {
    server.stop("tests over");
    thread.join(70_000);
    assertThat(log.toString(StandardCharsets.UTF_8)).doesNotContain("refused");
  }
}
