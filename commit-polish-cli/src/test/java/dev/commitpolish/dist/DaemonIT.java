package dev.commitpolish.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.commitpolish.standin.Profile;
import dev.commitpolish.standin.StandInServer;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The resident worker as a user meets it: the real launcher, its bash client, a worker process
 * started by the first in-process hook run, real {@code git commit}s and {@code lint}s through it,
 * and the ways back to in-process (stopped worker, stale state file, the switch).
 */
class DaemonIT {

  static Path root;
  static Path buildDir;
  static StandInServer model;

  @TempDir Path tmp;
  Map<String, String> env;
  Path repo;

  @BeforeAll
  static void setUp() {
    root = Path.of(System.getProperty("cp.root", "..")).toAbsolutePath().normalize();
    buildDir = Path.of(System.getProperty("cp.buildDir", "target")).toAbsolutePath().normalize();
    model =
        StandInServer.builder()
            .profile(Profile.LLAMAFILE_0_9)
            .port(0)
            .reply("feat(greeting): add a hello program")
            .start();
  }

  @AfterAll
  static void tearDown() {
    model.close();
  }

  record Run(int code, String out, String err) {}

  @BeforeEach
  void repo() throws Exception {
    env = new HashMap<>();
    env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    env.put("HOME", tmp.resolve("home").toString());
    env.put("XDG_RUNTIME_DIR", Files.createDirectories(tmp.resolve("run")).toString());
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    env.put("GIT_AUTHOR_NAME", "Ann Author");
    env.put("GIT_AUTHOR_EMAIL", "ann@example.com");
    env.put("GIT_COMMITTER_NAME", "Ann Author");
    env.put("GIT_COMMITTER_EMAIL", "ann@example.com");
    env.put("LANG", "C.UTF-8");
    env.put("COMMIT_POLISH_BUILD_DIR", buildDir.toString());
    env.put("COMMIT_POLISH_API_BASE", model.baseUrl());
    repo = Files.createDirectories(tmp.resolve("repo"));
    assertThat(run(repo, Map.of(), "git", "init", "-q", "-b", "main").code()).isZero();
    Files.writeString(repo.resolve("greet.py"), "def greet():\n    return 'hi'\n");
    assertThat(run(repo, Map.of(), "git", "add", ".").code()).isZero();
    assertThat(run(repo, Map.of(), "git", "commit", "-qm", "feat: initial").code()).isZero();
    assertThat(cp(repo, Map.of(), "install").code()).isZero();
  }

  @AfterEach
  void stopWorker() throws Exception {
    cp(repo, Map.of(), "daemon", "stop");
  }

  private Path runDir() {
    return tmp.resolve("run/commit-polish");
  }

