package dev.commitpolish.doctor;

import dev.commitpolish.cli.Env;
import dev.commitpolish.config.Config;
import dev.commitpolish.llm.ModelRef;
import java.util.List;

/** The checks that talk to the model server; an interface so the order logic is testable alone. */
interface ServerChecks {

  /** Check names in output order; skipped together when there is no usable base URL. */
  List<String> NAMES = List.of("server", "model-listed", "context", "probe");

  /** Runs the {@link #NAMES} checks, in that order. */
  List<CheckResult> run(Env env, Config config, ModelRef ref, String apiBase);
}
