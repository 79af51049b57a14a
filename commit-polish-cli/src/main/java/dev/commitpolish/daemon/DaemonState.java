package dev.commitpolish.daemon;

import dev.commitpolish.cli.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The state file of a running worker: one line, {@code <port> <token> <pid> <proof>}. The token is
 * what keeps other local users out of the worker; the proof is what the worker greets a client
 * with, so a client sends nothing worth having (no environment, no stdin) to whoever else may
 * listen on a dead worker's port. The file is created readable by its owner only, and neither
 * secret is ever shown.
 *
 * @param port the loopback TCP port
 * @param token the secret a client sends first
 * @param pid the worker's process id
 * @param proof the secret the worker greets a client with
 */
public record DaemonState(int port, String token, long pid, String proof) {

  private static final Pattern LINE =
      Pattern.compile("(\\d{1,5}) ([0-9a-f]{32,128}) (\\d{1,19}) ([0-9a-f]{32,128})");

  /** The state in {@code file}, empty when it is missing or not a state line. */
  public static Optional<DaemonState> read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII).strip();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    var m = LINE.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    int port = Integer.parseInt(m.group(1));
    if (port < 1 || port > 65535) {
      return Optional.empty();
    }
    return Optional.of(new DaemonState(port, m.group(2), Long.parseLong(m.group(3)), m.group(4)));
  }

  /** Writes the file atomically, mode 0600 from its creation (never briefly world-readable). */
  public void write(Path file) throws IOException {
    if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      throw new IOException("this file system has no POSIX permissions: " + file.getParent());
    }
    AtomicFile.write(
        file,
        (port + " " + token + " " + pid + " " + proof + "\n").getBytes(StandardCharsets.US_ASCII),
        AtomicFile.OWNER_ONLY);
  }

  /** For logs and status: the token is never printed. */
  @Override
  public String toString() {
    return "DaemonState[port=" + port + ", pid=" + pid + "]";
  }
}
