package dev.commitpolish.lint;

import dev.commitpolish.cli.CommitPolishCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** Lint commit messages like commitlint with config-conventional. (not yet implemented). */
@Command(
    name = "lint",
    mixinStandardHelpOptions = true,
    description = "Lint commit messages like commitlint with config-conventional.")
public final class LintCommand implements Callable<Integer> {

  @ParentCommand private CommitPolishCommand root;

  @Override
  public Integer call() {
    root.err().println("commit-polish lint: not implemented yet");
    return 1;
  }
}
