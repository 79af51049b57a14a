package dev.commitpolish.hook;

import dev.commitpolish.cli.CommitPolishCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** Print or reinstate the message the hook replaced. (not yet implemented). */
@Command(
    name = "restore",
    mixinStandardHelpOptions = true,
    description = "Print or reinstate the message the hook replaced.")
public final class RestoreCommand implements Callable<Integer> {

  @ParentCommand private CommitPolishCommand root;

  @Override
  public Integer call() {
    root.err().println("commit-polish restore: not implemented yet");
    return 1;
  }
}
