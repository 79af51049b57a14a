package dev.commitpolish.server;

import dev.commitpolish.cli.CommitPolishCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** Download llamafile and a model, and write the config. (not yet implemented). */
@Command(
    name = "setup",
    mixinStandardHelpOptions = true,
    description = "Download llamafile and a model, and write the config.")
public final class SetupCommand implements Callable<Integer> {

  @ParentCommand private CommitPolishCommand root;

  @Override
  public Integer call() {
    root.err().println("commit-polish setup: not implemented yet");
    return 1;
  }
}
