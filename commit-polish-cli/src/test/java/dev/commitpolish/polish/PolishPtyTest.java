package dev.commitpolish.polish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.commitpolish.standin.Profile;
import dev.commitpolish.standin.StandInServer;
import dev.commitpolish.ui.Pty;
import dev.commitpolish.ui.TempRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code commit-polish polish} end to end: a separate JVM in a pseudo-terminal, real git, and the
 * server stand-in streaming its reply slowly, answered through {@code /dev/tty} like a person
 * would.
 */
class PolishPtyTest {

  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final String FIRST = "feat(greeting): add a hello line";
  private static final String SECOND = "docs(readme): greet the reader";

  @TempDir Path tmp;
  private TempRepo repo;
  private StandInServer server;

  @BeforeEach
  void setUp() throws IOException {
    Pty.assumeAvailable();
    repo = TempRepo.init(tmp);
    repo.write("README.md", "hello\n");
    repo.git("add", "README.md");
    server =
        StandInServer.builder()
            .profile(Profile.LLAMAFILE_0_9)
            .tokensPerSecond(15)
            .replies(FIRST, SECOND)
            .start();
  }

  @AfterEach
  void tearDown() {
    if (server != null) {
      server.close();
    }
  }

  private Map<String, String> env() {
    Map<String, String> env = new HashMap<>(repo.vars());
    env.put("COMMIT_POLISH_API_BASE", server.baseUrl());
    env.put("TERM", "xterm-256color");
    env.put("COLUMNS", "100");
    env.put("LANG", "C.UTF-8");
    return env;
  }

  private Pty polish(Map<String, String> env) throws IOException {
    return Pty.start(Pty.cliCommand("polish"), repo.dir(), env);
  }

  @Test
  void commitAfterWatchingTheMessageStream() throws Exception {
    try (Pty pty = polish(env())) {
      pty.await("[a]bort", 1, WAIT);
      pty.type("c");
      assertThat(pty.waitFor(WAIT)).as(pty.output()).isEqualTo(0);
      assertThat(repo.headMessage()).isEqualTo(FIRST);
      String screen = pty.output();
      assertThat(screen).contains("1 file staged");
      // The status line showed the rate while tokens arrived, then the summary line.
      assertThat(screen).contains("tok/s").contains("generated").contains(FIRST);
    }
  }

  @Test
  void regenerateShowsANewMessageAndCommitsIt() throws Exception {
    try (Pty pty = polish(env())) {
      pty.await("[a]bort", 1, WAIT);
      pty.type("r");
      pty.await("[a]bort", 2, WAIT);
      assertThat(pty.output()).contains(SECOND);
      pty.type("c");
      assertThat(pty.waitFor(WAIT)).as(pty.output()).isEqualTo(0);
      assertThat(repo.headMessage()).isEqualTo(SECOND);
      assertThat(server.requests("/v1/chat/completions")).hasSize(2);
    }
  }

  @Test
  void editOpensTheEditorThenCommitsTheEditedMessage() throws Exception {
    Path editor = tmp.resolve("fake-editor.sh");
    Files.writeString(
        editor, "#!/bin/sh\nsed -i 's/add a hello line/add a friendly hello line/' \"$1\"\n");
    Files.setPosixFilePermissions(editor, PosixFilePermissions.fromString("rwxr-xr-x"));
    Map<String, String> env = env();
    env.put("GIT_EDITOR", editor.toString());
    try (Pty pty = polish(env)) {
      pty.await("[a]bort", 1, WAIT);
      pty.type("e");
      pty.await("[a]bort", 2, WAIT);
      pty.type("c");
      assertThat(pty.waitFor(WAIT)).as(pty.output()).isEqualTo(0);
      assertThat(repo.headMessage()).isEqualTo("feat(greeting): add a friendly hello line");
    }
  }

  @Test
  void abortLeavesNoCommit() throws Exception {
    try (Pty pty = polish(env())) {
      pty.await("[a]bort", 1, WAIT);
      pty.type("a");
      assertThat(pty.waitFor(WAIT)).isEqualTo(1);
      assertThat(pty.output()).contains("Aborted; nothing committed.");
      assertThat(repo.commitCount()).isZero();
    }
  }
}
