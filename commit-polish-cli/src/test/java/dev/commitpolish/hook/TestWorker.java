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
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A resident worker in this JVM for hook tests that run every case through it: repositories made
 * with {@link #customize} get a hook that runs the real launcher, {@code bin/commit-polish}, which
 * hands the run to this worker through its bash client. The build directory it is given has no
 * jars, so a run that falls back to in-process fails the commit.
 */
final class TestWorker implements BeforeAllCallback, AfterAllCallback {

  private final int minHooks;
  private Path scratch;
  private DaemonFiles files;
  private DaemonServer server;
  private Thread thread;
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();

  /** A worker for one test class, which must have served at least {@code minHooks} hooks. */
  TestWorker(int minHooks) {
    this.minHooks = minHooks;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException, InterruptedException {
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

  /** The worker really served the class's commits, and refused nothing. */
  @Override
  public void afterAll(ExtensionContext context) throws IOException, InterruptedException {
    assertThat(hooksServed()).isGreaterThanOrEqualTo(minHooks);
    server.stop("tests over");
    thread.join(70_000);
    assertThat(log.toString(StandardCharsets.UTF_8)).doesNotContain("refused");
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
  private long hooksServed() throws IOException {
    String status =
        new DaemonClient(files, Duration.ofSeconds(20))
            .call("status", scratch, List.of(), Map.of(), new byte[0])
            .stdout();
    Matcher m = Pattern.compile("\\((\\d+) hook").matcher(status);
    assertThat(m.find()).as(status).isTrue();
    return Long.parseLong(m.group(1));
  }
}
