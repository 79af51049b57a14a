package dev.commitpolish.hook;

import dev.commitpolish.cli.Background;
import dev.commitpolish.cli.Caller;
import dev.commitpolish.cli.Env;
import dev.commitpolish.cli.Timing;
import dev.commitpolish.config.Config;
import dev.commitpolish.config.ConfigException;
import dev.commitpolish.config.ConfigLoader;
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
  private final Caller caller;

  PolishStep(Env env, Git git, boolean verbose, PrintStream err, Caller caller) {
    this.env = env;
    this.git = git;
    this.verbose = verbose;
    this.err = err;
    this.caller = caller;
  }

  HookRun.Result polish(
      Path file, byte[] original, MessageFile mf, String draft, String source, String sha) {
    Instant start = Instant.now();
    Timing.mark("polish step");
    Path top;
    try {
      top = git.topLevel();
    } catch (GitException e) {
      return HookRun.Result.skipped("no work tree");
    }
    // What needs no configuration starts now, while the configuration loads: git's file list and
    // recent subjects. Skips below leave these daemon threads behind; the JVM does not wait. An
    // amend is skipped unless the configuration says otherwise: it reads nothing before that.
    boolean amend = source.equals("commit");
    CompletableFuture<StagedChanges> list = amend ? null : startFileList();
    CompletableFuture<List<String>> recent = amend ? null : startRecentSubjects();
    Config config;
    try {
      config = ConfigLoader.load(env, Optional.of(top), Map.of()).config();
    } catch (ConfigException e) {
      return new HookRun.Result(
          "kept original (configuration error; run: commit-polish config validate)", 0);
    }
    Timing.mark("config loaded");
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
    if (amend) {
      list = startFileList();
      recent = startRecentSubjects();
    }
    Duration deadline = config.hook().deadline();
    Instant hardStop = start.plus(deadline);
    Instant modelStop =
        hardStop.minus(
            deadline.compareTo(RESERVE.multipliedBy(4)) > 0 ? RESERVE : deadline.dividedBy(4));

    // The patch (minus what the exclusion globs name) and the model server's first round trip
    // need the configuration only: they start now, alongside the file list.
    Exclusions exclusions = Exclusions.defaults(config.diff().exclude());
    CompletableFuture<StagedPatch.Read> patch =
        Background.start(
            "git-patch",
            () -> StagedPatch.readExcludingGlobs(git, exclusions, StagedPatch.MAX_BYTES));
    Pending pending =
        new Pending(
            list, recent, patch, exclusions, Polisher.create(config, env).prefetch(modelStop));
    CompletableFuture<Work> work = new CompletableFuture<>();
    Thread worker =
        new Thread(
            () -> {
              try {
                work.complete(work(config, top, draft, modelStop, pending));
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
    // The file must still be what git gave us: a run whose commit was interrupted (the worker's
    // client gone) must not write over a later commit's message, nor over its backup.
    // Neither is a failure of commit-polish, so not one strict mode reports: something else owns
    // the file now (a later commit, a hook manager's parallel hook).
    if (caller.abandoned()) {
      return new HookRun.Result("kept original (the commit went on without this run)", 0);
    }
    if (!Backup.unchanged(file, original)) {
      return new HookRun.Result(
          "kept original (" + file.getFileName() + " changed while polishing)", 0);
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
    Timing.mark("written");
    String took = seconds(Duration.between(start, Instant.now()));
    if (o.engine() == PolishOutcome.Engine.OFFLINE) {
      return new HookRun.Result("polished offline (" + why + "; undo: commit-polish restore)", 0);
    }
    return new HookRun.Result(
        "polished with " + o.model() + " in " + took + " (undo: commit-polish restore)", 0);
  }

  private static final String PREFIX = HookRun.PREFIX;

  /**
   * "0.3 s": tenths, rounded half up. Not String.format: its first use loads the locale data
   * providers, ~10 ms of a hook run.
   */
  static String seconds(Duration d) {
    long tenths = (d.toMillis() + 50) / 100;
    return tenths / 10 + "." + tenths % 10 + " s";
  }

  private CompletableFuture<StagedChanges> startFileList() {
    return Background.start("git-staged", () -> git.stagedChanges(0));
  }

  private CompletableFuture<List<String>> startRecentSubjects() {
    return Background.start("git-log", () -> git.recentSubjects(Conventions.RECENT_SUBJECTS));
  }

  /** Work started before the worker runs, for it to collect. */
  private record Pending(
      CompletableFuture<StagedChanges> list,
      CompletableFuture<List<String>> recent,
      CompletableFuture<StagedPatch.Read> patch,
      Exclusions exclusions,
      Polisher polisher) {}

  /** What the worker produced: a skip reason, or an outcome. */
  record Work(String skip, PolishOutcome outcome) {}

  private Work work(Config config, Path top, String draft, Instant modelStop, Pending pending) {
    long t0 = System.nanoTime();
    StagedChanges files = Background.join(pending.list());
    Timing.mark("file list");
    if (files.isEmpty() && draft.isBlank()) {
      return new Work("nothing staged", null);
    }
    StagedChanges staged =
        StagedPatch.stagedChanges(
            git, files, Background.join(pending.patch()), pending.exclusions());
    Timing.mark("patch read");
    long t1 = System.nanoTime();
    Conventions conventions = conventions(config, top, pending.recent());
    Polisher polisher = pending.polisher();
    Timing.mark("conventions");
    if (!draft.isBlank()
        && polisher.validator(conventions, Duration.ofSeconds(10)).problems(draft).isEmpty()) {
      return new Work("message already follows the convention", null);
    }
    Timing.mark("draft linted");
    long t2 = System.nanoTime();
    PolishOutcome o = polisher.polish(draft, staged, conventions, modelStop, null);
    Timing.mark("polished");
    if (verbose) {
      // Sizes and timings only: diff content is never logged.
      err.println(
          PREFIX
              + "staged "
              + staged.files().size()
              + " files, "
              + staged.patch().length()
              + " patch chars in "
              + (t1 - t0) / 1_000_000
              + " ms; conventions ("
              + conventions.source()
              + ") in "
              + (t2 - t1) / 1_000_000
              + " ms; polish in "
              + (System.nanoTime() - t2) / 1_000_000
              + " ms");
    }
    return new Work(null, o);
  }

  private Conventions conventions(
      Config config, Path top, CompletableFuture<List<String>> recentSubjects) {
    return Conventions.of(
        config.validation().autoDetect(),
        top,
        env.vars(),
        () -> Background.join(recentSubjects),
        git::branch);
  }

  static String describe(PolishOutcome.ModelError e) {
    return e.hint().isEmpty() ? e.message() : e.message() + " — " + e.hint();
  }

  private static String first(List<String> errors) {
    String s = errors.get(0);
    return s.length() > 100 ? s.substring(0, 100) + "…" : s;
  }
}
