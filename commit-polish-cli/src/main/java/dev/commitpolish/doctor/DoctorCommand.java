package dev.commitpolish.doctor;

import dev.commitpolish.cli.CommitPolishCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** Check config, server, model and hook installation. (not yet implemented). */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    description = "Check config, server, model and hook installation.")
public final class DoctorCommand implements Callable<Integer> {

  @ParentCommand private CommitPolishCommand root;

  @Override
  public Integer call() {
    root.err().println("commit-polish doctor: not implemented yet");
    return 1;
  }
}
