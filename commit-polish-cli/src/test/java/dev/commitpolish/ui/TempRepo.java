package dev.commitpolish.ui;

import dev.commitpolish.cli.Env;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real git repository in a temp directory with an isolated HOME and git config, for tests of the
 * UX commands. Test support; shared by the ui, doctor and polish tests.
 */
public final class TempRepo {

  private final Path dir;
  private final Path home;
  private final Map<String, String> vars = new HashMap<>();

  private TempRepo(Path base) throws IOException {
    this.home = Files.createDirectories(base.resolve("home"));
    this.dir = Files.createDirectories(base.resolve("repo"));
    vars.put("PATH", System.getenv("PATH"));
    vars.put("HOME", home.toString());
    vars.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
    vars.put("GIT_CONFIG_NOSYSTEM", "1");
    vars.put("GIT_AUTHOR_NAME", "Test");
    vars.put("GIT_AUTHOR_EMAIL", "test@example.com");
    vars.put("GIT_COMMITTER_NAME", "Test");
    vars.put("GIT_COMMITTER_EMAIL", "test@example.com");
    vars.put("LANG", "C.UTF-8");
  }

  /** Creates {@code base/repo} with {@code git init}, and {@code base/home} as HOME. */
  public static TempRepo init(Path base) throws IOException {
    TempRepo r = new TempRepo(base);
    r.git("init", "-q", "-b", "main");
    return r;
  }

  /** A directory that is not a repository, with the same isolated HOME. */
  public static TempRepo outside(Path base) throws IOException {
    return new TempRepo(base);
  }

  public Path dir() {
    return dir;
  }

  public Path home() {
    return home;
  }

  /** Sets an environment variable for commands run in this repo. */
  public TempRepo set(String name, String value) {
    vars.put(name, value);
    return this;
  }

  public Map<String, String> vars() {
    return Map.copyOf(vars);
  }

  public Env env() {
    return new Env(vars, dir);
  }

  public Path write(String path, String content) throws IOException {
    Path p = dir.resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  /** Runs git and returns stdout; fails the test on a non-zero exit. */
  public String git(String... args) throws IOException {
    List<String> argv = new ArrayList<>();
    argv.add("git");
    argv.addAll(List.of(args));
    var pb = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().clear();
    pb.environment().putAll(vars);
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException("git " + String.join(" ", args) + " failed: " + out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    return out;
  }

  /** The full message of HEAD. */
  public String headMessage() throws IOException {
    return git("log", "-1", "--format=%B").strip();
  }

  /** Number of commits reachable from HEAD (0 when there is none). */
  public int commitCount() throws IOException {
    try {
      return Integer.parseInt(git("rev-list", "--count", "HEAD").strip());
    } catch (IOException e) {
      return 0;
    }
  }
}
