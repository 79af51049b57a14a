package dev.commitpolish.doctor;

import dev.commitpolish.cli.Env;
import dev.commitpolish.config.Config;
import dev.commitpolish.config.ConfigException;
import dev.commitpolish.config.ConfigFile;
import dev.commitpolish.config.ConfigLoader;
import dev.commitpolish.config.ConfigProblem;
import dev.commitpolish.config.LoadedConfig;
import dev.commitpolish.daemon.DaemonCommand;
import dev.commitpolish.daemon.DaemonFiles;
import dev.commitpolish.daemon.DaemonStarter;
import dev.commitpolish.git.GitResult;
import dev.commitpolish.llm.ApiBase;
import dev.commitpolish.llm.ApiBaseProblem;
import dev.commitpolish.llm.LlmException;
import dev.commitpolish.llm.ModelRef;
import dev.commitpolish.message.Polisher;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Runs every doctor check in order. Later checks use what earlier ones resolved (the config gives
 * the model, the model gives the provider and its default base URL, a usable base URL lets the
 * server be probed); when an earlier check fails, the ones that depend on it are skipped.
 */
final class Doctor {

  private final Env env;
  private final Map<String, String> flagOverrides;
  private final ServerChecks server;
  private final List<String> notes = new ArrayList<>();

  Doctor(Env env, Map<String, String> flagOverrides, ServerChecks server) {
    this.env = env;
    this.flagOverrides = Map.copyOf(flagOverrides);
    this.server = server;
  }

  List<CheckResult> run() {
    List<CheckResult> out = new ArrayList<>();
    GitChecks git = new GitChecks(env);
    Optional<Path> top = workTree();
    notes.add("work tree: " + top.map(Path::toString).orElse("none (not in a repository)"));
    for (ConfigFile f : ConfigLoader.files(env, top)) {
      notes.add(
          "config file ("
              + f.scope().label()
              + "): "
              + f.path()
              + (f.exists() ? "" : " (not present)"));
    }

    ConfigOutcome co = loadConfig(top);
    out.add(co.check());
    Optional<ModelRef> ref = Optional.empty();
    if (co.modelProblem().isPresent()) {
      out.add(fromConfigProblem("model", co.modelProblem().get()));
    } else if (co.loaded().isPresent()) {
      ref = checkModel(co.loaded().get(), out);
    } else {
      out.add(CheckResult.skip("model", "needs a valid config"));
    }
    Optional<String> base = Optional.empty();
    if (co.baseProblem().isPresent()) {
      out.add(fromConfigProblem("api-base", co.baseProblem().get()));
    } else if (co.loaded().isPresent() && ref.isPresent()) {
      base = checkApiBase(co.loaded().get(), ref.get(), out);
    } else {
      out.add(CheckResult.skip("api-base", "needs a valid config and model"));
    }
    if (base.isPresent()) {
      long t0 = System.nanoTime();
      out.addAll(server.run(env, co.loaded().get().config(), ref.get(), base.get()));
      notes.add(
          "server checks against "
              + base.get()
              + " took "
              + (System.nanoTime() - t0) / 1_000_000
              + " ms");
    } else {
      for (String name : ServerChecks.NAMES) {
        out.add(CheckResult.skip(name, "needs a usable api_base"));
      }
    }
    CheckResult version = git.version();
    out.add(version);
    if (version.status() == CheckResult.Status.FAIL
        && version.detail().startsWith("git not found")) {
      out.add(CheckResult.skip("hook", "needs git"));
      out.add(CheckResult.skip("hook-manager", "needs git"));
    } else {
      out.addAll(git.hooks());
    }
    out.add(worker());
    return out;
  }

  /** The resident worker: informational, since the next commit starts one when it is missing. */
  private CheckResult worker() {
    if (DaemonStarter.switchedOff(env)) {
      return CheckResult.skip("worker", "turned off by " + DaemonStarter.SWITCH + "=0");
    }
    Optional<DaemonFiles> files = DaemonStarter.files(env);
    if (files.isEmpty()) {
      return CheckResult.skip(
          "worker",
          "only through the commit-polish launcher (bin/commit-polish), with HOME or an XDG"
              + " directory set to an absolute path");
    }
    Optional<String> status = DaemonCommand.status(files.get());
    if (status.isPresent()) {
      return CheckResult.pass("worker", status.get().strip());
    }
    if (java.nio.file.Files.exists(files.get().state())) {
      return CheckResult.warn(
          "worker",
          files.get().state() + " names a worker that does not answer (it was killed)",
          "nothing to do: the next commit runs in-process and starts a new one");
    }
    return CheckResult.pass(
        "worker",
        "not running; the next commit starts it (or: commit-polish daemon start)"
            + " and commits after it skip the JVM start");
  }

