package dev.commitpolish.polish;

import dev.commitpolish.cli.Env;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The git operations {@code polish} needs, run through the {@code git} executable. */
final class GitOps {

  /** Exit status and output of one git run. */
  record Result(int exitCode, String stdout, String stderr) {
    boolean ok() {
      return exitCode == 0;
    }
  }

  private final Env env;

  GitOps(Env env) {
    this.env = env;
  }

  Result git(String... args) {
    List<String> argv = new ArrayList<>();
    argv.add("git");
    argv.addAll(List.of(args));
    var pb = processBuilder(argv, Map.of());
    try {
      Process p = pb.start();
      p.getOutputStream().close();
      CompletableFuture<String> err =
          CompletableFuture.supplyAsync(() -> slurp(p.getErrorStream()));
      String out = slurp(p.getInputStream());
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Result(-1, out, "git " + String.join(" ", args) + " timed out");
      }
      return new Result(p.exitValue(), out, err.join());
    } catch (IOException e) {
      return new Result(-1, "", "cannot run git: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, "", "interrupted");
    }
  }

  private ProcessBuilder processBuilder(List<String> argv, Map<String, String> extraEnv) {
    var pb = new ProcessBuilder(argv).directory(env.cwd().toFile());
    pb.environment().clear();
    pb.environment().putAll(env.vars());
    pb.environment().putAll(extraEnv);
    return pb;
  }

  boolean insideWorkTree() {
    Result r = git("rev-parse", "--is-inside-work-tree");
    return r.ok() && r.stdout().strip().equals("true");
  }

  Staged staged() {
    Result ns = git("-c", "core.quotepath=off", "diff", "--cached", "-z", "--name-status", "-M");
    Result num = git("-c", "core.quotepath=off", "diff", "--cached", "-z", "--numstat", "-M");
    if (!ns.ok()) {
      throw new IllegalStateException("git diff --cached failed: " + ns.stderr().strip());
    }
    return Staged.parse(ns.stdout(), num.stdout());
  }

  /** A path inside the git dir (honours worktrees), e.g. {@code COMMIT_POLISH_MSG}. */
  Path gitPath(String name) {
    return env.cwd().resolve(git("rev-parse", "--git-path", name).stdout().strip()).normalize();
  }

  /** The editor git would use: GIT_EDITOR, core.editor, VISUAL, EDITOR, then git's default. */
  String editor() {
    Result r = git("var", "GIT_EDITOR");
    String e = r.stdout().strip();
    return r.ok() && !e.isEmpty() ? e : "vi";
  }

  /** The comment prefix for edit files; "auto" and multi-character strings fall back to '#'. */
  String commentPrefix() {
    Result r = git("config", "--get", "core.commentChar");
    String c = r.stdout().strip();
    return r.ok() && c.length() == 1 ? c : "#";
  }

  /**
   * Runs the editor on {@code file} with the terminal as its stdin/stdout (so it works even when
   * our own stdout is piped).
   *
   * @return the editor's exit code
   */
  int edit(String editor, Path file, boolean useTty) throws IOException, InterruptedException {
    var pb =
        processBuilder(List.of("sh", "-c", editor + " \"$@\"", editor, file.toString()), Map.of());
    if (useTty) {
      File tty = new File("/dev/tty");
      pb.redirectInput(ProcessBuilder.Redirect.from(tty));
      pb.redirectOutput(ProcessBuilder.Redirect.appendTo(tty));
      pb.redirectError(ProcessBuilder.Redirect.appendTo(tty));
    } else {
      pb.redirectInput(ProcessBuilder.Redirect.INHERIT);
      pb.redirectOutput(ProcessBuilder.Redirect.INHERIT);
      pb.redirectError(ProcessBuilder.Redirect.INHERIT);
    }
    return pb.start().waitFor();
  }

  /**
   * {@code git commit -F file}, so the user's pre-commit and commit-msg hooks run. Our own
   * prepare-commit-msg hook is told to stand aside with COMMIT_POLISH_SKIP=1: the message was
   * already polished and reviewed.
   */
  int commit(Path messageFile, PrintStream out, PrintStream err)
      throws IOException, InterruptedException {
    var pb =
        processBuilder(
            List.of("git", "commit", "-F", messageFile.toString()),
            Map.of("COMMIT_POLISH_SKIP", "1"));
    pb.redirectInput(ProcessBuilder.Redirect.INHERIT);
    Process p = pb.start();
    CompletableFuture<Void> e = CompletableFuture.runAsync(() -> pump(p.getErrorStream(), err));
    pump(p.getInputStream(), out);
    int code = p.waitFor();
    e.join();
    return code;
  }

  private static void pump(InputStream in, OutputStream to) {
    byte[] buf = new byte[8192];
    try (in) {
      int n;
      while ((n = in.read(buf)) > 0) {
        to.write(buf, 0, n);
        to.flush();
      }
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  private static String slurp(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
