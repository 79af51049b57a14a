package dev.commitpolish.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Is a recorded pid still the llamafile commit-polish started? (pids get reused.) */
final class ProcessCheck {

  private ProcessCheck() {}

  /** The process's argv: {@code /proc/<pid>/cmdline} on Linux, else what the JDK can see. */
  static Optional<List<String>> commandLine(long pid) {
    Path proc = Path.of("/proc", Long.toString(pid), "cmdline");
    if (Files.isReadable(proc)) {
      try {
        String raw = new String(Files.readAllBytes(proc), StandardCharsets.UTF_8);
        if (!raw.isEmpty()) {
          return Optional.of(Arrays.asList(raw.split("\0")));
        }
      } catch (IOException e) {
        // the process just exited; fall through
      }
    }
    return ProcessHandle.of(pid)
        .flatMap(
            h -> {
              var info = h.info();
              if (info.command().isEmpty()) {
                return Optional.empty();
              }
              var argv = new java.util.ArrayList<String>();
              argv.add(info.command().get());
              info.arguments().ifPresent(a -> argv.addAll(Arrays.asList(a)));
              return Optional.of(List.copyOf(argv));
            });
  }

  /**
   * True when {@code state.pid} is alive and its command line is the server launch we made: it has
   * {@code --server}, our {@code --port} and our model, and it started when we recorded (±30 s).
   */
  static boolean isOurs(ServerState state) {
    Optional<ProcessHandle> h = ProcessHandle.of(state.pid());
    if (h.isEmpty() || !h.get().isAlive()) {
      return false;
    }
    Optional<List<String>> argv = commandLine(state.pid());
    if (argv.isEmpty()) {
      return false;
    }
    List<String> a = argv.get();
    if (!a.contains("--server") || !hasPair(a, "--port", Integer.toString(state.requestedPort()))) {
      return false;
    }
    if (state.model().isPresent() && !hasPair(a, "-m", state.model().get())) {
      return false;
    }
    Optional<Instant> started = h.get().info().startInstant();
    return started.isEmpty()
        || Duration.between(started.get(), state.startedAt())
                .abs()
                .compareTo(Duration.ofSeconds(30))
            <= 0;
  }

  private static boolean hasPair(List<String> argv, String flag, String value) {
    for (int i = 0; i + 1 < argv.size(); i++) {
      if (argv.get(i).equals(flag) && argv.get(i + 1).equals(value)) {
        return true;
      }
    }
    return false;
  }

  /** A short description of what runs as {@code pid}, for messages. */
  static String describe(long pid) {
    return commandLine(pid).map(a -> String.join(" ", a)).orElse("(unknown)");
  }
}
