package dev.commitpolish.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

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
    var cl = new CommandLine(root);
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
}
