package dev.commitpolish.polish;

import dev.commitpolish.cli.Env;
import dev.commitpolish.git.Git;
import dev.commitpolish.git.GitException;
import dev.commitpolish.git.GitResult;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The git operations {@code polish} needs, through {@link Git} — plus the user's editor, which is
 * not git and runs on the terminal.
 */
final class GitOps {

  private final Env env;
  private final Git git;

  GitOps(Env env) {
    this.env = env;
    this.git = Git.open(env);
  }

  /** {@code git <args>}; exit code -1, with the reason as stderr, when git could not start. */
  GitResult git(String... args) {
    return git.tryRun(List.of(args));
  }

  private ProcessBuilder processBuilder(List<String> argv) {
    var pb = new ProcessBuilder(argv).directory(env.cwd().toFile());
    pb.environment().clear();
    pb.environment().putAll(env.vars());
    return pb;
  }

  boolean insideWorkTree() {
    GitResult r = git("rev-parse", "--is-inside-work-tree");
    return r.ok() && r.stdout().strip().equals("true");
  }

  Staged staged() {
    try {
      return Staged.of(git.stagedChanges(0).files());
    } catch (GitException e) {
      throw new IllegalStateException("git diff --cached failed: " + e.getMessage(), e);
    }
  }

  /** A path inside the git dir (honours worktrees), e.g. {@code COMMIT_POLISH_MSG}. */
  Path gitPath(String name) {
    return env.cwd().resolve(git("rev-parse", "--git-path", name).stdout().strip()).normalize();
  }

  /** The editor git would use: GIT_EDITOR, core.editor, VISUAL, EDITOR, then git's default. */
  String editor() {
    GitResult r = git("var", "GIT_EDITOR");
    String e = r.stdout().strip();
    return r.ok() && !e.isEmpty() ? e : "vi";
  }

  /** The comment prefix for edit files; "auto" and multi-character strings fall back to '#'. */
  String commentPrefix() {
    GitResult r = git("config", "--get", "core.commentChar");
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
    var pb = processBuilder(List.of("sh", "-c", editor + " \"$@\"", editor, file.toString()));
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
  int commit(Path messageFile, PrintStream out, PrintStream err) {
    try {
      return git.runAttached(
          List.of("commit", "-F", messageFile.toString()),
          Map.of("COMMIT_POLISH_SKIP", "1"),
          out,
          err);
    } catch (GitException e) {
      err.println("commit-polish polish: " + e.getMessage());
      return 127; // as a shell says for a command it cannot run
    }
  }
}
