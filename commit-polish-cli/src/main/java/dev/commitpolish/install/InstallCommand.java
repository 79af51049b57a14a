package dev.commitpolish.install;

import dev.commitpolish.cli.CommitPolishCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** Install the git hook (chaining any existing one). (not yet implemented). */
@Command(
    name = "install",
    mixinStandardHelpOptions = true,
    description = "Install the git hook (chaining any existing one).")
public final class InstallCommand implements Callable<Integer> {

  @ParentCommand private CommitPolishCommand root;

  @Override
  public Integer call() {
    root.err().println("commit-polish install: not implemented yet");
    return 1;
  }
}
