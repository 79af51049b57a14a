package dev.commitpolish.server;

import dev.commitpolish.cli.AtomicFile;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * What {@code server start} recorded about the llamafile it launched.
 *
 * @param pid the process id
 * @param host the listen host passed with {@code --host}
 * @param requestedPort the port passed with {@code --port}
 * @param port the port it actually listens on (llamafile moves up to +10 when busy)
 * @param startedAt when it was launched
 * @param llamafile the executable
 * @param model the {@code -m} file, empty for a self-contained {@code .llamafile}
 * @param contextSize the {@code -c} value
 */
record ServerState(
    long pid,
    String host,
    int requestedPort,
    int port,
    Instant startedAt,
    String llamafile,
    Optional<String> model,
    int contextSize) {

  ServerState {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(llamafile, "llamafile");
    Objects.requireNonNull(model, "model");
  }

  ServerState withPort(int p) {
    return new ServerState(pid, host, requestedPort, p, startedAt, llamafile, model, contextSize);
  }

  String rootUrl() {
    return "http://" + host + ":" + port;
  }

  static Optional<ServerState> load(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    var p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
      return Optional.of(
          new ServerState(
              Long.parseLong(p.getProperty("pid")),
              p.getProperty("host", "127.0.0.1"),
              Integer.parseInt(p.getProperty("requested_port")),
              Integer.parseInt(p.getProperty("port")),
              Instant.parse(p.getProperty("started_at")),
              p.getProperty("llamafile"),
              Optional.ofNullable(p.getProperty("model")),
              Integer.parseInt(p.getProperty("context_size"))));
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // unreadable state is treated as "no server recorded"
    }
  }

  void save(Path file) throws IOException {
    var p = new Properties();
    p.setProperty("pid", Long.toString(pid));
    p.setProperty("host", host);
    p.setProperty("requested_port", Integer.toString(requestedPort));
    p.setProperty("port", Integer.toString(port));
    p.setProperty("started_at", startedAt.toString());
    p.setProperty("llamafile", llamafile);
    model.ifPresent(m -> p.setProperty("model", m));
    p.setProperty("context_size", Integer.toString(contextSize));
    var w = new java.io.StringWriter();
    p.store(w, "commit-polish: the llamafile server it started");
    AtomicFile.replace(file, w.toString().getBytes(StandardCharsets.UTF_8));
  }
}
