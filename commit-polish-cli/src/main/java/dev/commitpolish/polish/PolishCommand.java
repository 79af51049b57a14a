package dev.commitpolish.polish;

import dev.commitpolish.cli.CommitPolishCommand;
import dev.commitpolish.cli.Env;
import dev.commitpolish.ui.Colour;
import dev.commitpolish.ui.Console;
import dev.commitpolish.ui.Mark;
import dev.commitpolish.ui.Style;
import dev.commitpolish.ui.Terminal;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Generate, review and commit a message for the staged changes. */
@Command(
    name = "polish",
    mixinStandardHelpOptions = true,
    description = {
      "Generate a commit message for the staged changes, review it, and commit.",
      "Shows what is staged, streams the model's output (on a terminal), then asks"
          + " whether to commit, edit the message in your editor, regenerate or abort."
          + " The commit runs `git commit -F`, so your other hooks still run."
    },
    footer = {
      "",
      "Examples:",
      "  git add -p && commit-polish polish      review, then commit",
      "  commit-polish polish -y                 commit without asking",
      "  commit-polish polish --dry-run          print the message only",
      "  commit-polish polish --dry-run | git commit -F -",
      "",
      "Exit status: 0 committed, printed (--dry-run) or nothing staged;"
          + " 1 aborted, generation or commit failed, or nothing staged with --strict; 2 usage."
    })
public final class PolishCommand implements Callable<Integer> {

  @ParentCommand private CommitPolishCommand root;
  @Spec private CommandSpec spec;

  @Option(
      names = {"-y", "--yes"},
      description = "Commit the generated message without asking.")
  private boolean yes;

  @Option(
      names = "--dry-run",
      description = "Print the generated message on stdout and do not commit.")
  private boolean dryRun;

  @Option(names = "--strict", description = "Exit 1 when nothing is staged.")
  private boolean strict;

  @Option(
      names = "--model",
      paramLabel = "PROVIDER/MODEL",
      description = "Model to use, e.g. llamafile/gemma-3-3b (overrides config).")
  private String model;

  @Option(
      names = "--api-base",
      paramLabel = "URL",
      description = "OpenAI-compatible base URL, e.g. http://127.0.0.1:8080/v1 (overrides config).")
  private String apiBase;

  private final GeneratorFactory generators;
  private final ConsoleFactory consoles;

  /** Used by picocli: the configured model and {@code /dev/tty}. */
  public PolishCommand() {
    this(EngineGenerator::create, Console::openTty);
  }

  PolishCommand(GeneratorFactory generators, ConsoleFactory consoles) {
    this.generators = generators;
    this.consoles = consoles;
  }

  /** Builds the generator for one run. */
  interface GeneratorFactory {
    Generator create(Env env, Map<String, String> flagOverrides);
  }

  /** Opens the console the questions go to; empty when there is none. */
  interface ConsoleFactory {
    Optional<Console> open(Terminal term);
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (yes && dryRun) {
      throw new ParameterException(spec.commandLine(), "--yes and --dry-run cannot be combined");
    }
    Env env = root.env();
    PrintStream out = root.out();
    PrintStream err = root.err();
    Terminal term = Terminal.detect(env);
    Style es = term.err();
    GitOps git = new GitOps(env);

    if (!git.insideWorkTree()) {
      err.println(
          "commit-polish polish: not inside a git work tree ("
              + env.cwd()
              + "); cd into a repository");
      return 1;
    }
    Staged staged = git.staged();
    if (staged.isEmpty()) {
      err.println(
          "commit-polish polish: nothing staged to commit; stage changes with `git add` first");
      return strict ? 1 : 0;
    }
    if (!root.quiet()) {
      List<String> lines = staged.summary(10, es.unicode());
      err.println(es.paint(Colour.BOLD, lines.get(0)));
      lines.subList(1, lines.size()).forEach(err::println);
    }

    Optional<Console> console = Optional.empty();
    if (!yes && !dryRun) {
      console = consoles.open(term);
      if (console.isEmpty()) {
        err.println(
            "commit-polish polish: no terminal to ask on (/dev/tty);"
                + " use -y to commit without asking or --dry-run to print the message");
        return 1;
      }
    }
    try {
      return loop(env, term, git, console, out, err);
    } finally {
      console.ifPresent(Console::close);
    }
  }

