package dev.commitpolish.hook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
 * A real git repository in a temp directory, with commit-polish's hook installed as a script that
 * starts this test JVM's java on the test classpath — so {@code git commit} runs the real hook in a
 * separate process, exactly as in production.
 */
final class Repo {

  final Path dir;
  final Map<String, String> env;

  private Repo(Path dir, Map<String, String> env) {
    this.dir = dir;
    this.env = env;
  }

  /** The base environment: isolated HOME and git config, a no-op editor, fixed identities. */
  static Map<String, String> baseEnv(Path home) {
    Map<String, String> env = new HashMap<>();
    env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    env.put("HOME", home.toString());
    env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    env.put("GIT_AUTHOR_NAME", "Ann Author");
    env.put("GIT_AUTHOR_EMAIL", "ann@example.com");
    env.put("GIT_COMMITTER_NAME", "Ann Author");
    env.put("GIT_COMMITTER_EMAIL", "ann@example.com");
    env.put("LANG", "C");
    env.put("LC_ALL", "C");
    // An editor that accepts the file as it is: the "user" saves without changes.
    env.put("GIT_EDITOR", "true");
    return env;
  }

  /** {@code git init} with one initial commit and the hook installed in {@code .git/hooks}. */
  static Repo init(Path dir, Map<String, String> env) {
    Repo r = create(dir, env);
    r.installHook(dir.resolve(".git/hooks"), "");
    return r;
  }

  /** {@code git init} with one initial commit, no hook. */
  static Repo create(Path dir, Map<String, String> env) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Repo r = new Repo(dir, new HashMap<>(env));
    r.ok("init", "-q", "-b", "main");
    r.write("README.md", "# demo\n");
    r.ok("add", "README.md");
    r.ok("-c", "core.hooksPath=/dev/null", "commit", "-q", "-m", "chore: initial commit");
    return r;
  }

  Repo at(Path other) {
    return new Repo(other, env);
  }

  /**
   * An environment entry (test-only; git passes it on harmlessly) holding the hook script's last
   * line instead of the JVM one ({@link TestWorker} runs the hook through the launcher and a
   * resident worker). Kept in the environment so repositories made from this one ({@link #at},
   * {@code create(dir, repo.env)}) install the same kind of hook.
   */
  static final String HOOK_LINE = "CP_TEST_HOOK_LINE";

  /** Writes the hook script into {@code hooksDir}; {@code preamble} runs before the JVM. */
  void installHook(Path hooksDir, String preamble) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String cp = System.getProperty("java.class.path");
    String script =
        "#!/bin/sh\n"
            + preamble
            + env.getOrDefault(
                HOOK_LINE,
                "exec \""
                    + java
                    + "\" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -cp \""
                    + cp
                    + "\" dev.commitpolish.cli.Main hook \"$@\"\n");
    try {
      Files.createDirectories(hooksDir);
      Path hook = hooksDir.resolve("prepare-commit-msg");
      Files.writeString(hook, script);
      Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void write(String path, String content) {
    write(path, content.getBytes(StandardCharsets.UTF_8));
  }

  void write(String path, byte[] content) {
    try {
      Path p = dir.resolve(path);
      Files.createDirectories(p.getParent());
      Files.write(p, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The result of a process. */
  record Run(int exit, String out, String err) {
    /** stderr lines, without blanks. */
    List<String> errLines() {
      return err.lines().filter(l -> !l.isBlank()).toList();
    }
  }

  Run git(String... args) {
    return git(Map.of(), args);
  }

  Run git(Map<String, String> extraEnv, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add("git");
    cmd.addAll(List.of(args));
    return exec(cmd, extraEnv);
  }

  Run exec(List<String> cmd, Map<String, String> extraEnv) {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    pb.environment().clear();
    pb.environment().putAll(env);
    pb.environment().putAll(extraEnv);
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    try {
      Process p = pb.start();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      Thread t1 = pump(p.getInputStream(), out);
      Thread t2 = pump(p.getErrorStream(), err);
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("timed out: " + cmd);
      }
      t1.join();
      t2.join();
      return new Run(
          p.exitValue(),
          out.toString(StandardCharsets.UTF_8),
          err.toString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Runs git and fails the test when it fails. */
  Run ok(String... args) {
    Run r = git(args);
    if (r.exit() != 0) {
      throw new AssertionError("git " + String.join(" ", args) + " failed: " + r.err() + r.out());
    }
    return r;
  }

  /** HEAD's full message without the final newline. */
  String headMessage() {
    String m = ok("log", "-1", "--format=%B").out();
    return m.replaceAll("\\n+$", "");
  }

  String head() {
    return ok("rev-parse", "HEAD").out().strip();
  }

  private static Thread pump(InputStream in, ByteArrayOutputStream out) {
    Thread t =
        new Thread(
            () -> {
              try (in) {
                in.transferTo(out);
              } catch (IOException e) {
                // process ended
              }
            });
    t.start();
    return t;
  }
}
