package dev.commitpolish.cli;

import dev.commitpolish.hook.HookCommand;
import dev.commitpolish.lint.LintCommand;
import dev.commitpolish.ui.Terminal;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import picocli.CommandLine;

/** Entry point: {@code commit-polish <command>}. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    Timing.mark("main");
    int code =
        run(
            args,
            new PrintStream(System.out, true, StandardCharsets.UTF_8),
            new PrintStream(System.err, true, StandardCharsets.UTF_8),
            Env.system());
    Timing.mark("exit");
    Timing.print(System.err);
    System.exit(code);
  }

  /**
   * Runs one command in-process; tests call this with their own streams and environment.
   *
   * @return the exit code: 0 ok, 1 failure, 2 usage
   */
  public static int run(String[] args, PrintStream out, PrintStream err, Env env) {
    return run(args, out, err, env, System.in, Caller.PROCESS);
  }

  /**
   * Runs one command with its own stdin, for {@code caller} (this process, or a client of the
   * resident worker).
   *
   * @return the exit code: 0 ok, 1 failure, 2 usage
   */
  public static int run(
      String[] args, PrintStream out, PrintStream err, Env env, InputStream in, Caller caller) {
    if (isPlainHookCall(args)) {
      // git's own call: positional arguments only (file, source, sha), nothing for picocli to
      // parse. Skipping picocli here saves its ~1,000 classes and annotation proxies on every
      // commit; HookCommand.run is what the picocli-parsed `hook` command calls too.
      return HookCommand.run(Arrays.asList(args).subList(1, args.length), env, err, caller);
    }
    if (isPlainLintCall(args)) {
      // A commit-msg hook runs this on every commit: same reasoning as the hook above.
      try {
        return args.length == 3
            ? LintCommand.runPlain(args[1], args[2], env, out, err, in, caller)
            : LintCommand.runPlain(null, null, env, out, err, in, caller);
      } catch (RuntimeException e) {
        // what the picocli path's execution-exception handler below prints
        err.println("commit-polish: " + e.getMessage());
        return 1;
      }
    }
    if (isPlainVersionCall(args)) {
      // The whole argv is one literal: nothing to parse, and picocli's own start-up (~160
      // classes, ~80 ms) would be most of this command's cost. Same text as the version provider.
      out.println(new CommitPolishCommand.Version().getVersion()[0]);
      return 0;
    }
    var root = new CommitPolishCommand(env, out, err);
    var cl = new CommandLine(root);
    // picocli reads only the real NO_COLOR; the Env's view (NO_COLOR, TERM=dumb, a pipe) decides.
    cl.setColorScheme(CommandLine.Help.defaultColorScheme(Terminal.detect(env).helpAnsi()));
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          err.println("commit-polish: " + ex.getMessage());
          if (root.verbose()) {
            ex.printStackTrace(err);
          }
          return 1;
        });
    return cl.execute(args);
  }

  /**
   * True for {@code hook} exactly as git's hook script calls it: {@code commit-polish hook FILE
   * [SOURCE [SHA]]}, no options anywhere. Anything else ({@code -v}, {@code --help}, …) takes the
   * full command model, so behaviour never differs between the two paths.
   */
  static boolean isPlainHookCall(String[] args) {
    if (args.length == 0 || !args[0].equals("hook")) {
      return false;
    }
    for (int i = 1; i < args.length; i++) {
      if (args[i].startsWith("-")) {
        return false;
      }
    }
    return true;
  }

  /**
   * True for exactly {@code lint} (stdin), {@code lint --edit FILE} (what {@code install
   * --commit-msg} writes) or {@code lint --range A..B} (CI); any other option, or an option value
   * that looks like an option, takes the full command model.
   */
  static boolean isPlainLintCall(String[] args) {
    if (args.length == 0 || !args[0].equals("lint")) {
      return false;
    }
    return args.length == 1
        || (args.length == 3
            && (args[1].equals("--edit") || args[1].equals("--range"))
            && !args[2].isEmpty()
            && !args[2].startsWith("-"));
  }

  /**
   * The commands the resident worker runs for a client: the plain hook call, and {@code lint} from
   * stdin or {@code --edit FILE} — what runs once per commit. Everything else runs in-process.
   */
  public static boolean residentCommand(String[] args) {
    return isPlainHookCall(args)
        || (isPlainLintCall(args) && (args.length == 1 || args[1].equals("--edit")));
  }

  /** True for exactly {@code --version} or {@code -V}. */
  static boolean isPlainVersionCall(String[] args) {
    return args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"));
  }
}
