package dev.commitpolish.lint;

import dev.commitpolish.cli.Caller;
import dev.commitpolish.cli.CommitPolishCommand;
import dev.commitpolish.cli.Env;
import dev.commitpolish.cli.Timing;
import dev.commitpolish.conventional.ConventionDiscovery;
import dev.commitpolish.conventional.LintConfig;
import dev.commitpolish.conventional.LintOptions;
import dev.commitpolish.conventional.LintResult;
import dev.commitpolish.conventional.Linter;
import dev.commitpolish.daemon.DaemonStarter;
import dev.commitpolish.git.Git;
import dev.commitpolish.git.GitException;
import dev.commitpolish.git.GitResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code commit-polish lint}: commitlint's verdicts (config-conventional, or the repository's own
 * commitlint/commitizen config) without starting node.
 */
@Command(
    name = "lint",
    mixinStandardHelpOptions = true,
    description = {
      "Lint commit messages exactly like commitlint with the repository's convention.",
      "Reads the message from stdin unless --file, --edit or --range is given. The convention is"
          + " discovered from --cwd: commitlint configs (JSON, YAML, package.json; JS/TS through"
          + " npx when node is present), commitizen configs, else"
          + " @commitlint/config-conventional.",
      "Exit status: 0 valid (warnings allowed), 1 errors, 2 usage."
    },
    footer = {
      "",
      "Examples:",
      "  echo 'feat: add login' | commit-polish lint",
      "  commit-polish lint --file msg.txt --format json",
      "  commit-polish lint --edit .git/COMMIT_EDITMSG     # in a commit-msg hook",
      "  commit-polish lint --range origin/main..HEAD      # CI: every commit of a branch"
    })
public final class LintCommand implements Callable<Integer> {

  @ParentCommand private CommitPolishCommand root;

  static final class Input {
    @Option(
        names = "--file",
        paramLabel = "FILE",
        description = "Lint the message in FILE (no comment stripping, like stdin).")
    Path file;

    @Option(
        names = {"-e", "--edit"},
        arity = "0..1",
        fallbackValue = "",
        paramLabel = "FILE",
        description =
            "Lint FILE as a commit-msg hook does (default .git/COMMIT_EDITMSG): lines starting with"
                + " git's core.commentChar and everything below the scissors line are ignored.")
    String edit;

    @Option(
        names = "--range",
        paramLabel = "A..B",
        description = "Lint every commit in the revision range (one git call).")
    String range;
  }

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Input input = new Input();

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(
      names = {"-d", "--cwd"},
      paramLabel = "DIR",
      description =
          "Directory to discover the convention (and run git) in; default: the current one.")
  Path cwd;

  @Option(
      names = "--print-config",
      description = "Print where the convention came from and its rules, then exit.")
  boolean printConfig;

  @Option(
      names = "--default-config",
      description = "Ignore repository configs and use @commitlint/config-conventional.")
  boolean defaultConfig;

  /** Output formats. */
  enum Format {
    text,
    json
  }

  @Override
  public Integer call() {
    return execute(root.env(), root.out(), root.err(), root.quiet(), root.verbose(), System.in);
  }

  /**
   * {@code commit-polish lint}, {@code lint --edit FILE} and {@code lint --range A..B} without
   * picocli: {@code Main} calls this for exactly those shapes — stdin, the line {@code install
   * --commit-msg} writes into the commit-msg hook, and the CI call — which run most often, so they
   * skip building the model of every command (~0.2 s). Same behaviour and output as the parsed
   * command.
   *
   * @param option {@code --edit} or {@code --range}, or null to read stdin
   * @param value the option's value
   * @param caller who asked: {@code lint --edit} in its own process (a commit-msg hook) then starts
   *     the resident worker for the next commits, as the prepare-commit-msg hook does
   */
  public static int runPlain(
      String option,
      String value,
      Env env,
      PrintStream out,
      PrintStream err,
      InputStream in,
      Caller caller) {
    var cmd = new LintCommand();
    cmd.format = Format.text;
    if ("--edit".equals(option)) {
      cmd.input.edit = value;
    } else if ("--range".equals(option)) {
      cmd.input.range = value;
    } else if (option != null) {
      throw new IllegalArgumentException("not a plain lint option: " + option);
    }
    int code = cmd.execute(env, out, err, false, false, in);
    if ("--edit".equals(option) && caller.startsWorker()) {
      // a commit-msg hook's call, in its own JVM: later commits' lints go to a worker
      try {
        DaemonStarter.afterLint(env);
      } catch (Throwable e) {
        // e.g. a class that cannot load from a jar rewritten under this JVM: the lint stands
      }
    }
    return code;
  }

