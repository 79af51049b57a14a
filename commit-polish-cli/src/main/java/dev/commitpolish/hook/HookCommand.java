package dev.commitpolish.hook;

import dev.commitpolish.cli.CommitPolishCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** Run as git's prepare-commit-msg hook. (not yet implemented). */
@Command(
    name = "hook",
    mixinStandardHelpOptions = true,
    description = "Run as git's prepare-commit-msg hook.")
public final class HookCommand implements Callable<Integer> {

  @ParentCommand private CommitPolishCommand root;

  @Override
  public Integer call() {
    root.err().println("commit-polish hook: not implemented yet");
    return 1;
  }
}
