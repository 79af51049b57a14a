package dev.commitpolish.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.commitpolish.cli.Env;
import dev.commitpolish.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code commit-polish lint} in-process, against real git repositories in temp directories. */
class LintCommandTest {

  static final String HELP =
      "https://github.com/conventional-changelog/commitlint/#what-is-commitlint";

  @TempDir Path tmp;
  Path home;
  Path repo;
  Map<String, String> vars;

  record Run(int exit, String out, String err) {}

  @BeforeEach
  void setUp() throws Exception {
    home = Files.createDirectories(tmp.resolve("home"));
    repo = Files.createDirectories(home.resolve("repo"));
    vars = new HashMap<>();
    vars.put("PATH", System.getenv("PATH"));
    vars.put("HOME", home.toString());
    vars.put("GIT_CONFIG_NOSYSTEM", "1");
    vars.put("GIT_AUTHOR_NAME", "T");
    vars.put("GIT_AUTHOR_EMAIL", "t@example.invalid");
    vars.put("GIT_COMMITTER_NAME", "T");
    vars.put("GIT_COMMITTER_EMAIL", "t@example.invalid");
    git("init", "-q", "-b", "main");
  }

  String git(String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add("git");
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(repo.toFile()).redirectErrorStream(true);
    pb.environment().clear();
    pb.environment().putAll(vars);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("git %s: %s", List.of(args), out).isZero();
    return out.strip();
  }

  Run lint(String stdin, String... args) {
    List<String> all = new ArrayList<>(List.of("lint"));
    all.addAll(List.of(args));
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    InputStream saved = System.in;
    System.setIn(
        new ByteArrayInputStream((stdin == null ? "" : stdin).getBytes(StandardCharsets.UTF_8)));
    try {
      int code =
          Main.run(
              all.toArray(String[]::new),
              new PrintStream(out, true, StandardCharsets.UTF_8),
              new PrintStream(err, true, StandardCharsets.UTF_8),
              new Env(vars, repo));
      return new Run(
          code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setIn(saved);
    }
  }

  @Test
  void stdinErrorsPrintCommitlintsReportAndExitOne() {
    Run r = lint("feat: Add x\n");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out())
        .isEqualTo(
            "⧗   --- input ---\nfeat: Add x\n✖   subject must not be sentence-case [subject-case]\n\n"
                + "✖   found 1 problems, 0 warnings\nⓘ   Get help: "
                + HELP
                + "\n\n");
  }

  @Test
  void validMessagePrintsNothingAndWarningsStillExitZero() {
    Run ok = lint("feat: add x\n");
    assertThat(ok.exit()).isZero();
    assertThat(ok.out()).isEmpty();
    Run warn = lint("feat: x\nbody\n");
    assertThat(warn.exit()).isZero();
    assertThat(warn.out())
        .contains("⚠   body must have leading blank line [body-leading-blank]")
        .contains("⚠   found 0 problems, 1 warnings");
  }

  @Test
  void emptyInputIsAnErrorLikeCommitlint() {
    Run r = lint(" \n\n");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("[input] is required");
  }

