package dev.commitpolish.hook;

import dev.commitpolish.cli.CommitPolishCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** Print the polished message for a draft and a diff. (not yet implemented). */
@Command(
    name = "preview",
    mixinStandardHelpOptions = true,
    description = "Print the polished message for a draft and a diff.")
public final class PreviewCommand implements Callable<Integer> {

  @ParentCommand private CommitPolishCommand root;

  @Override
  public Integer call() {
    root.err().println("commit-polish preview: not implemented yet");
    return 1;
  }
}
