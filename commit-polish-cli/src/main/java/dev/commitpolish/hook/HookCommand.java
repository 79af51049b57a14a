package dev.commitpolish.hook;

import dev.commitpolish.cli.Caller;
import dev.commitpolish.cli.CommitPolishCommand;
import dev.commitpolish.cli.Env;
import dev.commitpolish.daemon.DaemonStarter;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code commit-polish hook <file> [<source> [<sha>]]}: git's prepare-commit-msg hook. Whatever
 * happens, it exits 0 (unless {@code [hook] strict = true}) and prints exactly one line on stderr.
 */
@Command(
    name = "hook",
    mixinStandardHelpOptions = true,
    description = {
      "Run as git's prepare-commit-msg hook: polish the message in FILE from the staged diff.",
      "Polishes when SOURCE is empty, 'message' or 'template'; leaves merge, squash, amend/-c/-C"
          + " (unless [hook] polish_amend), fixup!/squash!/amend! subjects and every rebase,"
          + " cherry-pick and revert alone.",
      "Never blocks a commit: on any failure the original message stays and the hook exits 0"
          + " (unless [hook] strict = true). Prints exactly one line on stderr.",
      "Kill switches: COMMIT_POLISH_SKIP=1, or git config commit-polish.enabled false."
    },
    footer = {
      "",
      "Examples:",
      "  # what `commit-polish install` puts in .git/hooks/prepare-commit-msg:",
      "  exec commit-polish hook \"$@\"",
      "  # skip the hook for one commit (--no-verify does NOT skip prepare-commit-msg):",
      "  COMMIT_POLISH_SKIP=1 git commit -m 'wip'",
      "  # turn it off for a repository:",
      "  git config commit-polish.enabled false",
      "  # get back the message the hook replaced:",
      "  commit-polish restore"
    })
public final class HookCommand implements Callable<Integer> {

  @ParentCommand private CommitPolishCommand root;

  // Taken as a free list, never validated by picocli: a usage error would exit 2 and abort the
  // commit, which a hook must never do.
  @Parameters(
      arity = "0..*",
      paramLabel = "ARG",
      description = "FILE [SOURCE [SHA]] exactly as git passes them.")
  private List<String> args = new ArrayList<>();

  @Override
  public Integer call() {
    return new HookRun(root.env(), root.err(), root.verbose(), new Caller() {}).run(args);
  }

  /**
   * The hook without picocli: {@code Main} may call this for {@code commit-polish hook ...} before
   * building the command line, so a commit does not pay for loading and reflecting over every
   * subcommand. Same behaviour and output as {@code commit-polish hook}.
   *
   * @param args the arguments after {@code hook} ({@code -v}/{@code --verbose} first is honoured)
   * @return the exit code
   */
  public static int run(List<String> args, Env env, PrintStream err) {
    return run(args, env, err, new Caller() {});
  }

  /**
   * As {@link #run(List, Env, PrintStream)}, for {@code caller}: a run in its own process that got
   * as far as polishing then starts the resident worker for the next commits ({@link
   * DaemonStarter}), unless {@code commit-polish.daemon} is false.
   */
  public static int run(List<String> args, Env env, PrintStream err, Caller caller) {
    boolean verbose =
        !args.isEmpty() && (args.get(0).equals("-v") || args.get(0).equals("--verbose"));
    List<String> rest = verbose ? args.subList(1, args.size()) : args;
    HookRun run = new HookRun(env, err, verbose, caller);
    int code = run.run(rest);
    if (caller.startsWorker() && run.workerWanted()) {
      try {
        DaemonStarter.afterHook(env);
      } catch (Throwable e) {
        // e.g. its class cannot load from a jar rewritten under this JVM: the commit goes on
      }
    }
    return code;
  }
}
