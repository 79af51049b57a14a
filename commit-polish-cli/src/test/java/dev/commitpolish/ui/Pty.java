package dev.commitpolish.ui;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs a command in a pseudo-terminal with util-linux {@code script -qfec CMD /dev/null}, so the
 * program sees a real terminal on stdin, stdout, stderr and {@code /dev/tty}; reads the combined
 * terminal output and types answers, expect-style. Test support.
 */
public final class Pty implements AutoCloseable {

  private final Process process;
  private final OutputStream keyboard;
  private final StringBuilder screen = new StringBuilder();
  private final Thread reader;

  private Pty(Process process) {
    this.process = process;
    this.keyboard = process.getOutputStream();
    this.reader = new Thread(this::pump, "pty-reader");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Skips the test when {@code script} is missing, except on CI ({@code CI=true}) where a missing
   * tool must fail rather than silently drop coverage.
   */
  public static void assumeAvailable() {
    boolean found =
        List.of(System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")).stream()
            .anyMatch(d -> Files.isExecutable(Path.of(d, "script")));
    if (!found) {
      if ("true".equals(System.getenv("CI"))) {
        fail("util-linux `script` is required for the pseudo-terminal tests on CI");
      }
      Assumptions.assumeTrue(
          false, "util-linux `script` not installed; pseudo-terminal tests skipped");
    }
  }

  /** The JVM command that runs the CLI from the test classpath. */
  public static List<String> cliCommand(String... args) {
    List<String> argv = new ArrayList<>();
    argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    argv.add("-cp");
    argv.add(System.getProperty("java.class.path"));
    argv.add("dev.commitpolish.cli.Main");
    argv.addAll(List.of(args));
    return argv;
  }

  /** Starts {@code argv} in a pseudo-terminal in {@code dir} with exactly {@code env}. */
  public static Pty start(List<String> argv, Path dir, Map<String, String> env) throws IOException {
    StringBuilder cmd = new StringBuilder("exec");
    for (String a : argv) {
      cmd.append(' ').append(quote(a));
    }
    var pb =
        new ProcessBuilder("script", "-qfec", cmd.toString(), "/dev/null")
            .directory(dir.toFile())
            .redirectErrorStream(true);
    pb.environment().clear();
    pb.environment().putAll(env);
    return new Pty(pb.start());
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  private void pump() {
    byte[] buf = new byte[4096];
    try (InputStream in = process.getInputStream()) {
      int n;
      while ((n = in.read(buf)) > 0) {
        synchronized (screen) {
          screen.append(new String(buf, 0, n, StandardCharsets.UTF_8));
          screen.notifyAll();
        }
      }
    } catch (IOException e) {
      // process ended
    }
  }

  /** Everything the terminal showed so far (raw, with \r and any escape sequences). */
  public String output() {
    synchronized (screen) {
      return screen.toString();
    }
  }

  /** Waits until the output contains {@code text} {@code count} times. */
  public void await(String text, int count, Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    synchronized (screen) {
      while (occurrences(screen.toString(), text) < count) {
        long left = end - System.nanoTime();
        if (left <= 0) {
          fail("timed out waiting for '" + text + "' x" + count + "; terminal showed:\n" + screen);
        }
        screen.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
      }
    }
  }

  private static int occurrences(String hay, String needle) {
    int n = 0;
    for (int i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + needle.length())) {
      n++;
    }
    return n;
  }

  /** Types {@code line} followed by Enter. */
  public void type(String line) throws IOException {
    keyboard.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    keyboard.flush();
  }

  /** Waits for the command to end and returns its exit status. */
  public int waitFor(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      fail("command did not end within " + timeout + "; terminal showed:\n" + output());
    }
    reader.join(2000);
    return process.exitValue();
  }

  @Override
  public void close() {
    try {
      keyboard.close();
    } catch (IOException ignored) {
      // the process is gone
    }
    process.destroyForcibly();
  }
}