  @Test
  void jsonFormatListsEveryProblem() {
    Run r = lint("FEAT: x.\n", "--format", "json");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out())
        .startsWith("{\"valid\":false,\"errorCount\":3,\"warningCount\":0,\"results\":[")
        .contains(
            "{\"level\":2,\"name\":\"subject-full-stop\",\"message\":\"subject may not end with full stop\"}")
        .contains("\"name\":\"type-case\"")
        .contains("\"name\":\"type-enum\"");
  }

  @Test
  void fileIsReadWithoutCommentStripping() throws Exception {
    Path f = repo.resolve("msg.txt");
    Files.writeString(f, "fix: y\n\n# " + "c".repeat(120) + "\n");
    Run r = lint(null, "--file", "msg.txt");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains("[body-max-line-length]");
  }

  @Test
  void editUsesGitsCommentCharAndScissors() throws Exception {
    git("config", "core.commentChar", ";");
    Path f = repo.resolve(".git/COMMIT_EDITMSG");
    Files.writeString(
        f,
        "fix: handle empty input\n\n; Please enter the commit message\n"
            + "; ------------------------ >8 ------------------------\n"
            + "diff --git a/x b/x\n+"
            + "d".repeat(150)
            + "\n");
    assertThat(lint(null, "--edit", ".git/COMMIT_EDITMSG").exit()).isZero();
    // Without an argument --edit reads .git/COMMIT_EDITMSG.
    assertThat(lint(null, "--edit").exit()).isZero();
    // '#' is not the comment char here, so such a line is body text.
    Files.writeString(f, "fix: x\n# " + "c".repeat(120) + "\n");
    Run r = lint(null, "-e", ".git/COMMIT_EDITMSG");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains("[body-max-line-length]", "[body-leading-blank]");
  }

  @Test
  void editDefaultsToHashComments() throws Exception {
    Path f = repo.resolve("MSG");
    Files.writeString(f, "# only\n# comments\n");
    assertThat(lint(null, "--edit", "MSG").exit()).isZero();
    Files.writeString(f, "feat: Add thing\n# comment\n");
    assertThat(lint(null, "--edit", "MSG").exit()).isEqualTo(1);
  }

  @Test
  void rangeLintsEveryCommitWithOneGitCall() throws Exception {
    git("commit", "-q", "--allow-empty", "-m", "chore: base");
    String base = git("rev-parse", "HEAD");
    git("commit", "-q", "--allow-empty", "-m", "feat: add login");
    git("commit", "-q", "--allow-empty", "-m", "Fix: Broken thing.");
    git("commit", "-q", "--allow-empty", "-m", "docs: x\nno blank line");
    String bad = git("rev-parse", "HEAD~1");
    Run r = lint(null, "--range", base + "..HEAD", "--format", "json");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out())
        .contains("\"errorCount\":4", "\"warningCount\":1", "\"hash\":\"" + bad + "\"");
    assertThat(r.out().split("\"hash\"")).hasSize(4);
    Run text = lint(null, "--range", base + "..HEAD~2");
    assertThat(text.exit()).isZero();
    assertThat(text.out()).isEmpty();
    Run empty = lint(null, "--range", "HEAD..HEAD");
    assertThat(empty.exit()).isZero();
  }

  @Test
  void badRangeIsAUsageError() throws Exception {
    git("commit", "-q", "--allow-empty", "-m", "chore: base");
    Run r = lint(null, "--range", "nosuch..HEAD");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("nosuch");
    assertThat(lint(null, "--range", "--all").exit()).isEqualTo(2);
  }

  @Test
  void usageErrorsExitTwo() throws Exception {
    Files.writeString(repo.resolve("m"), "feat: x");
    assertThat(lint(null, "--file", "m", "--range", "a..b").exit()).isEqualTo(2);
    assertThat(lint(null, "--format", "xml").exit()).isEqualTo(2);
    assertThat(lint(null, "--file", "missing.txt").exit()).isEqualTo(2);
    assertThat(lint(null, "--cwd", "no/such/dir").exit()).isEqualTo(2);
  }

  @Test
  void repositoryConfigIsDiscoveredFromCwd() throws Exception {
    Path sub = Files.createDirectories(repo.resolve("service"));
    Files.writeString(
        sub.resolve(".commitlintrc.json"),
        "{\"extends\":[\"@commitlint/config-conventional\"],"
            + "\"rules\":{\"type-enum\":[2,\"always\",[\"feat\",\"hotfix\"]],"
            + "\"header-max-length\":[2,\"always\",30]}}");
    assertThat(lint("hotfix: patch\n", "--cwd", "service").exit()).isZero();
    Run r = lint("fix: patch the long thing right now\n", "--cwd", "service");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out())
        .contains("type must be one of [feat, hotfix] [type-enum]")
        .contains("header must not be longer than 30 characters, current length is 35");
    assertThat(lint("hotfix: patch\n", "--cwd", "service", "--default-config").exit()).isEqualTo(1);
    Run printed = lint(null, "--cwd", "service", "--print-config");
    assertThat(printed.out()).contains(".commitlintrc.json", "type-enum");
  }

  @Test
  void helpHasExamples() {
    Run r = lint(null, "--help");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("Examples:", "--range", "--edit");
  }

  /** The text report is byte-identical to the real commitlint CLI's, when it is installed. */
  @Test
  void textReportMatchesRealCommitlintWhenAvailable() throws Exception {
    Path cl = Path.of(System.getProperty("user.home"), ".cache/commit-polish/commitlint-21.2.4");
    Path cli = cl.resolve("node_modules/@commitlint/cli/cli.js");
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.exists(cli), "commitlint cache not installed (the lint module's tests install it)");
    for (String msg :
        List.of(
            "feat: Add x\n", "FEAT: x.\n\nbody\nCloses #1\n", "feat: ok\n", "feat: x\nbody\n")) {
      ProcessBuilder pb =
          new ProcessBuilder("node", cli.toString(), "-x", "@commitlint/config-conventional")
              .directory(cl.toFile());
      pb.environment().put("NO_COLOR", "1");
      Process p = pb.start();
      try (var os = p.getOutputStream()) {
        os.write(msg.getBytes(StandardCharsets.UTF_8));
      }
      String theirs = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      Run ours = lint(msg);
      assertThat(ours.out()).as(msg).isEqualTo(theirs);
      assertThat(ours.exit()).as(msg).isEqualTo(p.exitValue());
    }
  }

  /** --range agrees with `commitlint --from A --to B` on every problem, in order. */
  @Test
  void rangeMatchesRealCommitlintFromTo() throws Exception {
    Path cl = Path.of(System.getProperty("user.home"), ".cache/commit-polish/commitlint-21.2.4");
    Path cli = cl.resolve("node_modules/@commitlint/cli/cli.js");
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.exists(cli), "commitlint cache not installed (the lint module's tests install it)");
    // The repository lives inside the commitlint install so both tools resolve its config.
    repo = Files.createTempDirectory(cl, "range-repo");
    try {
      Files.writeString(
          repo.resolve(".commitlintrc.json"),
          "{\"extends\":[\"@commitlint/config-conventional\"]}");
      git("init", "-q", "-b", "main");
      git("commit", "-q", "--allow-empty", "-m", "chore: root");
      String base = git("rev-parse", "HEAD");
      List<String> messages =
          List.of(
              "feat: add x",
              "Feat: Add x.",
              "feat: x\nbody without blank",
              "feat: x\n\nbody\nCloses #1",
              "fix(api)!: drop v1\n\nBREAKING CHANGE: gone",
              "Initial commit",
              "Merge branch 'x'",
              "fixup! feat: x",
              "docs: " + "a".repeat(101),
              "feat: x\n\n" + "b".repeat(120),
              "chore: 1.2.3",
              "feat: x\n\nNote: this\n\nmore",
              "feat(scope): x\n\n\n\nRefs: #3\n");
      for (String m : messages) {
        git("commit", "-q", "--allow-empty", "--cleanup=verbatim", "-m", m);
      }
      Run ours = lint(null, "--range", base + "..HEAD", "--format", "json");
      ProcessBuilder pb =
          new ProcessBuilder("node", cli.toString(), "--from", base, "--to", "HEAD")
              .directory(repo.toFile());
      pb.environment().put("NO_COLOR", "1");
      pb.redirectErrorStream(true);
      Process p = pb.start();
      String theirs = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
      List<String> theirRules = new ArrayList<>();
      var m = java.util.regex.Pattern.compile("(?m)^[✖⚠]   .* \\[([a-z-]+)\\]$").matcher(theirs);
      while (m.find()) {
        theirRules.add(m.group(1));
      }
      List<String> ourRules = new ArrayList<>();
      // errors then warnings per commit, commits in git log order: the same order commitlint prints
      for (String result : ours.out().split("\\{\"hash\"")) {
        var e = java.util.regex.Pattern.compile("\"name\":\"([a-z-]+)\"").matcher(result);
        while (e.find()) {
          ourRules.add(e.group(1));
        }
      }
      assertThat(theirRules).isNotEmpty();
      assertThat(ourRules).isEqualTo(theirRules);
      assertThat(ours.exit()).isEqualTo(p.exitValue());
    } finally {
      try (var walk = Files.walk(repo)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }
}