  /**
   * The config check and what it resolved. Problems with {@code ai.model} and {@code ai.api_base}
   * are reported by the model and api-base checks, where users look for them.
   */
  record ConfigOutcome(
      CheckResult check,
      Optional<LoadedConfig> loaded,
      Optional<ConfigProblem> modelProblem,
      Optional<ConfigProblem> baseProblem) {}

  private static final List<String> BASE_KEYS = List.of("ai.api_base", "llamafile.api_base");

  private ConfigOutcome loadConfig(Optional<Path> top) {
    List<CheckResult> one = new ArrayList<>();
    try {
      Optional<LoadedConfig> lc = checkConfig(top, flagOverrides, one);
      return new ConfigOutcome(one.get(0), lc, Optional.empty(), Optional.empty());
    } catch (ConfigException e) {
      Optional<ConfigProblem> model =
          e.errors().stream().filter(p -> p.key().equals("ai.model")).findFirst();
      Optional<ConfigProblem> base =
          e.errors().stream().filter(p -> BASE_KEYS.contains(p.key())).findFirst();
      List<ConfigProblem> others =
          e.errors().stream()
              .filter(p -> !p.key().equals("ai.model") && !BASE_KEYS.contains(p.key()))
              .collect(Collectors.toList());
      if (!others.isEmpty()) {
        return new ConfigOutcome(configFailure(others), Optional.empty(), model, base);
      }
      // Only the model or base URL is wrong: load again with those neutralised so the rest of
      // the checks still see the user's other settings.
      Map<String, String> neutral = new HashMap<>(flagOverrides);
      model.ifPresent(p -> neutral.put("ai.model", Config.DEFAULT_MODEL));
      base.ifPresent(p -> neutral.put("ai.api_base", "http://127.0.0.1:8080/v1"));
      try {
        Optional<LoadedConfig> lc = checkConfig(top, neutral, one);
        CheckResult c = one.get(0);
        CheckResult shown =
            new CheckResult(
                "config", c.status(), c.detail() + " (model/api_base: see below)", c.fix());
        return new ConfigOutcome(shown, lc, model, base);
      } catch (ConfigException again) {
        return new ConfigOutcome(configFailure(e.errors()), Optional.empty(), model, base);
      }
    }
  }

  private static CheckResult configFailure(List<ConfigProblem> errors) {
    ConfigProblem first = errors.get(0);
    String more = errors.size() > 1 ? " (+" + (errors.size() - 1) + " more)" : "";
    return CheckResult.fail(
        "config",
        first + more,
        where(first) + "; commit-polish config validate lists every problem");
  }

  /** Where to change a value: the env var, the flag, or the file and line. */
  private static String where(ConfigProblem p) {
    if (p.source().startsWith("env ")) {
      return "change " + p.source().substring(4);
    }
    if (p.source().startsWith("flag ")) {
      return "change " + p.source().substring(5);
    }
    return "edit " + p.source() + (p.line() > 0 ? " line " + p.line() : "");
  }

  private CheckResult fromConfigProblem(String check, ConfigProblem p) {
    Optional<String> raw =
        p.source().startsWith("env ")
            ? env.get(p.source().substring(4))
            : p.source().startsWith("flag ")
                ? Optional.ofNullable(flagOverrides.get(p.key()))
                : Optional.empty();
    String detail = p.source() + ": " + p.message();
    String fix = where(p);
    if (raw.isPresent() && check.equals("api-base")) {
      Optional<ApiBaseProblem> e =
          ApiBase.check(dev.commitpolish.llm.Provider.LLAMAFILE, raw.get()).stream()
              .filter(x -> x.severity() == ApiBaseProblem.Severity.ERROR)
              .findFirst();
      if (e.isPresent()) {
        return CheckResult.fail(
            check, e.get().message() + " (from " + p.source() + ")", e.get().fix());
      }
    }
    if (raw.isPresent() && check.equals("model") && !raw.get().contains("/")) {
      fix += " to llamafile/" + raw.get().strip();
    }
    return CheckResult.fail(check, detail, fix);
  }

  /** Diagnostics for {@code --verbose}: what was looked at, and how long the server took. */
  List<String> notes() {
    return List.copyOf(notes);
  }