  private int loop(
      Env env,
      Terminal term,
      GitOps git,
      Optional<Console> console,
      PrintStream out,
      PrintStream err)
      throws IOException, InterruptedException {
    Map<String, String> overrides = new HashMap<>();
    if (model != null) {
      overrides.put("ai.model", model);
    }
    if (apiBase != null) {
      overrides.put("ai.api_base", apiBase);
    }
    Generator generator = generators.create(env, overrides);
    Style es = term.err();
    int round = 0;
    String message = null;
    String previous = null;
    while (true) {
      if (message == null) {
        // Not try-with-resources: the view must be closed (status line erased) before printing.
        StreamView view = new StreamView(term, err, Clock.systemUTC(), !root.quiet());
        Generator.Generation g;
        try {
          g = generator.generate(round, view);
        } catch (Generator.GenerationException e) {
          view.close();
          err.println(es.mark(Mark.FAIL) + " could not generate a message: " + e.getMessage());
          if (!e.fix().isEmpty()) {
            err.println("  " + es.paint(Colour.CYAN, "fix: " + e.fix()));
          }
          if (root.verbose() && e.getCause() != null) {
            e.getCause().printStackTrace(err);
          }
          if (previous == null || console.isEmpty()) {
            return 1;
          }
          // A failed regenerate must not lose the message the user already had.
          err.println("  keeping the previous message");
          message = previous;
          round++;
          continue;
        } catch (RuntimeException e) {
          view.close();
          throw e;
        }
        view.close();
        if (!root.quiet() && (view.active() || root.verbose())) {
          String by = g.model().isEmpty() ? "" : " by " + g.model();
          err.println(es.mark(Mark.OK) + " " + view.summary(g.completionTokens()) + by);
        }
        if (!g.note().isEmpty() && !root.quiet()) {
          err.println(es.mark(Mark.WARN) + " " + g.note());
        }
        message = g.message();
        round++;
      }
      if (dryRun) {
        out.println(message);
        return 0;
      }
      if (yes) {
        return commit(git, message, out, err);
      }
      Console c = console.orElseThrow();
      show(c, message);
      Optional<String> answer = c.ask(prompt(c.style()));
      String a = answer.map(s -> s.strip().toLowerCase(Locale.ROOT)).orElse("a");
      switch (a.isEmpty() ? "c" : a.substring(0, 1)) {
        case "c":
        case "y":
          return commit(git, message, out, err);
        case "e":
          Optional<String> edited = edit(git, message, c);
          if (edited.isPresent() && edited.get().isEmpty()) {
            c.say("The edited message is empty; nothing committed.");
            return 1;
          }
          message = edited.orElse(message);
          break;
        case "r":
          previous = message;
          message = null;
          break;
        case "a":
        case "n":
        case "q":
          c.say("Aborted; nothing committed.");
          return 1;
        default:
          c.say("Please answer c, e, r or a.");
      }
    }
  }

  private static String prompt(Style s) {
    return s.paint(Colour.BOLD, "[C]ommit")
        + "  "
        + "[e]dit  [r]egenerate  [a]bort"
        + (answerHint(s));
  }

  private static String answerHint(Style s) {
    return s.paint(Colour.DIM, " (c/e/r/a) ") + "? ";
  }

  private static void show(Console c, String message) {
    Style s = c.style();
    String rule = s.paint(Colour.DIM, (s.unicode() ? "\u2500" : "-").repeat(40));
    c.say(rule);
    String[] lines = message.split("\n", -1);
    c.say(s.paint(Colour.BOLD, lines[0]));
    for (int i = 1; i < lines.length; i++) {
      c.say(lines[i]);
    }
    c.say(rule);
  }

  /**
   * Lets the user edit {@code message} in git's editor.
   *
   * @return the edited message with comment lines removed; empty optional when the editor failed
   *     (the message is then unchanged)
   */
  private static Optional<String> edit(GitOps git, String message, Console c)
      throws IOException, InterruptedException {
    String comment = git.commentPrefix();
    Path file = git.gitPath("COMMIT_POLISH_EDITMSG");
    String help =
        comment
            + " Edit the commit message. Lines starting with '"
            + comment
            + "' are ignored;\n"
            + comment
            + " an empty message aborts.\n";
    Files.writeString(file, message + "\n\n" + help, StandardCharsets.UTF_8);
    String editor = git.editor();
    int code = git.edit(editor, file, c.isTerminal());
    if (code != 0) {
      c.say("Editor `" + editor + "` exited with status " + code + "; message unchanged.");
      return Optional.empty();
    }
    List<String> kept = new ArrayList<>();
    for (String line : Files.readString(file, StandardCharsets.UTF_8).split("\n", -1)) {
      if (!line.startsWith(comment)) {
        kept.add(line.stripTrailing());
      }
    }
    Files.deleteIfExists(file);
    return Optional.of(String.join("\n", kept).strip());
  }

  private int commit(GitOps git, String message, PrintStream out, PrintStream err)
      throws IOException, InterruptedException {
    Path file = git.gitPath("COMMIT_POLISH_MSG");
    Files.writeString(file, message + "\n", StandardCharsets.UTF_8);
    if (yes && !root.quiet()) {
      out.println(message);
      out.println();
    }
    int code = git.commit(file, out, err);
    if (code != 0) {
      err.println(
          "commit-polish polish: git commit failed (exit "
              + code
              + "); the message is saved in "
              + file
              + "; retry with: git commit -F "
              + file);
      return 1;
    }
    Files.deleteIfExists(file);
    return 0;
  }
}
