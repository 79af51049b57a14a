package dev.commitpolish.cli;

import dev.commitpolish.hook.HookCommand;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Entry point: {@code commit-polish <command>}. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    int code =
        run(
            args,
            new PrintStream(System.out, true, StandardCharsets.UTF_8),
            new PrintStream(System.err, true, StandardCharsets.UTF_8),
            Env.system());
    System.exit(code);
  }

  /**
   * Runs one command in-process; tests call this with their own streams and environment.
   *
   * @return the exit code: 0 ok, 1 failure, 2 usage
   */
  public static int run(String[] args, PrintStream out, PrintStream err, Env env) {
    var root = new CommitPolishCommand(env, out, err);
    var cl = isPlainHookCall(args) ? hookOnly(root) : new CommandLine(root);
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
   * A command model with only the hook under the root. The hook runs on every commit, and picocli
   * inspecting all twelve commands by reflection costs about 50 ms of CPU there (measured with
   * AppCDS on; docs/startup.md); a model of the one command git calls costs none of that. The root
   * object is the same, so {@code @ParentCommand} gives the hook its env and streams as usual.
   */
  static CommandLine hookOnly(CommitPolishCommand root) {
    CommandSpec spec = CommandSpec.wrapWithoutInspection(root);
    spec.name("commit-polish");
    var cl = new CommandLine(spec);
    cl.addSubcommand("hook", new HookCommand());
    return cl;
  }
}
