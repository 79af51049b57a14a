package dev.commitpolish.config;

import dev.commitpolish.cli.CommitPolishCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** Show, create and validate configuration. (not yet implemented). */
@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    description = "Show, create and validate configuration.")
public final class ConfigCommand implements Callable<Integer> {

  @ParentCommand private CommitPolishCommand root;

  @Override
  public Integer call() {
    root.err().println("commit-polish config: not implemented yet");
    return 1;
  }
}
