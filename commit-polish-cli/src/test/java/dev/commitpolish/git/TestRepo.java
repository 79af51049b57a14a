package dev.commitpolish.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.commitpolish.cli.Env;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real git repository in a temp directory, with an isolated environment: HOME points to a temp
 * dir (so the developer's ~/.gitconfig never leaks in), no system config, fixed identities.
 */
public final class TestRepo {

  public final Path dir;
  final Map<String, String> vars;

  private TestRepo(Path dir, Map<String, String> vars) {
    this.dir = dir;
    this.vars = vars;
  }

  /** The isolated environment for {@code home}. */
  static Map<String, String> baseEnv(Path home) {
    var env = new HashMap<String, String>();
    env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    env.put("HOME", home.toString());
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    env.put("GIT_AUTHOR_NAME", "Test Author");
    env.put("GIT_AUTHOR_EMAIL", "author@example.com");
    env.put("GIT_COMMITTER_NAME", "Test Committer");
    env.put("GIT_COMMITTER_EMAIL", "committer@example.com");
    env.put("LANG", "C");
    env.put("LC_ALL", "C");
    env.put("GIT_EDITOR", ":");
    return env;
  }

  /** {@code git init -b main} in {@code root/name}, with HOME at {@code root/home}. */
  public static TestRepo init(Path root, String name) {
    Path home = root.resolve("home");
    try {
      Files.createDirectories(home);
      Path dir = Files.createDirectories(root.resolve(name));
      var repo = new TestRepo(dir, baseEnv(home));
      repo.git("init", "-q", "-b", "main");
      // Submodules from local paths need the file protocol (blocked by default since 2.38.1).
      repo.git("config", "--global", "protocol.file.allow", "always");
      return repo;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Another repo view (worktree, submodule) sharing this environment. */
  TestRepo at(Path other) {
    return new TestRepo(other, vars);
  }

  /** The same repo with one more environment variable. */
  TestRepo withEnv(String name, String value) {
    var copy = new HashMap<>(vars);
    copy.put(name, value);
    return new TestRepo(dir, copy);
  }

  public Env env() {
    return new Env(vars, dir);
  }

  public Git gitApi() {
    return Git.open(env());
  }

  /** Runs git, asserting success; returns stdout. */
  public String git(String... args) {
    Result r = run(List.of(args), Map.of());
    assertThat(r.exit).as("git %s failed: %s", String.join(" ", args), r.err).isZero();
    return r.out;
  }

  record Result(int exit, String out, String err) {}

  /** Runs git with extra environment, whatever the outcome. */
  Result run(List<String> args, Map<String, String> extraEnv) {
    var cmd = new ArrayList<String>();
    cmd.add("git");
    cmd.addAll(args);
    var pb = new ProcessBuilder(cmd).directory(dir.toFile());
    pb.environment().clear();
    pb.environment().putAll(vars);
    pb.environment().putAll(extraEnv);
    try {
      Process p = pb.start();
      p.getOutputStream().close();
      var err = new ByteArrayOutputStream();
      Thread t = new Thread(() -> copy(p.getErrorStream(), err));
      t.start();
      var out = new ByteArrayOutputStream();
      copy(p.getInputStream(), out);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      t.join();
      return new Result(
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

  private static void copy(InputStream in, ByteArrayOutputStream out) {
    try (in) {
      in.transferTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Path write(String path, String content) {
    return write(path, content.getBytes(StandardCharsets.UTF_8));
  }

  public Path write(String path, byte[] content) {
    try {
      Path p = dir.resolve(path);
      Files.createDirectories(p.getParent());
      return Files.write(p, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes, stages and commits one file. */
  public void commitFile(String path, String content, String message) {
    write(path, content);
    git("add", path);
    git("commit", "-q", "-m", message);
  }
}
