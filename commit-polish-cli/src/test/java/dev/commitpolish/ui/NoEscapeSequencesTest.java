package dev.commitpolish.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.commitpolish.standin.Profile;
import dev.commitpolish.standin.StandInServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code NO_COLOR=1} on a terminal, and any run whose output is not a terminal, must not contain a
 * single escape sequence — in results, diagnostics, help or progress. Separate JVMs, real git, the
 * server stand-in; the terminal runs use a pseudo-terminal.
 */
class NoEscapeSequencesTest {

  private static final Duration WAIT = Duration.ofSeconds(90);

  @TempDir Path tmp;
  private TempRepo repo;
  private StandInServer server;

  @BeforeEach
  void setUp() throws IOException {
    repo = TempRepo.init(tmp);
    repo.write("app.txt", "hello\n");
    repo.git("add", "app.txt");
    server =
        StandInServer.builder()
            .profile(Profile.LLAMACPP)
            .tokensPerSecond(40)
            .reply("feat(app): say hello")
            .start();
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  static List<List<String>> commands() {
    return List.of(
        List.of("doctor"),
        List.of("polish", "--dry-run"),
        List.of("preview", "-m", "added the hello file"),
        List.of("--help"),
        List.of("polish", "--help"));
  }

  private Map<String, String> env(boolean noColor) {
    Map<String, String> env = new HashMap<>(repo.vars());
    env.put("COMMIT_POLISH_API_BASE", server.baseUrl());
    env.put("TERM", "xterm-256color");
    env.put("LANG", "C.UTF-8");
    if (noColor) {
      env.put("NO_COLOR", "1");
    }
    return env;
  }

  @ParameterizedTest
  @MethodSource("commands")
  void noColorOnATerminalWritesNoEscapeSequences(List<String> args) throws Exception {
    Pty.assumeAvailable();
    try (Pty pty = Pty.start(Pty.cliCommand(args.toArray(String[]::new)), repo.dir(), env(true))) {
      pty.waitFor(WAIT);
      assertThat(pty.output()).as(pty.output()).isNotBlank().doesNotContain("\u001b");
      if (args.equals(List.of("doctor"))) {
        // The hook is not installed here, so the failure mark and a fix line are part of it.
        assertThat(pty.output()).contains("✗").contains("fix:");
      }
    }
  }

  @Test
  void withoutNoColorTheSameTerminalRunIsColouredSoTheCheckAboveCanFail() throws Exception {
    Pty.assumeAvailable();
    try (Pty pty = Pty.start(Pty.cliCommand("doctor"), repo.dir(), env(false))) {
      pty.waitFor(WAIT);
      assertThat(pty.output()).contains("\u001b[");
    }
  }

  @ParameterizedTest
  @MethodSource("commands")
  void outputThatIsNotATerminalHasNoEscapeSequencesAndNoProgress(List<String> args) {
    // In-process: this JVM's stdout and stderr are pipes (surefire), exactly the non-TTY case.
    var out = new java.io.ByteArrayOutputStream();
    var err = new java.io.ByteArrayOutputStream();
    dev.commitpolish.cli.Main.run(
        args.toArray(String[]::new),
        new java.io.PrintStream(out, true, StandardCharsets.UTF_8),
        new java.io.PrintStream(err, true, StandardCharsets.UTF_8),
        new dev.commitpolish.cli.Env(env(false), repo.dir()));
    String o = out.toString(StandardCharsets.UTF_8);
    String e = err.toString(StandardCharsets.UTF_8);
    assertThat(o + e).as(o + e).isNotBlank().doesNotContain("\u001b");
    // No spinner frames redrawn with carriage returns on a pipe.
    assertThat(e).doesNotContain("\r");
  }
}
