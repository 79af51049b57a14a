package dev.commitpolish.install;

import dev.commitpolish.cli.CommitPolishCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** Remove the hook and restore what was there before. (not yet implemented). */
@Command(
    name = "uninstall",
    mixinStandardHelpOptions = true,
    description = "Remove the hook and restore what was there before.")
public final class UninstallCommand implements Callable<Integer> {

  @ParentCommand private CommitPolishCommand root;

  @Override
  public Integer call() {
    root.err().println("commit-polish uninstall: not implemented yet");
    return 1;
  }
}
