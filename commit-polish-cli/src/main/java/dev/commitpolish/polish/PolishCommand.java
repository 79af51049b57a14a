package dev.commitpolish.polish;

import dev.commitpolish.cli.CommitPolishCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** Generate, review and commit a message for the staged changes. (not yet implemented). */
@Command(
    name = "polish",
    mixinStandardHelpOptions = true,
    description = "Generate, review and commit a message for the staged changes.")
public final class PolishCommand implements Callable<Integer> {

  @ParentCommand private CommitPolishCommand root;

  @Override
  public Integer call() {
    root.err().println("commit-polish polish: not implemented yet");
    return 1;
  }
}
