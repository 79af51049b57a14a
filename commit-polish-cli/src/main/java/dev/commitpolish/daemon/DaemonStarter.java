package dev.commitpolish.daemon;

import dev.commitpolish.cli.Env;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Starts the resident worker in the background: {@code bin/commit-polish daemon run}, in a session
 * of its own (Ctrl-C on a commit does not reach it), stdin from {@code /dev/null}, output to its
 * log — never holding the hook's stdout or stderr, which git and hook managers wait on.
 *
 * <p>A worker needs the launcher: it is what the bash client and the state file's name are keyed by
 * ({@value #FINGERPRINT_PROPERTY}, {@code commit-polish.home}). A JVM started any other way (the
 * tests, an IDE) never starts one.
 */
public final class DaemonStarter {

  /** Set by {@code bin/commit-polish}: the build fingerprint from {@code commit-polish.key}. */
  public static final String FINGERPRINT_PROPERTY = "commit-polish.fingerprint";

  /** {@code COMMIT_POLISH_DAEMON=0} (or false/no/off): neither use nor start a worker. */
  public static final String SWITCH = "COMMIT_POLISH_DAEMON";

  /** Set by the bash client when it hands a run back to the in-process path. */
  static final String TRIED = "COMMIT_POLISH_DAEMON_TRIED";

  /** Log size at which a start moves the log aside ({@code daemon.log.1}). */
  static final long LOG_LIMIT = 1 << 20;

  private DaemonStarter() {}

  /** True when {@value #SWITCH} turns the worker off. */
  public static boolean switchedOff(Env env) {
    String v = env.get(SWITCH).orElse("").strip().toLowerCase(Locale.ROOT);
    return v.equals("0") || v.equals("false") || v.equals("no") || v.equals("off");
  }

  /** This build's worker files, when this JVM was started by the launcher. */
  public static Optional<DaemonFiles> files(Env env) {
    return DaemonFiles.of(env, System.getProperty(FINGERPRINT_PROPERTY));
  }

  /** {@code <commit-polish.home>/bin/commit-polish}, when the launcher started this JVM. */
  static Optional<Path> launcher() {
    String home = System.getProperty("commit-polish.home");
    if (home == null || home.isEmpty()) {
      return Optional.empty();
    }
    Path p = Path.of(home, "bin", "commit-polish");
    return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
  }

  /**
   * After a hook ran in-process: starts a worker for the next commits unless one answers or it is
   * switched off. Never throws and never waits for the worker.
   */
  public static void afterHook(Env env) {
    try {
      if (switchedOff(env)) {
        return;
      }
      Optional<DaemonFiles> files = files(env);
      Optional<Path> launcher = launcher();
      if (files.isEmpty() || launcher.isEmpty()) {
        return;
      }
      if (new DaemonClient(files.get(), Duration.ofMillis(300)).reachable().isPresent()) {
        return;
      }
      spawn(env, files.get(), launcher.get(), Optional.empty());
    } catch (IOException | RuntimeException e) {
      // A worker is an optimisation: the next commit runs in-process again and retries.
    }
  }

  /** Launches {@code launcher daemon run} detached; returns at once. */
  static Process spawn(Env env, DaemonFiles files, Path launcher, Optional<Duration> idle)
      throws IOException {
    DaemonServer.createPrivateDir(files.dir());
    Path log = files.log();
    if (Files.isRegularFile(log) && Files.size(log) > LOG_LIMIT) {
      Files.move(
          log, log.resolveSibling(log.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
    }
    List<String> cmd = new ArrayList<>();
    for (Path setsid : List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"))) {
      if (Files.isExecutable(setsid)) {
        cmd.add(setsid.toString());
        break;
      }
    }
    cmd.add(launcher.toString());
    cmd.add("daemon");
    cmd.add("run");
    idle.ifPresent(d -> cmd.add("--idle-minutes=" + d.toMinutes()));
    var pb = new ProcessBuilder(cmd).directory(files.dir().toFile());
    // The commit's own variables (GIT_INDEX_FILE, GIT_DIR, ...) mean nothing to a worker that
    // serves many commits; each request brings its own environment.
    var vars = new HashMap<>(env.vars());
    vars.keySet().removeIf(k -> k.startsWith("GIT_") || k.equals(TRIED));
    pb.environment().clear();
    pb.environment().putAll(vars);
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    File devNull = new File("/dev/null");
    if (devNull.exists()) {
      pb.redirectInput(ProcessBuilder.Redirect.from(devNull));
    }
    return pb.start();
  }
}