  private int execute(
      Env env, PrintStream out, PrintStream err, boolean quiet, boolean verbose, InputStream in) {
    Path dir = cwd == null ? env.cwd() : env.cwd().resolve(cwd).normalize();
    if (!Files.isDirectory(dir)) {
      err.println("commit-polish lint: --cwd " + dir + " is not a directory");
      return 2;
    }
    Env here = env.in(dir);
    ConventionDiscovery.Result discovered =
        defaultConfig
            ? new ConventionDiscovery.Result(
                LintConfig.configConventional(),
                "built-in @commitlint/config-conventional (--default-config)",
                List.of())
            : ConventionDiscovery.discover(dir, env.vars());
    if (!quiet) {
      for (String w : discovered.warnings()) {
        err.println("commit-polish lint: warning: " + w);
      }
    }
    if (printConfig) {
      out.println("source: " + discovered.source());
      LintConfig c = discovered.config();
      c.commitizen()
          .ifPresentOrElse(
              cz -> out.println("commitizen: " + cz),
              () -> c.rules().forEach((k, v) -> out.println(k + ": " + v)));
      return 0;
    }
    Timing.mark("convention discovered");
    Linter linter = new Linter(discovered.config());

    List<Item> items;
    try {
      items = read(here, in);
    } catch (UsageException e) {
      err.println("commit-polish lint: " + e.getMessage());
      return 2;
    }
    Timing.mark("read " + items.size() + " messages");
    // A range is linted on every core (the Linter is thread-safe); the report keeps git's order.
    var stream = items.size() >= PARALLEL_FROM ? items.parallelStream() : items.stream();
    List<Item> linted =
        stream
            .filter(it -> !Linter.isBlank(it.message))
            .map(it -> new Item(it.hash, it.message, linter.lint(it.message, it.options)))
            .toList();
    if (linted.isEmpty() && input.range == null) {
      err.println("commit-polish lint: " + Linter.INPUT_REQUIRED);
      return 1;
    }
    Timing.mark("linted");
    boolean valid = linted.stream().allMatch(i -> i.result.valid());
    String helpUrl = discovered.config().helpUrl();
    Timing.mark("verdicts");
    if (format == Format.json) {
      out.println(Output.json(linted, valid));
    } else {
      String text = Output.text(linted, helpUrl, verbose);
      if (!quiet && !text.isEmpty()) {
        out.println(text);
      }
    }
    return valid ? 0 : 1;
  }

  /** From this many messages on, they are linted in parallel. */
  static final int PARALLEL_FROM = 256;

  /** One message and, after linting, its result. */
  record Item(String hash, String message, LintOptions options, LintResult result) {
    Item(String hash, String message, LintOptions options) {
      this(hash, message, options, null);
    }

    Item(String hash, String message, LintResult result) {
      this(hash, message, null, result);
    }
  }

  static final class UsageException extends Exception {
    UsageException(String message) {
      super(message);
    }
  }

  private List<Item> read(Env here, InputStream in) throws UsageException {
    if (input.range != null) {
      return range(here, input.range);
    }
    if (input.edit != null) {
      Path f = editFile(here, input.edit);
      // commitlint appends a newline to the file's content and takes the comment char from
      // `git config core.commentChar` verbatim (no `auto` resolution, core.commentString unread).
      return List.of(new Item(null, readFile(f) + "\n", LintOptions.edit(commentChar(here))));
    }
    if (input.file != null) {
      return List.of(new Item(null, readFile(here.cwd().resolve(input.file)), LintOptions.stdin()));
    }
    try {
      return List.of(
          new Item(
              null, new String(in.readAllBytes(), StandardCharsets.UTF_8), LintOptions.stdin()));
    } catch (IOException e) {
      throw new UsageException("cannot read stdin: " + e.getMessage());
    }
  }

  private static String readFile(Path f) throws UsageException {
    try {
      return Files.readString(f, StandardCharsets.UTF_8);
    } catch (java.nio.charset.MalformedInputException e) {
      try {
        return new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
      } catch (IOException e2) {
        throw new UsageException("cannot read " + f + ": " + e2.getMessage());
      }
    } catch (IOException e) {
      throw new UsageException(
          "cannot read " + f + " (" + e.getClass().getSimpleName() + "); check the path");
    }
  }

  private static Path editFile(Env here, String edit) throws UsageException {
    if (edit.isEmpty()) {
      try {
        return Git.open(here).gitDir().resolve("COMMIT_EDITMSG");
      } catch (GitException e) {
        throw new UsageException(
            "--edit without a file needs a git repository (" + e.getMessage() + ")");
      }
    }
    Path p = here.cwd().resolve(edit);
    if (Files.exists(p)) {
      return p;
    }
    // commitlint resolves a relative --edit path against the work-tree root.
    try {
      Path top = Git.open(here).topLevel().resolve(edit);
      if (Files.exists(top)) {
        return top;
      }
    } catch (GitException e) {
      // not in a repository: report the path as given
    }
    throw new UsageException("cannot read " + p + ": no such file");
  }

  private static String commentChar(Env here) {
    try {
      return Git.open(here).config("core.commentChar").map(String::trim).orElse("#");
    } catch (GitException e) {
      return "#";
    }
  }

  private static List<Item> range(Env here, String range) throws UsageException {
    if (range.isBlank() || range.startsWith("-")) {
      throw new UsageException("--range needs a revision range such as origin/main..HEAD");
    }
    GitResult r;
    try {
      // One git call for the whole range: NUL-separated hash/message pairs.
      r = Git.open(here).run("log", "-z", "--format=%H%x00%B", range, "--");
    } catch (GitException e) {
      throw new UsageException(e.getMessage());
    }
    if (!r.ok()) {
      String first = r.stderr().lines().findFirst().orElse("exit " + r.exitCode());
      throw new UsageException("git log " + range + " failed: " + first);
    }
    List<Item> items = new ArrayList<>();
    String out = r.stdout();
    int pos = 0;
    while (pos < out.length()) {
      int a = out.indexOf('\0', pos);
      if (a < 0) {
        break;
      }
      int b = out.indexOf('\0', a + 1);
      String hash = out.substring(pos, a).strip();
      String msg = b < 0 ? out.substring(a + 1) : out.substring(a + 1, b);
      // commitlint's --from/--to reads `git log --format=%B%n<scissors>`: each message gets one
      // more newline, which the raw-text rules can see.
      items.add(new Item(hash, msg + "\n", LintOptions.stdin()));
      pos = b < 0 ? out.length() : b + 1;
    }
    return items;
  }
}
