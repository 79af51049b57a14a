package dev.commitpolish.install;

import static org.assertj.core.api.Assertions.assertThat;

import dev.commitpolish.cli.Env;
import dev.commitpolish.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An isolated world for install tests: its own HOME, global git config, XDG dirs, and a fake {@code
 * commit-polish} launcher that logs every call and does something visible, so a real {@code git
 * commit} shows whether, when and with which arguments our hook ran.
 */
final class Sandbox {

  /**
   * The fake launcher: logs {@code commit-polish|arg|arg...} to $FAKE_CP_LOG; {@code hook} prefixes
   * the message's first line with "polished: "; {@code lint --edit F} fails when the message starts
   * with "bad".
   */
  static final String FAKE_LAUNCHER =
      """
      #!/bin/sh
      line="commit-polish"
      for a in "$@"; do line="$line|$a"; done
      printf '%s\\n' "$line" >> "$FAKE_CP_LOG"
      case "$1" in
        hook)
          f="$2"
          { printf 'polished: '; cat "$f"; } > "$f.cp-tmp" && mv "$f.cp-tmp" "$f" ;;
        lint)
          if head -n 1 "$3" | grep -q 'bad'; then
            echo "lint: subject may not contain bad" >&2
            exit 1
          fi ;;
      esac
      exit 0
      """;

  final Path root;
  final Path home;
  final Path globalConfig;
  final Path installHome;
  final Path launcher;
  final Path log;
  private final Map<String, String> vars = new HashMap<>();

  Sandbox(Path root) throws IOException {
    this.root = root;
    this.home = Files.createDirectories(root.resolve("home"));
    this.globalConfig = home.resolve(".gitconfig");
    this.installHome = root.resolve("opt/commit-polish");
    this.launcher = installHome.resolve("bin/commit-polish");
    this.log = root.resolve("calls.log");
    writeExecutable(launcher, FAKE_LAUNCHER);
    Files.createFile(log);
    vars.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    vars.put("HOME", home.toString());
    vars.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
    vars.put("GIT_CONFIG_GLOBAL", globalConfig.toString());
    vars.put("GIT_CONFIG_NOSYSTEM", "1");
    vars.put("GIT_AUTHOR_NAME", "Tess Ter");
    vars.put("GIT_AUTHOR_EMAIL", "tess@example.com");
    vars.put("GIT_COMMITTER_NAME", "Tess Ter");
    vars.put("GIT_COMMITTER_EMAIL", "tess@example.com");
    vars.put("LANG", "C");
    vars.put("FAKE_CP_LOG", log.toString());
    vars.put(Launcher.HOME_ENV, installHome.toString());
    Files.writeString(globalConfig, "[init]\n\tdefaultBranch = main\n");
  }

  /**
   * Replaces PATH by a directory with links to just the tools git, the hooks and the fake launcher
   * use, so an installed commit-polish (say, from the .deb in /usr/bin) cannot be found on PATH.
   */
  void hideInstalledCommitPolish() throws IOException {
    Path sysbin = Files.createDirectories(root.resolve("sysbin"));
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    for (String tool :
        List.of("git", "sh", "dirname", "basename", "cat", "mv", "rm", "head", "grep", "sed")) {
      for (String dir : path.split(":")) {
        Path p = Path.of(dir.isEmpty() ? "." : dir, tool);
        if (Files.isExecutable(p) && !Files.exists(sysbin.resolve(tool))) {
          Files.createSymbolicLink(sysbin.resolve(tool), p.toAbsolutePath());
        }
      }
    }
    vars.put("PATH", sysbin.toString());
  }

  Map<String, String> vars() {
    return vars;
  }

  void put(String name, String value) {
    vars.put(name, value);
  }

  void remove(String name) {
    vars.remove(name);
  }

  Env env(Path cwd) {
    return new Env(vars, cwd);
  }

  /** A fresh repository with one commit, so later commits have a parent. */
  Path repo(String name) throws IOException {
    Path dir = Files.createDirectories(root.resolve(name));
    git(dir, "init", "-q");
    Files.writeString(dir.resolve("README"), "hello\n");
    git(dir, "add", "README");
    git(dir, "-c", "core.hooksPath=/dev/null", "commit", "-q", "-m", "initial");
    return dir;
  }

  /** Runs git and requires success; returns stdout. */
  String git(Path cwd, String... args) {
    Proc p = run(cwd, prepend("git", args));
    assertThat(p.exit()).as("git %s\nstderr: %s", String.join(" ", args), p.err()).isZero();
    return p.out();
  }

  /** Stages a change and runs {@code git commit <args>}. */
  Proc commit(Path repo, String... args) throws IOException {
    Path f = repo.resolve("file.txt");
    Files.writeString(f, (Files.exists(f) ? Files.readString(f) : "") + "change\n");
    git(repo, "add", "file.txt");
    return run(repo, prepend("git", prepend("commit", args)));
  }

  /** The last commit's full message. */
  String lastMessage(Path repo) {
    return git(repo, "log", "-1", "--format=%B").strip();
  }

  /** The fake launcher's calls so far, one per line. */
  List<String> calls() throws IOException {
    return Files.readAllLines(log);
  }

  /** Runs commit-polish in-process, in {@code cwd}. */
  Proc cp(Path cwd, String... args) {
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    int code =
        Main.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            env(cwd));
    return new Proc(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Runs a process with exactly this sandbox's environment. */
  Proc run(Path cwd, List<String> cmd) {
    try {
      var pb = new ProcessBuilder(cmd).directory(cwd.toFile());
      pb.environment().clear();
      pb.environment().putAll(vars);
      pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      Path out = Files.createTempFile(root, "out", ".txt");
      Path err = Files.createTempFile(root, "err", ".txt");
      pb.redirectOutput(out.toFile());
      pb.redirectError(err.toFile());
      Process p = pb.start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("timed out: " + cmd);
      }
      var r = new Proc(p.exitValue(), Files.readString(out), Files.readString(err));
      Files.delete(out);
      Files.delete(err);
      return r;
    } catch (IOException e) {
      throw new AssertionError("cannot run " + cmd + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  static List<String> prepend(String first, String... rest) {
    var l = new ArrayList<String>();
    l.add(first);
    l.addAll(List.of(rest));
    return l;
  }

  static List<String> prepend(String first, List<String> rest) {
    var l = new ArrayList<String>();
    l.add(first);
    l.addAll(rest);
    return l;
  }

  static void writeExecutable(Path p, String content) throws IOException {
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /** The outcome of a process or an in-process command. */
  record Proc(int exit, String out, String err) {}
}
