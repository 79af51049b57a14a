package dev.commitpolish.polish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.commitpolish.cli.CommitPolishCommand;
import dev.commitpolish.ui.Console;
import dev.commitpolish.ui.Style;
import dev.commitpolish.ui.TempRepo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The polish interaction loop, in-process, with a scripted generator and console. */
class PolishCommandTest {

  @TempDir Path tmp;
  private TempRepo repo;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final List<Integer> rounds = new ArrayList<>();
  private final List<String> replies = new ArrayList<>(List.of("feat: first idea"));

  /** Rounds whose generation fails, as a server outage would. */
  private final List<Integer> failingRounds = new ArrayList<>();

  private FakeConsole console;
  private boolean noConsole;

  @BeforeEach
  void setUp() throws IOException {
    repo = TempRepo.init(tmp);
    repo.write("README.md", "hello\n");
    repo.git("add", "README.md");
  }

  private int run(String... args) {
    Generator gen =
        (round, listener) -> {
          rounds.add(round);
          if (failingRounds.contains(round)) {
            throw new Generator.GenerationException(
                "server went away", "commit-polish server start", null);
          }
          String reply = replies.get(Math.min(round, replies.size() - 1));
          for (String piece : reply.split("(?<= )")) {
            listener.onToken(piece);
          }
          return new Generator.Generation(reply, "llamafile/test", reply.split(" ").length, "");
        };
    CommandLine.IFactory factory =
        new CommandLine.IFactory() {
          @Override
          public <K> K create(Class<K> cls) throws Exception {
            if (cls == PolishCommand.class) {
              return cls.cast(
                  new PolishCommand(
                      (env, overrides) -> gen,
                      term -> noConsole ? Optional.empty() : Optional.of(console)));
            }
            return CommandLine.defaultFactory().create(cls);
          }
        };
    var o = new PrintStream(out, true, StandardCharsets.UTF_8);
    var e = new PrintStream(err, true, StandardCharsets.UTF_8);
    var cl = new CommandLine(new CommitPolishCommand(repo.env(), o, e), factory);
    cl.setOut(new PrintWriter(o, true));
    cl.setErr(new PrintWriter(e, true));
    return cl.execute(args);
  }

  private void answers(String... lines) {
    console = new FakeConsole(lines);
  }

  @Test
  void commitAnswerCommitsTheGeneratedMessage() throws IOException {
    answers("c");
    assertThat(run("polish")).isEqualTo(0);
    assertThat(repo.headMessage()).isEqualTo("feat: first idea");
    assertThat(console.said).anyMatch(l -> l.contains("feat: first idea"));
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("1 file staged, +1 \u22120");
  }

  @Test
  void enterAloneMeansCommit() throws IOException {
    answers("");
    assertThat(run("polish")).isEqualTo(0);
    assertThat(repo.commitCount()).isEqualTo(1);
  }

  @Test
  void regenerateAsksTheGeneratorForTheNextRoundAndShowsTheNewMessage() throws IOException {
    replies.add("fix: second idea");
    answers("r", "c");
    assertThat(run("polish")).isEqualTo(0);
    assertThat(rounds).containsExactly(0, 1);
    assertThat(repo.headMessage()).isEqualTo("fix: second idea");
  }

  @Test
  void aFailedRegenerateKeepsThePreviousMessage() throws IOException {
    failingRounds.add(1);
    answers("r", "c");
    assertThat(run("polish")).isEqualTo(0);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("server went away")
        .contains("keeping the previous message");
    assertThat(repo.headMessage()).isEqualTo("feat: first idea");
  }

  @Test
  void abortCommitsNothingAndExitsOne() throws IOException {
    answers("a");
    assertThat(run("polish")).isEqualTo(1);
    assertThat(repo.commitCount()).isZero();
    assertThat(console.said).contains("Aborted; nothing committed.");
  }

  @Test
  void endOfInputAborts() throws IOException {
    answers();
    assertThat(run("polish")).isEqualTo(1);
    assertThat(repo.commitCount()).isZero();
  }

  @Test
  void unknownAnswerAsksAgain() throws IOException {
    answers("x", "c");
    assertThat(run("polish")).isEqualTo(0);
    assertThat(console.said).contains("Please answer c, e, r or a.");
    assertThat(console.prompts).hasSize(2);
  }

  @Test
  void editRunsGitsEditorStripsCommentsAndAsksAgain() throws IOException {
    Path editor =
        script("editor.sh", "#!/bin/sh\nprintf 'docs: edited by hand\\n# a comment\\n' > \"$1\"\n");
    repo.set("GIT_EDITOR", editor.toString());
    answers("e", "c");
    assertThat(run("polish")).isEqualTo(0);
    assertThat(repo.headMessage()).isEqualTo("docs: edited by hand");
    assertThat(console.said).anyMatch(l -> l.contains("docs: edited by hand"));
    assertThat(rounds).containsExactly(0);
  }

  @Test
  void editorSeesTheGeneratedMessageFirst() throws IOException {
    Path seen = tmp.resolve("seen.txt");
    Path editor = script("editor.sh", "#!/bin/sh\ncp \"$1\" '" + seen + "'\n");
    repo.set("GIT_EDITOR", editor.toString());
    answers("e", "c");
    assertThat(run("polish")).isEqualTo(0);
    assertThat(Files.readString(seen))
        .startsWith("feat: first idea\n")
        .contains("# Edit the commit");
    assertThat(repo.headMessage()).isEqualTo("feat: first idea");
  }

