package dev.commitpolish.hook;

import dev.commitpolish.cli.Env;
import dev.commitpolish.config.Config;
import dev.commitpolish.config.ConfigException;
import dev.commitpolish.config.ConfigLoader;
import dev.commitpolish.conventional.ConventionDiscovery;
import dev.commitpolish.diff.Exclusions;
import dev.commitpolish.diff.StagedPatch;
import dev.commitpolish.git.Git;
import dev.commitpolish.git.GitException;
import dev.commitpolish.git.StagedChanges;
import dev.commitpolish.message.Conventions;
import dev.commitpolish.message.PolishOutcome;
import dev.commitpolish.message.Polisher;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The expensive half of the hook: configuration, staged diff, conventions, the model — all under
 * one hard deadline — then the backup and the atomic rewrite.
 */
final class PolishStep {

  /** Time kept back from the model so the offline fallback and the write fit in the deadline. */
  static final Duration RESERVE = Duration.ofMillis(1500);

  private final Env env;
  private final Git git;
  private final boolean verbose;
  private final PrintStream err;

  PolishStep(Env env, Git git, boolean verbose, PrintStream err) {
    this.env = env;
    this.git = git;
    this.verbose = verbose;
    this.err = err;
  }

  HookRun.Result polish(
      Path file, byte[] original, MessageFile mf, String draft, String source, String sha) {
    Instant start = Instant.now();
    Path top;
    try {
      top = git.topLevel();
    } catch (GitException e) {
      return HookRun.Result.skipped("no work tree");
    }
    Config config;
    try {
      config = ConfigLoader.load(env, Optional.of(top), Map.of()).config();
    } catch (ConfigException e) {
      return new HookRun.Result(
          "kept original (configuration error; run: commit-polish config validate)", 0);
    }
    int failExit = config.hook().strict() ? 1 : 0;
    if (!config.hook().enabled()) {
      return HookRun.Result.skipped("[hook] enabled = false");
    }
    if (source.equals("commit") && !config.hook().polishAmend()) {
      return HookRun.Result.skipped(
          "reusing " + (sha.isEmpty() ? "a commit" : sha) + "'s message; set [hook] polish_amend");
    }
    if (!Backup.ownerWritable(file)) {
      return new HookRun.Result("kept original (message file is read-only)", failExit);
    }
    Duration deadline = config.hook().deadline();
    Instant hardStop = start.plus(deadline);
    Instant modelStop =
        hardStop.minus(
            deadline.compareTo(RESERVE.multipliedBy(4)) > 0 ? RESERVE : deadline.dividedBy(4));

    CompletableFuture<Work> work = new CompletableFuture<>();
    Thread worker =
        new Thread(
            () -> {
              try {
                work.complete(work(config, top, draft, modelStop));
              } catch (Throwable t) {
                work.completeExceptionally(t);
              }
            },
            "commit-polish-hook");
    // Daemon: past the deadline the JVM exits without waiting for a stuck socket or process.
    worker.setDaemon(true);
    worker.start();
    Work w;
    try {
      long waitMs = Math.max(1, Duration.between(Instant.now(), hardStop).toMillis());
      w = work.get(waitMs, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      worker.interrupt();
      return new HookRun.Result(
          "kept original (timed out after "
              + deadline.toSeconds()
              + " s; raise [hook] deadline_seconds)",
          failExit);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new HookRun.Result("kept original (interrupted)", failExit);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (verbose) {
        c.printStackTrace(err);
      }
      String what =
          c instanceof GitException
              ? "git failed"
              : "internal error: " + c.getClass().getSimpleName();
      return new HookRun.Result("kept original (" + what + ")", failExit);
    }
    if (w.skip() != null) {
      return HookRun.Result.skipped(w.skip());
    }
    PolishOutcome o = w.outcome();
    if (verbose) {
      err.println(
          PREFIX
              + "engine="
              + o.engine().id()
              + " attempts="
              + o.attempts()
              + " prompt_tokens="
              + o.promptTokens()
              + " completion_tokens="
              + o.completionTokens()
              + " diff_tokens="
              + o.diff().map(d -> d.tokens()).orElse(0));
    }
    String why = o.error().map(PolishStep::describe).orElse("");
    if (!o.polished()) {
      String reason =
          why.isEmpty()
              ? (o.errors().isEmpty() ? "no change" : "no valid message: " + first(o.errors()))
              : why;
      return new HookRun.Result("kept original (" + reason + ")", failExit);
    }
    try {
      Backup.save(git.gitDir(), original, draft, o.message());
    } catch (IOException | GitException e) {
      return new HookRun.Result("kept original (cannot save a backup under the git dir)", failExit);
    }
    try {
      Backup.writeAtomically(file, mf.withMessage(o.message()));
    } catch (IOException e) {
      return new HookRun.Result(
          "kept original (cannot write " + file.getFileName() + ")", failExit);
    }
    String took =
        String.format(
            java.util.Locale.ROOT,
            "%.1f s",
            Duration.between(start, Instant.now()).toMillis() / 1000.0);
    if (o.engine() == PolishOutcome.Engine.OFFLINE) {
      return new HookRun.Result("polished offline (" + why + "; undo: commit-polish restore)", 0);
    }
    return new HookRun.Result(
        "polished with " + o.model() + " in " + took + " (undo: commit-polish restore)", 0);
  }

  private static final String PREFIX = HookRun.PREFIX;

  /** What the worker produced: a skip reason, or an outcome. */
  record Work(String skip, PolishOutcome outcome) {}

  private Work work(Config config, Path top, String draft, Instant modelStop) {
    long t0 = System.nanoTime();
    StagedChanges staged =
        StagedPatch.stagedChanges(git, Exclusions.defaults(config.diff().exclude()));
    if (staged.isEmpty() && draft.isBlank()) {
      return new Work("nothing staged", null);
    }
    long t1 = System.nanoTime();
    Conventions conventions = conventions(config, top);
    Polisher polisher = Polisher.create(config, env);
    if (!draft.isBlank()
        && polisher.validator(conventions, Duration.ofSeconds(10)).problems(draft).isEmpty()) {
      return new Work("message already follows the convention", null);
    }
    long t2 = System.nanoTime();
    PolishOutcome o = polisher.polish(draft, staged, conventions, modelStop, null);
    if (verbose) {
      // Sizes and timings only: diff content is never logged.
      err.printf(
          "%sstaged %d files, %d patch chars in %d ms; conventions (%s) in %d ms; polish in %d ms%n",
          PREFIX,
          staged.files().size(),
          staged.patch().length(),
          (t1 - t0) / 1_000_000,
          conventions.source(),
          (t2 - t1) / 1_000_000,
          (System.nanoTime() - t2) / 1_000_000);
    }
    return new Work(null, o);
  }

  private Conventions conventions(Config config, Path top) {
    ConventionDiscovery.Result d =
        config.validation().autoDetect()
            ? ConventionDiscovery.discover(top, env.vars())
            : new ConventionDiscovery.Result(
                dev.commitpolish.conventional.LintConfig.configConventional(),
                "config-conventional",
                List.of());
    List<String> recent;
    Optional<String> branch;
    try {
      recent = git.recentSubjects(20);
      branch = git.branch();
    } catch (GitException e) {
      recent = List.of();
      branch = Optional.empty();
    }
    return new Conventions(d.config(), d.source(), recent, branch);
  }

  static String describe(PolishOutcome.ModelError e) {
    return e.hint().isEmpty() ? e.message() : e.message() + " — " + e.hint();
  }

  private static String first(List<String> errors) {
    String s = errors.get(0);
    return s.length() > 100 ? s.substring(0, 100) + "…" : s;
  }
}
