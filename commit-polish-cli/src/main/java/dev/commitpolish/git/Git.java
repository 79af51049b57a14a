package dev.commitpolish.git;

import dev.commitpolish.cli.Background;
import dev.commitpolish.cli.Env;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The repository, through the {@code git} executable only. Every command runs with an argv list
 * (never a shell), in {@code env.cwd()}, with exactly {@code env.vars()} as its environment, so
 * {@code GIT_INDEX_FILE}, {@code GIT_DIR} and {@code GIT_WORK_TREE} are honoured as git set them
 * for the hook (see git-hooks-and-commitlint.md §1.6). Stdout and stderr are drained concurrently,
 * each command has a timeout, and failures become {@link GitException}.
 *
 * <p>Instances are cheap; the answers of {@link #topLevel()}, {@link #gitDir()} and {@link
 * #commonDir()} are remembered, so use a new instance if the repository layout changes.
 */
public final class Git {

  /** Timeout for one git command unless {@link #withTimeout} says otherwise. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  /**
   * Default cap on the patch text read by {@link #stagedChanges()}: far more than any prompt can
   * hold, small enough that a 50 MB diff cannot exhaust the hook's heap.
   */
  public static final long DEFAULT_PATCH_LIMIT = 4L << 20;

  /** Characters git tries, in order, for {@code core.commentChar=auto} (builtin/commit.c). */
  static final String AUTO_COMMENT_CANDIDATES = "#;@!$%^&|:";

  private static final int STDERR_LIMIT = 64 * 1024;

  private final Env env;
  private final String executable;
  private final Duration timeout;
  private final Map<String, String> memo = new HashMap<>();
  private CompletableFuture<Layout> layout;

  private Git(Env env, String executable, Duration timeout) {
    this.env = env;
    this.executable = executable;
    this.timeout = timeout;
  }

  /**
   * A handle running git in {@code env.cwd()} with {@code env.vars()}. Starts no process; the
   * executable is looked up on the absolute entries of the {@code PATH} of {@code env} (not of this
   * JVM).
   */
  public static Git open(Env env) {
    Objects.requireNonNull(env, "env");
    return new Git(env, findExecutable(env), DEFAULT_TIMEOUT);
  }

  /** A copy whose commands time out after {@code timeout}. */
  public Git withTimeout(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    return new Git(env, executable, timeout);
  }

  /** The environment commands run with. */
  public Env env() {
    return env;
  }

  /**
   * Runs {@code git <args>} and returns whatever it produced, whatever its exit code: check {@link
   * GitResult#ok()} or call {@link GitResult#orThrow()}.
   *
   * @throws GitException only when git cannot be started or times out
   */
  public GitResult run(List<String> args) {
    return run(args, Long.MAX_VALUE);
  }

  /** {@link #run(List)} with varargs. */
  public GitResult run(String... args) {
    return run(List.of(args));
  }

  /**
   * {@link #run(List)} for callers that report rather than fail (doctor, the interactive polish): a
   * git that cannot start or hangs is a result with exit code -1 and the reason as its stderr.
   */
  public GitResult tryRun(List<String> args) {
    try {
      return run(args);
    } catch (GitException e) {
      return new GitResult(List.of("git"), -1, "", String.valueOf(e.getMessage()), false);
    }
  }

  /**
   * Runs {@code git <args>}, keeping at most {@code maxStdoutBytes} of stdout. When output goes
   * past the limit git is stopped (it would otherwise write the rest for nothing) and the result
   * says {@code truncated}; its exit code is then not meaningful.
   */
  public GitResult run(List<String> args, long maxStdoutBytes) {
    List<String> command = command(args);
    Process p = start(command, Map.of(), false);
    try {
      // git never needs input here; an open stdin could make a prompt wait forever.
      p.getOutputStream().close();
    } catch (IOException e) {
      // Already closed by the child: nothing to do.
    }
    var out = new Sink(maxStdoutBytes);
    var err = new Sink(STDERR_LIMIT);
    Thread outThread = drain(p.getInputStream(), out, p, true);
    Thread errThread = drain(p.getErrorStream(), err, p, false);
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        // Children (pagers, credential helpers, aliases) would keep the pipes open otherwise.
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        outThread.join(1000);
        errThread.join(1000);
        throw new GitException(
            command,
            GitException.NO_EXIT,
            err.text(),
            "timed out after " + timeout.toSeconds() + " s");
      }
      join(outThread);
      join(errThread);
    } catch (InterruptedException e) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new GitException(command, GitException.NO_EXIT, err.text(), "interrupted");
    }
    return new GitResult(command, p.exitValue(), out.text(), err.text(), out.truncated);
  }

  /**
   * Runs {@code git <args>} attached to the user, for commands that may talk to them (the final
   * {@code git commit} of {@code polish}, whose pre-commit hooks may prompt): stdin is inherited,
   * stdout and stderr are copied to {@code out} and {@code err} as they come, and there is no
   * timeout — the user is there to stop it.
   *
   * @param extraEnv variables added to (or replacing) this handle's environment
   * @return git's exit code
   * @throws GitException when git cannot be started or the wait is interrupted
   */
  public int runAttached(
      List<String> args, Map<String, String> extraEnv, OutputStream out, OutputStream err) {
    List<String> command = command(args);
    Process p = start(command, extraEnv, true);
    Thread errThread = copy(p.getErrorStream(), err);
    Thread outThread = copy(p.getInputStream(), out);
    try {
      int code = p.waitFor();
      outThread.join();
      errThread.join();
      return code;
    } catch (InterruptedException e) {
      p.destroy();
      Thread.currentThread().interrupt();
      throw new GitException(command, GitException.NO_EXIT, "", "interrupted");
    }
  }

  private List<String> command(List<String> args) {
    var command = new ArrayList<String>(args.size() + 1);
    command.add(executable);
    command.addAll(args);
    return command;
  }

  /**
   * Starts {@code command} in {@code env.cwd()} with exactly the caller's environment (plus {@code
   * extraEnv}): the hook's GIT_INDEX_FILE/GIT_DIR must reach git as-is.
   */
  private Process start(List<String> command, Map<String, String> extraEnv, boolean inheritStdin) {
    var pb = new ProcessBuilder(command).directory(env.cwd().toFile());
    pb.environment().clear();
    pb.environment().putAll(env.vars());
    pb.environment().putAll(extraEnv);
    if (inheritStdin) {
      pb.redirectInput(ProcessBuilder.Redirect.INHERIT);
    }
    try {
      return pb.start();
    } catch (IOException e) {
      throw new GitException(
          command,
          GitException.NO_EXIT,
          "",
          "cannot run git (" + e.getMessage() + "); install git or put it on PATH");
    }
  }

  private static Thread copy(InputStream in, OutputStream to) {
    Thread t =
        new Thread(
            () -> {
              byte[] buf = new byte[8192];
              try (in) {
                int n;
                while ((n = in.read(buf)) > 0) {
                  synchronized (to) {
                    to.write(buf, 0, n);
                    to.flush();
                  }
                }
              } catch (IOException e) {
                // The reader is gone (closed terminal): nothing more to show.
              }
            },
            "git-attached");
    t.setDaemon(true);
    t.start();
    return t;
  }

  /** Runs {@code git <args>} and returns stdout's first line(s) without the final newline. */
  public String check(String... args) {
    return run(List.of(args)).orThrow().line();
  }

  // ---- layout -----------------------------------------------------------------------------

  /** Whether cwd is inside a work tree (false in a bare repo, the git dir, or no repo). */
  public boolean isInsideWorkTree() {
    GitResult r = run("rev-parse", "--is-inside-work-tree");
    return r.ok() && r.line().equals("true");
  }

  /**
   * The work-tree root ({@code git rev-parse --show-toplevel}).
   *
   * @throws GitException outside a work tree (bare repository, inside the git dir, no repository)
   */
  public Path topLevel() {
    Layout l = layout();
    if (l.topLevel() != null) {
      return Path.of(l.topLevel());
    }
    return Path.of(memo("toplevel", "rev-parse", "--show-toplevel"));
  }

  /** This work tree's git dir, absolute (in a linked worktree: {@code .git/worktrees/<name>}). */
  public Path gitDir() {
    Layout l = layout();
    if (l.gitDir() != null) {
      return Path.of(l.gitDir());
    }
    return Path.of(memo("gitdir", "rev-parse", "--absolute-git-dir"));
  }

  /** The directory shared by all worktrees (objects, refs, config, hooks), absolute. */
  public Path commonDir() {
    return env.cwd().resolve(memo("commondir", "rev-parse", "--git-common-dir")).normalize();
  }

  /**
   * Where git looks for {@code name} ({@code git rev-parse --git-path}), absolute: {@code
   * gitPath("hooks")} honours {@code core.hooksPath}, worktrees and submodules.
   */
  public Path gitPath(String name) {
    return env.cwd().resolve(check("rev-parse", "--git-path", name)).normalize();
  }

  /** Whether HEAD points to a commit (false on an unborn branch before the first commit). */
  public boolean hasHead() {
    Layout l = layout();
    if (l.complete()) {
      return l.hasHead();
    }
    return run("rev-parse", "--verify", "-q", "HEAD^{commit}").ok();
  }

  /**
   * Starts reading the layout ({@link #gitDir()}, {@link #topLevel()}, {@link #hasHead()}, {@link
   * #branch()}) in the background, so the git process overlaps with the caller's own work; the
   * first of those calls then waits for it instead of starting another process.
   *
   * @return this
   */
  public Git prefetchLayout() {
    layoutFuture(true);
    return this;
  }

  /**
   * Where the repository is and what HEAD is, from one {@code git rev-parse --absolute-git-dir
   * --show-toplevel --symbolic-full-name HEAD --} instead of three processes. rev-parse prints its
   * answers in order and stops at the first it cannot give, so a partial answer is still used:
   * outside a work tree only the git dir comes back, on an unborn branch HEAD fails ("bad
   * revision"; the {@code --} keeps a file named HEAD from being taken for it). Fields are null
   * when unknown; their accessors then ask git one question at a time, as before.
   */
  record Layout(String gitDir, String topLevel, boolean complete, boolean hasHead, String ref) {

    static Layout parse(GitResult r) {
      String out = r.stdout();
      String[] lines = out.isEmpty() ? new String[0] : out.split("\n");
      String gitDir = lines.length > 0 && lines[0].startsWith("/") ? lines[0] : null;
      // Only the exact shapes are trusted: some gits print nothing for --show-toplevel outside a
      // work tree and still exit 0, which would shift every line up by one.
      boolean topOk = lines.length >= 2 && lines[1].startsWith("/");
      if (r.ok() && lines.length == 4 && topOk && lines[3].equals("--")) {
        return new Layout(gitDir, lines[1], true, true, lines[2]);
      }
      boolean unborn = !r.ok() && lines.length == 2 && topOk && r.stderr().contains("bad revision");
      return new Layout(gitDir, unborn ? lines[1] : null, unborn, false, null);
    }
  }

  private Layout layout() {
    return Background.join(layoutFuture(false));
  }

  private synchronized CompletableFuture<Layout> layoutFuture(boolean background) {
    if (layout == null) {
      Supplier<Layout> read =
          () ->
              Layout.parse(
                  run(
                      "rev-parse",
                      "--absolute-git-dir",
                      "--show-toplevel",
                      "--symbolic-full-name",
                      "HEAD",
                      "--"));
      if (background) {
        layout = Background.start("git-layout", read);
      } else {
        layout = new CompletableFuture<>();
        try {
          layout.complete(read.get());
        } catch (RuntimeException e) {
          layout.completeExceptionally(e);
        }
      }
    }
    return layout;
  }

  private synchronized String memo(String key, String... args) {
    String v = memo.get(key);
    if (v == null) {
      v = check(args);
      memo.put(key, v);
    }
    return v;
  }

  // ---- what is being committed -----------------------------------------------------------

  /**
   * The git arguments for the staged patch, before any pathspec: plain output, independent of the
   * user's diff config (prefixes, colours, external tools, textconv), so the prompt and the
   * budgeter see the same format on every machine. Append {@code --} and pathspecs to narrow it.
   *
   * @return a new mutable list, for the caller to extend
   */
  public static List<String> stagedPatchArgs() {
    return new ArrayList<>(
        List.of(
            "-c",
            "core.quotePath=false",
            "diff",
            "--cached",
            "--no-color",
            "--no-ext-diff",
            "--no-textconv",
            "--no-relative",
            "-M",
            "--submodule=short",
            "--src-prefix=a/",
            "--dst-prefix=b/"));
  }

  /** {@link #stagedChanges(long)} with {@link #DEFAULT_PATCH_LIMIT}. */
  public StagedChanges stagedChanges() {
    return stagedChanges(DEFAULT_PATCH_LIMIT);
  }

  /**
   * What is being committed: the index named by {@code GIT_INDEX_FILE} (or the default index)
   * against HEAD, or against the empty tree before the first commit. The file list is complete; the
   * patch is read up to {@code maxPatchBytes} (0: not read at all).
   */
  public StagedChanges stagedChanges(long maxPatchBytes) {
    if (maxPatchBytes < 0) {
      throw new IllegalArgumentException("maxPatchBytes must not be negative");
    }
    boolean initial = !hasHead();
    List<FileChange> files =
        parseRawNumstat(
            run(List.of(
                    "-c",
                    "core.quotePath=false",
                    "diff",
                    "--cached",
                    "-z",
                    "--raw",
                    "--numstat",
                    "-M",
                    "--no-abbrev",
                    "--no-ext-diff",
                    "--no-textconv",
                    "--no-relative",
                    "--no-color"))
                .orThrow()
                .stdout());
    if (maxPatchBytes == 0) {
      // The caller wants the file list only (the hook reads the patch of the showable files
      // itself): spare a git process on every commit. Any change means a non-empty patch.
      return new StagedChanges(files, "", !files.isEmpty(), initial);
    }
    GitResult patch = run(stagedPatchArgs(), maxPatchBytes);
    if (!patch.truncated()) {
      patch.orThrow();
    }
    String text = patch.stdout();
    if (patch.truncated()) {
      int cut = text.lastIndexOf('\n');
      text = cut < 0 ? "" : text.substring(0, cut + 1);
    }
    return new StagedChanges(files, text, patch.truncated(), initial);
  }

  /**
   * Parses {@code diff -z --raw --numstat} output: all raw records, then all numstat records.
   * Numstat is matched by path rather than position because unmerged entries can appear in one list
   * and not the other.
   */
  static List<FileChange> parseRawNumstat(String out) {
    String[] tok = out.split("\0", -1);
    record Raw(String oldMode, String newMode, char status, String oldPath, String path) {}
    var raws = new ArrayList<Raw>();
    var counts = new HashMap<String, int[]>();
    var binary = new HashMap<String, Boolean>();
    int i = 0;
    while (i < tok.length) {
      String t = tok[i];
      if (t.isEmpty()) {
        i++;
        continue;
      }
      if (t.startsWith(":")) {
        String[] f = t.substring(1).split(" ");
        String statusField = f.length >= 5 ? f[4] : "M";
        char status = statusField.isEmpty() ? 'M' : statusField.charAt(0);
        if ((status == 'R' || status == 'C') && i + 2 < tok.length) {
          raws.add(new Raw(f[0], f[1], status, tok[i + 1], tok[i + 2]));
          i += 3;
        } else {
          String path = i + 1 < tok.length ? tok[i + 1] : "";
          raws.add(new Raw(f[0], f[1], status, path, path));
          i += 2;
        }
      } else {
        String[] f = t.split("\t", 3);
        String path;
        if (f.length == 3 && f[2].isEmpty() && i + 2 < tok.length) {
          path = tok[i + 2]; // rename/copy: "a\td\t" then source and destination
          i += 3;
        } else {
          path = f.length == 3 ? f[2] : "";
          i += 1;
        }
        boolean bin = f.length >= 2 && f[0].equals("-") && f[1].equals("-");
        counts.putIfAbsent(path, new int[] {bin ? 0 : parse(f[0]), bin ? 0 : parse(f[1])});
        binary.putIfAbsent(path, bin);
      }
    }
    var files = new ArrayList<FileChange>();
    for (Raw r : raws) {
      int[] c = counts.getOrDefault(r.path, new int[2]);
      boolean submodule = r.oldMode.equals("160000") || r.newMode.equals("160000");
      files.add(
          new FileChange(
              r.path,
              r.oldPath,
              r.status,
              c[0],
              c[1],
              binary.getOrDefault(r.path, false),
              submodule));
    }
    return files;
  }

  private static int parse(String n) {
    try {
      return Integer.parseInt(n);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  // ---- situation ---------------------------------------------------------------------------

  /**
   * The operation in progress, from files in this work tree's git dir: {@code rebase-merge/} or
   * {@code rebase-apply/} (checked first: picks during a rebase also leave {@code
   * CHERRY_PICK_HEAD}), {@code CHERRY_PICK_HEAD}, {@code REVERT_HEAD}, {@code sequencer/todo},
   * {@code MERGE_HEAD}. An in-process {@code git revert} leaves only {@code MERGE_MSG} (observed on
   * git 2.39), so a {@code MERGE_MSG} holding "This reverts commit" also means {@link
   * RepoState#REVERT}.
   */
  public RepoState state() {
    Path dir = gitDir();
    if (Files.isDirectory(dir.resolve("rebase-merge"))
        || Files.isDirectory(dir.resolve("rebase-apply"))) {
      return RepoState.REBASE;
    }
    if (Files.exists(dir.resolve("CHERRY_PICK_HEAD"))) {
      return RepoState.CHERRY_PICK;
    }
    if (Files.exists(dir.resolve("REVERT_HEAD"))) {
      return RepoState.REVERT;
    }
    Path todo = dir.resolve("sequencer").resolve("todo");
    if (Files.isRegularFile(todo)) {
      String action = firstWord(todo);
      if (action.equals("revert")) {
        return RepoState.REVERT;
      }
      if (action.equals("pick") || action.equals("p")) {
        return RepoState.CHERRY_PICK;
      }
    }
    if (Files.exists(dir.resolve("MERGE_HEAD"))) {
      return RepoState.MERGE;
    }
    Path mergeMsg = dir.resolve("MERGE_MSG");
    if (Files.isRegularFile(mergeMsg) && !Files.exists(dir.resolve("SQUASH_MSG"))) {
      try {
        String msg = Files.readString(mergeMsg, StandardCharsets.ISO_8859_1);
        if (msg.contains("This reverts commit ")) {
          return RepoState.REVERT;
        }
      } catch (IOException e) {
        // Unreadable MERGE_MSG: no evidence of a revert.
      }
    }
    return RepoState.NONE;
  }

  private static String firstWord(Path file) {
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
        String l = line.strip();
        if (!l.isEmpty() && !l.startsWith("#")) {
          int sp = l.indexOf(' ');
          return sp < 0 ? l : l.substring(0, sp);
        }
      }
    } catch (IOException e) {
      // Unreadable: treat as unknown.
    }
    return "";
  }

  /**
   * The comment string git uses, without a message to inspect: {@code core.commentString} / {@code
   * core.commentChar} (last one set wins, as in git), {@code #} by default and for {@code auto}.
   * Prefer {@link #commentString(String)} in the hook.
   */
  public String commentString() {
    return commentString(null);
  }

  /**
   * The comment string git used for {@code message} (the message file's content). For {@code
   * core.commentChar=auto} git picks the first of {@code #;@!$%^&|:} that begins no line of the
   * message it prepared; this reruns that choice on the message part of the file (the trailing
   * comment block and everything from the scissors line are not part of it).
   *
   * <p>{@code core.commentString} exists since git 2.45; older gits ignore it, and so does this.
   */
  public String commentString(String message) {
    return commentString(configEntries(COMMENT_KEYS), message);
  }

  /** The key pattern of {@code core.commentChar} and {@code core.commentString}. */
  public static final String COMMENT_KEYS = "^core\\.comment(char|string)$";

  /**
   * {@link #commentString(String)} from already read config entries (e.g. one {@link
   * #configEntries} call that also fetched other keys); entries of other keys are ignored.
   */
  public String commentString(List<ConfigEntry> entries, String message) {
    String configured = null;
    Boolean stringSupported = null;
    for (ConfigEntry e : entries) {
      boolean isString = e.key().equals("core.commentstring");
      if (!isString && !e.key().equals("core.commentchar")) {
        continue;
      }
      if (isString && stringSupported == null) {
        stringSupported = versionAtLeast(2, 45);
      }
      if (isString && !stringSupported) {
        continue;
      }
      // config order: the last assignment wins, as in git's config callback
      configured = e.value().orElse("");
    }
    if (configured == null || configured.isEmpty()) {
      return "#";
    }
    if (configured.equals("auto")) {
      return message == null ? "#" : autoCommentChar(message);
    }
    return configured;
  }

  /** One config assignment: the key as git prints it (section and name lower case), the value. */
  public record ConfigEntry(String key, Optional<String> value) {}

  /**
   * Every assignment of the keys matching {@code keyRegex} ({@code git config -z --get-regexp}), in
   * the order git reads them (system, global, local, worktree, command line): one process for
   * several keys. A key written without {@code =} has no value.
   */
  public List<ConfigEntry> configEntries(String keyRegex) {
    GitResult r = run("config", "-z", "--get-regexp", keyRegex);
    if (r.exitCode() == 1) {
      return List.of(); // none set
    }
    r.orThrow();
    var out = new ArrayList<ConfigEntry>();
    for (String rec : r.stdout().split("\0")) {
      if (rec.isEmpty()) {
        continue;
      }
      int nl = rec.indexOf('\n');
      out.add(
          nl < 0
              ? new ConfigEntry(rec, Optional.empty())
              : new ConfigEntry(rec.substring(0, nl), Optional.of(rec.substring(nl + 1))));
    }
    return out;
  }

  /**
   * A config value read as git reads a boolean ({@code git_parse_maybe_bool}): no value, {@code
   * true/yes/on} or a non-zero number are true; {@code false/no/off}, the empty string or zero are
   * false (case-insensitive). Empty when it is none of these.
   */
  public static Optional<Boolean> parseBool(Optional<String> value) {
    if (value.isEmpty()) {
      return Optional.of(true);
    }
    String v = value.get().toLowerCase(Locale.ROOT);
    switch (v) {
      case "true", "yes", "on" -> {
        return Optional.of(true);
      }
      case "", "false", "no", "off" -> {
        return Optional.of(false);
      }
      default -> {
        try {
          return Optional.of(Long.parseLong(v) != 0);
        } catch (NumberFormatException e) {
          return Optional.empty();
        }
      }
    }
  }

  /**
   * git's {@code auto} choice recomputed from a message file's content. git chose the first
   * candidate that begins no line of the message it prepared, then wrote its comment block with
   * that character. A candidate is taken as the comment character when the file ends in a block of
   * lines starting with it that includes a bare comment line (git's status block always has one,
   * e.g. {@code #} alone) and no message line above starts with it; without such a block (as with
   * {@code -m}) the file is all message and git's rule applies to every line.
   */
  static String autoCommentChar(String message) {
    String[] lines = message.split("\r?\n|\r", -1);
    for (char c : AUTO_COMMENT_CANDIDATES.toCharArray()) {
      String cc = String.valueOf(c);
      int end = lines.length;
      String scissors = cc + " ------------------------ >8 ------------------------";
      for (int i = 0; i < lines.length; i++) {
        if (lines[i].equals(scissors)) {
          end = i;
          break;
        }
      }
      int messageEnd = end;
      boolean bareCommentLine = false;
      while (messageEnd > 0
          && (lines[messageEnd - 1].isBlank() || lines[messageEnd - 1].startsWith(cc))) {
        bareCommentLine |= lines[messageEnd - 1].equals(cc);
        messageEnd--;
      }
      if (!bareCommentLine) {
        messageEnd = end;
      }
      boolean used = false;
      for (int i = 0; i < messageEnd; i++) {
        if (lines[i].startsWith(cc)) {
          used = true;
          break;
        }
      }
      if (!used) {
        return cc;
      }
    }
    return "#";
  }

  /** Whether the git executable is at least {@code major.minor}. */
  public boolean versionAtLeast(int major, int minor) {
    int[] v = version();
    return v[0] > major || (v[0] == major && v[1] >= minor);
  }

  /** {major, minor, patch} of the git executable; {0, 0, 0} when unparseable. */
  public int[] version() {
    String s = memo("version", "version");
    var m = java.util.regex.Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?").matcher(s);
    if (!m.find()) {
      return new int[3];
    }
    return new int[] {
      Integer.parseInt(m.group(1)),
      Integer.parseInt(m.group(2)),
      m.group(3) == null ? 0 : Integer.parseInt(m.group(3))
    };
  }

  /** The current branch's short name; empty when HEAD is detached (rebase, bisect, checkout). */
  public Optional<String> branch() {
    Layout l = layout();
    if (l.complete() && l.hasHead()) {
      // --symbolic-full-name says "HEAD" when detached
      return l.ref().startsWith("refs/heads/")
          ? Optional.of(l.ref().substring("refs/heads/".length()))
          : Optional.empty();
    }
    GitResult r = run("symbolic-ref", "--short", "-q", "HEAD");
    if (r.exitCode() == 1) {
      return Optional.empty();
    }
    String b = r.orThrow().line();
    return b.isEmpty() ? Optional.empty() : Optional.of(b);
  }

  /**
   * Subjects of the last {@code n} non-merge commits reachable from HEAD, newest first (merge
   * subjects like "Merge branch 'x'" say nothing about the repo's style). Empty before the first
   * commit.
   */
  public List<String> recentSubjects(int n) {
    if (n <= 0) {
      return List.of();
    }
    GitResult r =
        run(
            "log",
            "-n",
            Integer.toString(n),
            "--no-merges",
            "--no-show-signature",
            "--no-color",
            "--format=%s");
    if (!r.ok()) {
      if (!hasHead()) {
        return List.of();
      }
      r.orThrow();
    }
    String out = r.line();
    return out.isEmpty() ? List.of() : List.of(out.split("\n"));
  }

  /** {@code git config --get key}: empty when unset. */
  public Optional<String> config(String key) {
    GitResult r = run("config", "--get", key);
    if (r.exitCode() == 1) {
      return Optional.empty();
    }
    return Optional.of(r.orThrow().line());
  }

  /**
   * {@code key} read as a git boolean ({@code true/yes/on/1}, {@code false/no/off/0}).
   *
   * @throws GitException when the value is not a boolean (git's message names the key)
   */
  public Optional<Boolean> configBool(String key) {
    GitResult r = run("config", "--type=bool", "--get", key);
    if (r.exitCode() == 1) {
      return Optional.empty();
    }
    return Optional.of(r.orThrow().line().equals("true"));
  }

  // ---- process plumbing --------------------------------------------------------------------

  private static String findExecutable(Env env) {
    return env.which("git").map(Path::toString).orElse("git");
  }

  /** Collects up to {@code limit} bytes and remembers whether more came. */
  private static final class Sink {
    private final long limit;
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
    private volatile boolean truncated;

    Sink(long limit) {
      this.limit = limit;
    }

    /** Keeps what fits; returns false once the limit is exceeded. */
    synchronized boolean accept(byte[] b, int n) {
      long room = limit - buf.size();
      if (n <= room) {
        buf.write(b, 0, n);
        return true;
      }
      buf.write(b, 0, (int) Math.max(0, room));
      truncated = true;
      return false;
    }

    synchronized String text() {
      // new String replaces malformed UTF-8 with U+FFFD: non-UTF-8 files must not break the hook.
      return buf.toString(StandardCharsets.UTF_8);
    }
  }

  private static Thread drain(InputStream in, Sink sink, Process p, boolean stopAtLimit) {
    Thread t =
        new Thread(
            () -> {
              byte[] b = new byte[64 * 1024];
              boolean keep = true;
              try (in) {
                int n;
                while ((n = in.read(b)) > 0) {
                  if (keep && !sink.accept(b, n)) {
                    keep = false;
                    if (stopAtLimit) {
                      // The caller has all it wants; stop git instead of reading megabytes.
                      p.destroy();
                      return;
                    }
                  }
                }
              } catch (IOException e) {
                // Stream closed because the process was stopped: what we have is the result.
              }
            },
            "git-drain");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static void join(Thread t) throws InterruptedException {
    t.join(10_000);
  }
}
