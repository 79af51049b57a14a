package dev.commitpolish.doctor;

import dev.commitpolish.cli.CommitPolishCommand;
import dev.commitpolish.ui.Terminal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** Check config, server, model and hook installation; each problem comes with a one-line fix. */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    description = {
      "Check config, model, server and hook installation.",
      "Each check prints a mark, what was found and, when something is wrong, a one-line fix."
          + " Checks: config, model, api-base, server, model-listed, context, probe (a 1-token"
          + " request and its latency), git, hook, hook-manager."
    },
    footer = {
      "",
      "Examples:",
      "  commit-polish doctor                          check everything",
      "  commit-polish doctor --json | jq .ok          machine-readable",
      "  commit-polish doctor --api-base http://127.0.0.1:8081/v1",
      "",
      "Exit status: 0 all checks passed (warnings allowed), 1 a check failed, 2 usage."
    })
public final class DoctorCommand implements Callable<Integer> {

  @ParentCommand private CommitPolishCommand root;

  @Option(
      names = "--json",
      description = "Print one JSON object: ok, and checks[] with name, ok, status, detail, fix.")
  private boolean json;

  @Option(
      names = "--model",
      paramLabel = "PROVIDER/MODEL",
      description = "Check this model instead of the configured one.")
  private String model;

  @Option(
      names = "--api-base",
      paramLabel = "URL",
      description = "Check this base URL instead of the configured one.")
  private String apiBase;

  private final ServerChecks serverChecks;

  /** Used by picocli. */
  public DoctorCommand() {
    this(new LlmServerChecks());
  }

  DoctorCommand(ServerChecks serverChecks) {
    this.serverChecks = serverChecks;
  }

  @Override
  public Integer call() {
    Map<String, String> overrides = new HashMap<>();
    if (model != null) {
      overrides.put("ai.model", model);
    }
    if (apiBase != null) {
      overrides.put("ai.api_base", apiBase);
    }
    Doctor doctor = new Doctor(root.env(), overrides, serverChecks);
    List<CheckResult> results = doctor.run();
    if (root.verbose()) {
      doctor.notes().forEach(n -> root.err().println("doctor: " + n));
    }
    DoctorReport report = new DoctorReport(results);
    if (json) {
      root.out().println(report.json());
    } else {
      Terminal term = Terminal.detect(root.env());
      report.printText(root.out(), term.out(), root.quiet());
    }
    return report.ok() ? 0 : 1;
  }
}