  @Test
  void emptyEditAborts() throws IOException {
    Path editor = script("editor.sh", "#!/bin/sh\n: > \"$1\"\n");
    repo.set("GIT_EDITOR", editor.toString());
    answers("e");
    assertThat(run("polish")).isEqualTo(1);
    assertThat(repo.commitCount()).isZero();
  }

  @Test
  void failingEditorKeepsTheMessage() throws IOException {
    Path editor = script("editor.sh", "#!/bin/sh\nexit 3\n");
    repo.set("GIT_EDITOR", editor.toString());
    answers("e", "c");
    assertThat(run("polish")).isEqualTo(0);
    assertThat(console.said).anyMatch(l -> l.contains("exited with status 3"));
    assertThat(repo.headMessage()).isEqualTo("feat: first idea");
  }

  @Test
  void yesCommitsWithoutAsking() throws IOException {
    noConsole = true;
    assertThat(run("polish", "-y")).isEqualTo(0);
    assertThat(repo.headMessage()).isEqualTo("feat: first idea");
  }

  @Test
  void dryRunPrintsOnlyTheMessageOnStdoutAndCommitsNothing() throws IOException {
    noConsole = true;
    assertThat(run("polish", "--dry-run")).isEqualTo(0);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("feat: first idea\n");
    assertThat(repo.commitCount()).isZero();
  }

  @Test
  void yesAndDryRunTogetherIsAUsageError() {
    assertThat(run("polish", "-y", "--dry-run")).isEqualTo(2);
  }

  @Test
  void withoutATerminalItRefusesToGuessAndNamesTheFlags() throws IOException {
    noConsole = true;
    assertThat(run("polish")).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("-y").contains("--dry-run");
    assertThat(repo.commitCount()).isZero();
  }

  @Test
  void nothingStagedIsExplainedAndExitsZeroUnlessStrict() throws IOException {
    repo.git("reset", "-q");
    answers("c");
    assertThat(run("polish")).isEqualTo(0);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("nothing staged").contains("git add");
    assertThat(rounds).isEmpty();
    assertThat(run("polish", "--strict")).isEqualTo(1);
  }

  @Test
  void outsideARepositoryItSaysSo() throws IOException {
    repo = TempRepo.outside(tmp.resolve("elsewhere"));
    answers("c");
    assertThat(run("polish")).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("not inside a git work tree");
  }

  @Test
  void innerCommitRunsOtherHooksButTellsOurHookToStandAside() throws IOException {
    Path record = tmp.resolve("skip.txt");
    Path hooks = repo.dir().resolve(".git/hooks");
    script(
        hooks.resolve("prepare-commit-msg"),
        "#!/bin/sh\nprintf '%s' \"$COMMIT_POLISH_SKIP\" > '" + record + "'\n");
    answers("c");
    assertThat(run("polish")).isEqualTo(0);
    assertThat(Files.readString(record)).isEqualTo("1");
  }

  @Test
  void rejectedCommitKeepsTheMessageAndSaysHowToRetry() throws IOException {
    script(
        repo.dir().resolve(".git/hooks/pre-commit"), "#!/bin/sh\necho 'lint failed' >&2\nexit 1\n");
    answers("c");
    assertThat(run("polish")).isEqualTo(1);
    String e = err.toString(StandardCharsets.UTF_8);
    assertThat(e).contains("lint failed").contains("git commit -F");
    Path saved = repo.dir().resolve(".git/COMMIT_POLISH_MSG");
    assertThat(Files.readString(saved)).isEqualTo("feat: first idea\n");
  }

  @Test
  void quietDropsTheStagedSummary() throws IOException {
    answers("c");
    assertThat(run("--quiet", "polish")).isEqualTo(0);
    assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("staged");
  }

  @Test
  void generationFailureReportsTheFixAndExitsOne() throws IOException {
    CommandLine.IFactory factory =
        new CommandLine.IFactory() {
          @Override
          public <K> K create(Class<K> cls) throws Exception {
            if (cls == PolishCommand.class) {
              Generator failing =
                  (round, l) -> {
                    throw new Generator.GenerationException(
                        "server not reachable at http://127.0.0.1:9/v1",
                        "commit-polish server start",
                        null);
                  };
              return cls.cast(new PolishCommand((e, o) -> failing, t -> Optional.of(console)));
            }
            return CommandLine.defaultFactory().create(cls);
          }
        };
    answers("c");
    var e = new PrintStream(err, true, StandardCharsets.UTF_8);
    var cl =
        new CommandLine(
            new CommitPolishCommand(
                repo.env(), new PrintStream(out, true, StandardCharsets.UTF_8), e),
            factory);
    assertThat(cl.execute("polish")).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("could not generate a message: server not reachable")
        .contains("fix: commit-polish server start");
    assertThat(repo.commitCount()).isZero();
  }

  private Path script(String name, String body) throws IOException {
    return script(tmp.resolve(name), body);
  }

  private static Path script(Path p, String body) throws IOException {
    Files.createDirectories(p.getParent());
    Files.writeString(p, body, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    return p;
  }

  /** Answers from a script and records everything said. */
  static final class FakeConsole implements Console {
    final Deque<String> answers;
    final List<String> said = new ArrayList<>();
    final List<String> prompts = new ArrayList<>();

    FakeConsole(String... answers) {
      this.answers = new ArrayDeque<>(List.of(answers));
    }

    @Override
    public Optional<String> ask(String prompt) {
      prompts.add(prompt);
      return Optional.ofNullable(answers.poll());
    }

    @Override
    public void say(String line) {
      said.add(line);
    }

    @Override
    public Style style() {
      return Style.plain(false);
    }

    @Override
    public void close() {}
  }
}
