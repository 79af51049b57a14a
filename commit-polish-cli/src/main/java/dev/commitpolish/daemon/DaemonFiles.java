package dev.commitpolish.daemon;

import dev.commitpolish.cli.Env;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the resident worker's files live: {@code $XDG_RUNTIME_DIR/commit-polish/} (per user, on
 * tmpfs, gone at logout — what the XDG spec has it for), else {@code
 * $XDG_CACHE_HOME/commit-polish/}, else {@code ~/.cache/commit-polish/}. Relative XDG values are
 * ignored, as the spec requires. {@code bin/commit-polish} finds the state file by the same rules;
 * keep the two in step.
 *
 * <p>Files are named by the build's fingerprint ({@code commit-polish.key}): a worker runs the jars
 * it was started from, so a client of another build never reaches it.
 *
 * @param dir the directory
 * @param fingerprint the build fingerprint
 */
public record DaemonFiles(Path dir, String fingerprint) {

  private static final Pattern FINGERPRINT = Pattern.compile("[A-Za-z0-9._+-]{1,64}");

  /** Empty when the fingerprint is unusable or no directory can be named (no HOME, no XDG). */
  public static Optional<DaemonFiles> of(Env env, String fingerprint) {
    if (fingerprint == null || !FINGERPRINT.matcher(fingerprint).matches()) {
      return Optional.empty();
    }
    // XDG_RUNTIME_DIR has no fallback of its own: then the cache directory's rule
    return env.get("XDG_RUNTIME_DIR")
        .map(Path::of)
        .filter(Path::isAbsolute)
        .or(() -> env.xdgDir("XDG_CACHE_HOME", ".cache"))
        .map(d -> new DaemonFiles(d.resolve("commit-polish"), fingerprint));
  }

  /** {@code daemon-<fingerprint>.state}: port, token and pid, readable by the user only. */
  public Path state() {
    return dir.resolve("daemon-" + fingerprint + ".state");
  }

  /** Held (an OS file lock) by the running worker, so two never serve one build. */
  public Path lock() {
    return dir.resolve("daemon-" + fingerprint + ".lock");
  }

  /** What workers print: start, stop, refused connections. Never message or diff content. */
  public Path log() {
    return dir.resolve("daemon.log");
  }
}