  private Run cp(Path cwd, Map<String, String> extra, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(root.resolve("bin/commit-polish").toString()));
    cmd.addAll(List.of(args));
    return run(cwd, extra, cmd.toArray(new String[0]));
  }

  private Run run(Path cwd, Map<String, String> extra, String... cmd) throws Exception {
    return runWithInput(cwd, extra, null, cmd);
  }

  private Run runWithInput(Path cwd, Map<String, String> extra, String stdin, String... cmd)
      throws Exception {
    var pb = new ProcessBuilder(cmd).directory(cwd.toFile());
    pb.environment().clear();
    pb.environment().putAll(env);
    pb.environment().putAll(extra);
    Path in = tmp.resolve("stdin");
    Files.writeString(in, stdin == null ? "" : stdin, StandardCharsets.UTF_8);
    pb.redirectInput(
        stdin == null
            ? ProcessBuilder.Redirect.from(new File("/dev/null"))
            : ProcessBuilder.Redirect.from(in.toFile()));
    Path out = Files.createTempFile(tmp, "out", ".txt");
    Path err = Files.createTempFile(tmp, "err", ".txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("hung: " + List.of(cmd));
    }
    return new Run(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private Run commit(String line) throws Exception {
    Files.writeString(
        repo.resolve("greet.py"), line + "\n", java.nio.file.StandardOpenOption.APPEND);
    assertThat(run(repo, Map.of(), "git", "add", "greet.py").code()).isZero();
    return run(repo, Map.of(), "git", "commit", "-q", "-m", "add greeting");
  }

  private String head() throws Exception {
    return run(repo, Map.of(), "git", "log", "-1", "--format=%B").out().strip();
  }

  private Path stateFile() throws IOException {
    if (!Files.isDirectory(runDir())) {
      return null;
    }
    try (Stream<Path> s = Files.list(runDir())) {
      return s.filter(p -> p.getFileName().toString().endsWith(".state")).findFirst().orElse(null);
    }
  }

  private void awaitWorker() throws Exception {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < until) {
      if (stateFile() != null && cp(repo, Map.of(), "daemon", "status").code() == 0) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no worker started; log: " + log());
  }

  private String log() throws IOException {
    Path log = runDir().resolve("daemon.log");
    return Files.exists(log) ? Files.readString(log) : "(none)";
  }

  @Test
  void theFirstCommitStartsAWorkerAndTheNextOnesGoThroughIt() throws Exception {
    Run status = cp(repo, Map.of(), "daemon", "status");
    assertThat(status.code()).isEqualTo(3);
    assertThat(status.out()).contains("not running");

    Run first = commit("# one");
    assertThat(first.code()).as(first.err()).isZero();
    assertThat(first.err()).startsWith("commit-polish: polished");
    assertThat(head()).isEqualTo("feat(greeting): add a hello program");
    awaitWorker();
    assertThat(cp(repo, Map.of(), "daemon", "status").out()).contains("served 0 (0 hook, 0 lint)");

    Run second = commit("# two");
    assertThat(second.code()).as(second.err()).isZero();
    assertThat(second.err().lines().toList())
        .containsExactly(
            "commit-polish: polished with llamafile/gemma-3-3b in 0.0 s (undo: commit-polish restore)"
                .replace("0.0", second.err().replaceAll("(?s).* in ([0-9.]+) s.*", "$1")));
    assertThat(head()).isEqualTo("feat(greeting): add a hello program");
    assertThat(cp(repo, Map.of(), "daemon", "status").out()).contains("(1 hook, 0 lint)");

    // undo works the same: the worker kept the original where the in-process run keeps it
    Run restore = cp(repo, Map.of(), "restore");
    assertThat(restore.code()).as(restore.err()).isZero();
    assertThat(restore.out()).contains("add greeting");

    // the worker's files: private directory and state file, the token nowhere in the log
    assertThat(
            java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(runDir())))
        .isEqualTo("rwx------");
    String token = Files.readString(stateFile()).split(" ")[1];
    assertThat(log()).contains("started").doesNotContain(token);
  }

  /** A lint-only install (commit-msg hook) gets the worker too: its first commit starts one. */
  @Test
  void aCommitMsgHookStartsAWorkerAndTheNextLintsGoThroughIt() throws Exception {
    assertThat(cp(repo, Map.of(), "uninstall").code()).isZero();
    assertThat(cp(repo, Map.of(), "install", "--commit-msg").code()).isZero();
    Run bad = commit("# bad");
    assertThat(bad.code()).isNotZero(); // "add greeting" has no type: the lint stops the commit
    assertThat(bad.out() + bad.err()).contains("type-empty");
    awaitWorker();
    Run good =
        run(repo, Map.of(), "git", "commit", "-q", "-m", "feat(greeting): add a hello program");
    assertThat(good.code()).as(good.err()).isZero();
    assertThat(cp(repo, Map.of(), "daemon", "status").out()).contains("(0 hook, 1 lint)");

    // git config commit-polish.daemon false: a lint in its own process starts none
    assertThat(cp(repo, Map.of(), "daemon", "stop").code()).isZero();
    assertThat(run(repo, Map.of(), "git", "config", "commit-polish.daemon", "false").code())
        .isZero();
    // the 30 s start back-off would keep a worker from starting anyway: clear it
    try (Stream<Path> s = Files.list(runDir())) {
      for (Path p : s.filter(p -> p.toString().endsWith(".starting")).toList()) {
        Files.delete(p);
      }
    }
    Run again = commit("# again");
    assertThat(again.code()).isNotZero();
    assertNoWorkerFor(Duration.ofSeconds(8));
  }

  @Test
  void lintThroughTheWorkerPrintsAndExitsExactlyAsInProcess() throws Exception {
    assertThat(cp(repo, Map.of(), "daemon", "start").code()).isZero();
    awaitWorker();
    Path msg = repo.resolve("MSG");
    for (String m :
        List.of(
            "fix: Bad subject.\n",
            "feat(api): add the endpoint\n",
            "feat: ünïcode — ok\n\nbody\n",
            "Merge branch 'x'\n",
            "just words",
            "")) {
      for (Map<String, String> locale :
          List.of(Map.<String, String>of(), Map.of("LC_ALL", "C"), Map.of("LC_ALL", "C.UTF-8"))) {
        Run viaWorker =
            runWithInput(repo, locale, m, root.resolve("bin/commit-polish").toString(), "lint");
        Map<String, String> off = new HashMap<>(locale);
        off.put("COMMIT_POLISH_DAEMON", "0");
        Run inProcess =
            runWithInput(repo, off, m, root.resolve("bin/commit-polish").toString(), "lint");
        assertThat(viaWorker).as("%s %s", m, locale).isEqualTo(inProcess);

        Files.writeString(msg, m + "# a comment\n", StandardCharsets.UTF_8);
        assertThat(cp(repo, locale, "lint", "--edit", "MSG"))
            .as("--edit %s %s", m, locale)
            .isEqualTo(cp(repo, off, "lint", "--edit", "MSG"));
      }
    }
    assertThat(cp(repo, Map.of(), "daemon", "status").out()).contains("(0 hook, 36 lint)");
  }

  @Test
  void staleStateFilesAndTheSwitchFallBackToInProcess() throws Exception {
    assertThat(cp(repo, Map.of(), "daemon", "start").code()).isZero();
    awaitWorker();
    Path state = stateFile();
    String text = Files.readString(state);
    assertThat(cp(repo, Map.of(), "daemon", "stop").out()).contains("stopped");
    assertThat(state).doesNotExist();

    // a worker that died without cleaning up: its port refuses, the commit runs in-process
    Files.writeString(state, text);
    Run r = commit("# stale");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).startsWith("commit-polish: polished");
    assertThat(head()).isEqualTo("feat(greeting): add a hello program");
    Run lint =
        runWithInput(
            repo, Map.of(), "fix: Bad.\n", root.resolve("bin/commit-polish").toString(), "lint");
    assertThat(lint.code()).isEqualTo(1);
    assertThat(lint.out()).contains("subject-full-stop");
    // ... and that in-process commit started a new worker, replacing the stale file
    awaitWorker();
    assertThat(Files.readString(stateFile())).isNotEqualTo(text);
    assertThat(cp(repo, Map.of(), "daemon", "stop").code()).isZero();

    // the switch: no worker used, none started
    Run off =
        runWithInput(
            repo,
            Map.of("COMMIT_POLISH_DAEMON", "0"),
            null,
            "sh",
            "-c",
            "echo '# off' >> greet.py && git add greet.py && git commit -qm 'add greeting'");
    assertThat(off.code()).as(off.err()).isZero();
    assertNoWorkerFor(Duration.ofSeconds(8));
  }

  /**
   * A relative HOME (and no XDG directory) names no worker directory: a state file a cloned
   * repository ships under .cache/commit-polish/ must not receive the run, its environment or stdin
   * — the launcher agrees with DaemonFiles, which ignores such a HOME too.
   */
  @Test
  void aStateFileInsideTheRepositoryIsNotUsedWithARelativeHome() throws Exception {
    String fp = Files.readString(buildDir.resolve("commit-polish.key")).strip();
    try (var trap = new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
      Path planted = Files.createDirectories(repo.resolve(".cache/commit-polish"));
      Files.writeString(
          planted.resolve("daemon-" + fp + ".state"),
          trap.getLocalPort() + " " + "ab".repeat(24) + " 1 " + "cd".repeat(24) + "\n");
      Map<String, String> relative = new HashMap<>(Map.of("HOME", "."));
      env.remove("XDG_RUNTIME_DIR");
      Run lint =
          runWithInput(
              repo, relative, "fix: Bad.\n", root.resolve("bin/commit-polish").toString(), "lint");
      assertThat(lint.code()).as(lint.err()).isEqualTo(1);
      assertThat(lint.out()).contains("subject-full-stop");
      trap.setSoTimeout(1_000);
      org.junit.jupiter.api.Assertions.assertThrows(
          java.net.SocketTimeoutException.class,
          trap::accept,
          "the launcher dialled the planted port");
    }
  }

  @Test
  void gitConfigFalseStopsARunningWorkerAndStartsNone() throws Exception {
    assertThat(cp(repo, Map.of(), "daemon", "start").code()).isZero();
    awaitWorker();
    run(repo, Map.of(), "git", "config", "commit-polish.daemon", "false");
    Run r = commit("# config off");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(head()).isEqualTo("feat(greeting): add a hello program");
    // the worker served that commit, then stopped; the next commit runs in-process, starts none
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (cp(repo, Map.of(), "daemon", "status").code() == 0 && System.nanoTime() < until) {
      Thread.sleep(200);
    }
    assertThat(cp(repo, Map.of(), "daemon", "status").code()).isEqualTo(3);
    assertThat(log()).contains("commit-polish.daemon = false");
    assertThat(commit("# still off").code()).isZero();
    assertNoWorkerFor(Duration.ofSeconds(8));
  }

  /** No state file appears for {@code d}: long enough for a wrongly started worker to write one. */
  private void assertNoWorkerFor(Duration d) throws Exception {
    long until = System.nanoTime() + d.toNanos();
    while (System.nanoTime() < until) {
      assertThat(stateFile()).as("a worker was started").isNull();
      Thread.sleep(250);
    }
  }
}