  private Optional<Path> workTree() {
    GitResult r = Cmd.git(env, "rev-parse", "--show-toplevel");
    return r.ok() && !r.stdout().isBlank()
        ? Optional.of(Path.of(r.stdout().strip()))
        : Optional.empty();
  }

  private Optional<LoadedConfig> checkConfig(
      Optional<Path> top, Map<String, String> overrides, List<CheckResult> out) {
    List<ConfigFile> files = ConfigLoader.files(env, top);
    String found =
        files.stream()
            .filter(ConfigFile::exists)
            .map(f -> home(f.path()) + " (" + f.scope().label() + ")")
            .collect(Collectors.joining(", "));
    LoadedConfig lc = ConfigLoader.load(env, top, overrides);
    if (!lc.warnings().isEmpty()) {
      out.add(
          CheckResult.warn(
              "config",
              (found.isEmpty() ? "defaults" : found) + "; " + lc.warnings().get(0),
              "see all with: commit-polish config validate"));
    } else if (found.isEmpty()) {
      String where =
          files.stream()
              .filter(f -> f.scope() != ConfigFile.Scope.REPO)
              .map(f -> home(f.path()))
              .findFirst()
              .orElse("~/.config/commit-polish/config.toml");
      out.add(CheckResult.pass("config", "no config file (" + where + "); using the defaults"));
    } else {
      out.add(CheckResult.pass("config", found + " valid"));
    }
    return Optional.of(lc);
  }

  private Optional<ModelRef> checkModel(LoadedConfig lc, List<CheckResult> out) {
    String model = lc.config().ai().model();
    try {
      ModelRef ref = ModelRef.parse(model);
      out.add(
          CheckResult.pass(
              "model",
              ref
                  + " (provider "
                  + ref.provider().prefix()
                  + ", from "
                  + lc.origin("ai.model")
                  + ")"));
      return Optional.of(ref);
    } catch (LlmException | IllegalArgumentException e) {
      out.add(
          CheckResult.fail(
              "model",
              e.getMessage(),
              "set [ai] model = \""
                  + Config.DEFAULT_MODEL
                  + "\" (set in "
                  + lc.origin("ai.model")
                  + ")"));
      return Optional.empty();
    }
  }

  private Optional<String> checkApiBase(LoadedConfig lc, ModelRef ref, List<CheckResult> out) {
    Config c = lc.config();
    String origin = lc.origin("ai.api_base");
    Optional<String> base = c.ai().apiBase();
    if (base.isEmpty()) {
      base = env.get(ref.provider().apiBaseEnv());
      origin = "env " + ref.provider().apiBaseEnv();
    }
    if (base.isEmpty()) {
      base = ref.provider().defaultApiBase();
      origin = "default for " + ref.provider().prefix();
    }
    if (base.isEmpty()) {
      out.add(
          CheckResult.fail(
              "api-base",
              "no base URL for provider " + ref.provider().prefix(),
              "set [ai] api_base or " + ref.provider().apiBaseEnv()));
      return Optional.empty();
    }
    String url = base.get();
    List<ApiBaseProblem> problems = ApiBase.check(ref.provider(), url);
    Optional<ApiBaseProblem> error =
        problems.stream().filter(p -> p.severity() == ApiBaseProblem.Severity.ERROR).findFirst();
    if (error.isPresent()) {
      out.add(
          CheckResult.fail(
              "api-base", error.get().message() + " (from " + origin + ")", error.get().fix()));
      return Optional.empty();
    }
    if (!problems.isEmpty()) {
      ApiBaseProblem w = problems.get(0);
      out.add(CheckResult.warn("api-base", w.message() + " (from " + origin + ")", w.fix()));
    } else if (!c.ai().allowRemote() && !loopback(url)) {
      // The engine refuses to send a diff there, so the hook could never polish: a failure. The
      // server checks still run (their 1-token probe carries no diff).
      out.add(
          CheckResult.fail(
              "api-base",
              url + " is not a loopback address; diffs are only sent there with allow_remote",
              "set [ai] allow_remote = true if you trust that server"));
    } else {
      out.add(CheckResult.pass("api-base", url + " (from " + origin + ")"));
    }
    return Optional.of(url);
  }

  /** Same rule as the engine: localhost, 127.0.0.0/8 and ::1 are loopback. */
  static boolean loopback(String url) {
    return Polisher.isLoopback(url);
  }

  private String home(Path p) {
    return env.displayHome(p);
  }
}
