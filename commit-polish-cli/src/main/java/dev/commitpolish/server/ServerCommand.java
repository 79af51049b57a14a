package dev.commitpolish.server;

import dev.commitpolish.cli.CommitPolishCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** Start, stop and inspect the local llamafile server. (not yet implemented). */
@Command(
    name = "server",
    mixinStandardHelpOptions = true,
    description = "Start, stop and inspect the local llamafile server.")
public final class ServerCommand implements Callable<Integer> {

  @ParentCommand private CommitPolishCommand root;

  @Override
  public Integer call() {
    root.err().println("commit-polish server: not implemented yet");
    return 1;
  }
}
