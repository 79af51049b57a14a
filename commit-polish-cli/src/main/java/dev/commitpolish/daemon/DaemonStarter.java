package dev.commitpolish.daemon;

import dev.commitpolish.cli.AtomicFile;
import dev.commitpolish.cli.Env;
import dev.commitpolish.git.Git;
import dev.commitpolish.ui.Terminal;
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

  /** How long one start attempt keeps others from starting another worker. */
  static final Duration SPAWN_BACKOFF = Duration.ofSeconds(30);

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
    startIfNone(env, false);
  }

  /**
   * After {@code lint --edit} ran in-process — a commit-msg hook, so the next commits lint again:
   * as {@link #afterHook}, where {@code git config commit-polish.daemon false} also keeps it from
   * starting one (the hook reads that setting with its own; a lint does not read it otherwise).
   */
  public static void afterLint(Env env) {
    // only inside a commit (git gives its hooks GIT_INDEX_FILE): a lint --edit in a script or a
    // CI job must not leave a worker behind
    if (env.get("GIT_INDEX_FILE").isPresent()) {
      startIfNone(env, true);
    }
  }

  /**
   * {@code commit-polish.daemon}, read as the hook reads it (the last assignment; unset or not a
   * boolean: allowed).
   */
  private static boolean daemonAllowed(Env env) {
    List<Git.ConfigEntry> entries =
        Git.open(env).withTimeout(Duration.ofSeconds(2)).configEntries("^commit-polish\\.daemon$");
    return entries.isEmpty() || Git.parseBool(entries.get(entries.size() - 1).value()).orElse(true);
  }

  private static void startIfNone(Env env, boolean checkGitConfig) {
    try {
      // "unusable": the client cannot reach any worker here (bash older than 4.4)
      if (switchedOff(env) || env.get(TRIED).orElse("").equals("unusable")) {
        return;
      }
      Optional<DaemonFiles> files = files(env);
      Optional<Path> launcher = launcher();
      if (files.isEmpty() || launcher.isEmpty()) {
        return;
      }
      if (new DaemonClient(files.get(), Duration.ofSeconds(2)).status().isPresent()) {
        return;
      }
      // the marker first: where no client can run (macOS's bash 3.2), or where the setting says
      // no, the checks below would otherwise spawn a process on every in-process commit
      if (!claimSpawn(files.get())
          || (checkGitConfig && !daemonAllowed(env))
          || !clientCanRun(env, launcher.get())) {
        return;
      }
      spawn(env, files.get(), launcher.get(), Optional.empty());
    } catch (Throwable e) {
      // A worker is an optimisation, and the hook's line is printed already: whatever happens
      // here (an I/O error, a class that will not load from a replaced jar) must not fail the
      // commit. The next commit runs in-process again and retries.
    }
  }

  /**
   * Whether the launcher's client can reach a worker here: its script is readable and the first
   * bash on {@code PATH} (the one the launcher takes) is 4.4 or newer. Checked only when about to
   * start a worker: on stock macOS (bash 3.2) or without bash one would be started for nothing.
   */
  static boolean clientCanRun(Env env, Path launcher) {
    Path client = launcher.resolveSibling("commit-polish-client.bash");
    if (!Files.isReadable(client)) {
      return false;
    }
    Optional<Path> bash = env.which("bash"); // the one the launcher takes
    if (bash.isEmpty()) {
      return false;
    }
    try {
      Process p =
          new ProcessBuilder(
                  bash.get().toString(),
                  "-pc",
                  "[ \"${BASH_VERSINFO[0]}\" -gt 4 ] || { [ \"${BASH_VERSINFO[0]}\" -eq 4 ]"
                      + " && [ \"${BASH_VERSINFO[1]}\" -ge 4 ]; }")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * At most one start attempt per {@link #SPAWN_BACKOFF}: commits made while a worker starts (or
   * while starting fails) do not start more.
   */
  private static boolean claimSpawn(DaemonFiles files) throws IOException {
    DaemonServer.createPrivateDir(files.dir());
    Path marker = files.dir().resolve("daemon-" + files.fingerprint() + ".starting");
    try {
      Files.createFile(marker);
      return true;
    } catch (java.nio.file.FileAlreadyExistsException e) {
      var age =
          Duration.between(Files.getLastModifiedTime(marker).toInstant(), java.time.Instant.now());
      if (age.compareTo(SPAWN_BACKOFF) < 0) {
        return false;
      }
      Files.setLastModifiedTime(
          marker, java.nio.file.attribute.FileTime.from(java.time.Instant.now()));
      return true;
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
    vars.keySet()
        .removeIf(
            k ->
                k.startsWith("GIT_")
                    || k.equals(TRIED)
                    || k.equals(DaemonServer.CLIENT_PID)
                    || k.equals(DaemonServer.LC_ALL_SAVED));
    if (!Terminal.unicodeLocale(new Env(vars, files.dir()))) {
      // The JVM fixes how it encodes file names and process arguments at start: a worker
      // started from a C-locale commit (cron, an IDE) would pass non-ASCII paths to git as "?".
      vars.remove("LC_ALL");
      vars.put("LC_CTYPE", "C.UTF-8");
    }
    pb.environment().clear();
    pb.environment().putAll(vars);
    pb.redirectErrorStream(true);
    if (!Files.exists(log)) {
      Files.createFile(
          log, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(AtomicFile.OWNER_ONLY));
    }
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    File devNull = new File("/dev/null");
    if (devNull.exists()) {
      pb.redirectInput(ProcessBuilder.Redirect.from(devNull));
    }
    return pb.start();
  }
}
