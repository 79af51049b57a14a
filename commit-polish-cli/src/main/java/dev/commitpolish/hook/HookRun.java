package dev.commitpolish.hook;

import dev.commitpolish.cli.Caller;
import dev.commitpolish.cli.Env;
import dev.commitpolish.cli.Timing;
import dev.commitpolish.git.Git;
import dev.commitpolish.git.GitException;
import dev.commitpolish.git.RepoState;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * One hook invocation. The cheap decisions come first — arguments, the {@code COMMIT_POLISH_SKIP}
 * switch, the source, {@code commit-polish.enabled}, the repository state, the subject — so a
 * skipped commit costs a couple of git calls and loads neither the configuration, the HTTP client
 * nor the linter. Only then {@link PolishStep} does the expensive part under the hard deadline.
 */
final class HookRun {

  static final String PREFIX = "commit-polish: ";

  private final Env env;
  private final PrintStream err;
  private final boolean verbose;
  private final Caller caller;
  private boolean workerWanted;

  HookRun(Env env, PrintStream err, boolean verbose, Caller caller) {
    this.env = env;
    this.err = err;
    this.verbose = verbose;
    this.caller = caller;
  }

  /** Runs the hook; returns the exit code (0 unless strict and something failed). */
  int run(List<String> args) {
    try {
      Result r = decide(args);
      err.println(PREFIX + r.line());
      return r.exitCode();
    } catch (RuntimeException | Error e) {
      // Last line of defence: a bug must not block the commit.
      err.println(PREFIX + "kept original (internal error: " + e.getClass().getSimpleName() + ")");
      if (verbose) {
        e.printStackTrace(err);
      }
      return 0;
    }
  }

  /**
   * True when this run got as far as polishing and {@code commit-polish.daemon} is not false: the
   * next commits are worth a resident worker.
   */
  boolean workerWanted() {
    return workerWanted;
  }

  /** {@code commit-polish.daemon}, the last assignment; unset or not a boolean: allowed. */
  private static boolean daemonAllowed(List<Git.ConfigEntry> settings) {
    Git.ConfigEntry daemon = last(settings, "commit-polish.daemon");
    return daemon == null || Git.parseBool(daemon.value()).orElse(true);
  }

  /** The single status line and exit code of a run. */
  record Result(String line, int exitCode) {
    static Result skipped(String why) {
      return new Result("skipped (" + why + ")", 0);
    }
  }

  /** The git settings a run reads, in one {@code git config --get-regexp}. */
  static final String SETTINGS = "^(commit-polish\\.(enabled|daemon)|core\\.comment(char|string))$";

  private static Git.ConfigEntry last(List<Git.ConfigEntry> entries, String key) {
    Git.ConfigEntry last = null;
    for (Git.ConfigEntry e : entries) {
      if (e.key().equals(key)) {
        last = e;
      }
    }
    return last;
  }

  /**
   * {@code commit-polish.enabled} as git reads it. The common spellings are parsed here; anything
   * else (0x0, 1k, a quoted " 0") goes to {@code git config --type=bool}, and a value git itself
   * rejects leaves the hook enabled.
   */
  private static boolean enabledValue(Git git, Git.ConfigEntry entry) {
    var parsed = Git.parseBool(entry.value());
    if (parsed.isPresent()) {
      return parsed.get();
    }
    try {
      return git.configBool("commit-polish.enabled").orElse(true);
    } catch (GitException e) {
      return true;
    }
  }

  private Result decide(List<String> args) {
    if (args.isEmpty() || args.get(0).isBlank()) {
      return Result.skipped("no message file given; git passes it as the first argument");
    }
    String skip = env.get("COMMIT_POLISH_SKIP").orElse("").strip().toLowerCase(Locale.ROOT);
    if (skip.equals("1") || skip.equals("true") || skip.equals("yes")) {
      return Result.skipped("COMMIT_POLISH_SKIP=" + env.get("COMMIT_POLISH_SKIP").orElse(""));
    }
    String source = args.size() > 1 ? args.get(1) : "";
    switch (source) {
      case "", "message", "template", "commit" -> {
        // handled below
      }
      case "merge" -> {
        return Result.skipped("merge message");
      }
      case "squash" -> {
        return Result.skipped("squash message");
      }
      default -> {
        return Result.skipped("unknown source '" + source + "'");
      }
    }
    Path file = env.cwd().resolve(args.get(0));
    // Two git processes answer everything the decisions need, and they run at the same time:
    // rev-parse (git dir, work tree, HEAD) in the background, one config read for the switch and
    // the comment character here.
    Timing.mark("decide");
    Git git = Git.open(env).withTimeout(Duration.ofSeconds(10)).prefetchLayout();
    Timing.mark("layout started");
    List<Git.ConfigEntry> settings;
    try {
      settings = git.configEntries(SETTINGS);
    } catch (GitException e) {
      settings = List.of(); // an unreadable config: git's own commit reports it, not the hook
    }
    // The last assignment wins, as in git; a value that is not a boolean leaves the hook enabled.
    Timing.mark("git config read");
    boolean daemonAllowed = daemonAllowed(settings);
    if (!daemonAllowed) {
      caller.workerUnwanted();
    }
    Git.ConfigEntry enabled = last(settings, "commit-polish.enabled");
    if (enabled != null && !enabledValue(git, enabled)) {
      return Result.skipped("git config commit-polish.enabled is false");
    }
    RepoState state;
    try {
      state = git.state();
    } catch (GitException e) {
      return Result.skipped("not in a git repository");
    }
    switch (state) {
      case REBASE -> {
        return Result.skipped("rebase in progress");
      }
      case CHERRY_PICK -> {
        return Result.skipped("cherry-pick in progress");
      }
      case REVERT -> {
        return Result.skipped("revert in progress");
      }
      case MERGE -> {
        return Result.skipped("merge in progress");
      }
      default -> {
        // NONE: a normal commit
      }
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      return new Result("kept original (cannot read " + file.getFileName() + ")", 0);
    }
    String content;
    try {
      content =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      return Result.skipped("message is not UTF-8");
    }
    String commentString;
    try {
      commentString = git.commentString(settings, content);
    } catch (GitException e) {
      commentString = "#";
    }
    MessageFile mf = MessageFile.parse(content, commentString);
    Timing.mark("message file parsed");
    String draft = mf.draft();
    String subject = draft.lines().findFirst().orElse("");
    for (String p : List.of("fixup!", "squash!", "amend!")) {
      if (subject.startsWith(p)) {
        return Result.skipped(p + " commit");
      }
    }
    boolean editor = !":".equals(env.vars().get("GIT_EDITOR"));
    if (draft.isBlank() && !editor) {
      return Result.skipped("empty message");
    }
    workerWanted = daemonAllowed;
    return new PolishStep(env, git, verbose, err, caller)
        .polish(file, bytes, mf, draft, source, args.size() > 2 ? args.get(2) : "");
  }
}
