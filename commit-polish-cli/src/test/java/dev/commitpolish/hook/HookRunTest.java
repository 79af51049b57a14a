package dev.commitpolish.hook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.commitpolish.cli.Env;
import dev.commitpolish.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hook's decisions in-process (no model needed): skips, strict mode, the fast entry point. */
class HookRunTest {

  @TempDir Path tmp;
  Repo repo;
  Path msg;
  Env env;
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void setUp() throws IOException {
    Map<String, String> vars = Repo.baseEnv(tmp.resolve("home"));
    vars.put("GIT_EDITOR", ":");
    repo = Repo.create(tmp.resolve("repo"), vars);
    msg = repo.dir.resolve(".git/COMMIT_EDITMSG");
    Files.writeString(msg, "fixed the login thing\n");
    env = new Env(vars, repo.dir);
  }

  private int hook(Env e, String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "hook";
    System.arraycopy(args, 0, all, 1, args.length);
    return Main.run(
        all,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        e);
  }

  private String line() {
    List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(1);
    return lines.get(0);
  }

  @Test
  void withoutArgumentsItSkipsAndStillExitsZero() {
    assertThat(hook(env)).isZero();
    assertThat(line()).startsWith("commit-polish: skipped (no message file given");
  }

  @Test
  void theSwitchIsReadAsGitReadsBooleansIncludingItsRarerSpellings() throws IOException {
    for (String off : List.of("false", "No", "0", "0x0", "0k")) {
      repo.ok("config", "commit-polish.enabled", off);
      err.reset();
      assertThat(hook(env, msg.toString(), "message")).as(off).isZero();
      assertThat(line())
          .as(off)
          .isEqualTo("commit-polish: skipped (git config commit-polish.enabled is false)");
    }
    // a value git rejects leaves the hook on (it then keeps the original: no server here)
    repo.ok("config", "commit-polish.enabled", "maybe");
    err.reset();
    assertThat(hook(env, msg.toString(), "message")).isZero();
    assertThat(line()).doesNotContain("commit-polish.enabled");
  }

  @Test
  void unknownSourceIsSkippedNotAnError() {
    assertThat(hook(env, msg.toString(), "something-new")).isZero();
    assertThat(line()).isEqualTo("commit-polish: skipped (unknown source 'something-new')");
  }

  @Test
  void emptyMessageWithoutEditorIsSkipped() throws IOException {
    Files.writeString(msg, "\n");
    assertThat(hook(env, msg.toString(), "message")).isZero();
    assertThat(line()).isEqualTo("commit-polish: skipped (empty message)");
  }

  @Test
  void outsideARepositoryItSkips() {
    Env outside = new Env(env.vars(), tmp);
    assertThat(hook(outside, msg.toString(), "message")).isZero();
    assertThat(line()).isEqualTo("commit-polish: skipped (not in a git repository)");
  }

  @Test
  void strictModeTurnsAKeptOriginalIntoAFailure() throws IOException {
    Path config = tmp.resolve("strict.toml");
    Files.writeString(config, "[hook]\nstrict = true\n");
    Files.setPosixFilePermissions(msg, PosixFilePermissions.fromString("r--r--r--"));
    repo.write("a.txt", "a\n");
    repo.ok("add", "a.txt");
    int code = hook(env.with("COMMIT_POLISH_CONFIG", config.toString()), msg.toString(), "message");
    assertThat(code).isEqualTo(1);
    assertThat(line()).isEqualTo("commit-polish: kept original (message file is read-only)");
    assertThat(msg).hasContent("fixed the login thing");
  }

  @Test
  void brokenConfigKeepsTheOriginalAndNamesTheFix() throws IOException {
    Path config = tmp.resolve("broken.toml");
    Files.writeString(config, "[hook\nstrict = maybe\n");
    repo.write("a.txt", "a\n");
    repo.ok("add", "a.txt");
    int code = hook(env.with("COMMIT_POLISH_CONFIG", config.toString()), msg.toString(), "message");
    assertThat(code).isZero();
    assertThat(line()).contains("kept original").contains("commit-polish config validate");
    assertThat(msg).hasContent("fixed the login thing");
  }

  @Test
  void fastEntryPointBehavesLikeTheCommand() {
    int code =
        HookCommand.run(
            List.of("-v", msg.toString(), "merge"),
            env,
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).isZero();
    assertThat(line()).isEqualTo("commit-polish: skipped (merge message)");
  }

  private int hookFor(dev.commitpolish.cli.Caller caller) {
    return HookCommand.run(
        List.of(msg.toString(), "message"),
        env.with("COMMIT_POLISH_API_BASE", "http://127.0.0.1:9/v1"),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        caller);
  }

  @Test
  void aRunWhoseClientHasGoneWritesNothing() throws IOException {
    // without it, this draft is polished offline (no server at port 9)
    assertThat(hookFor(new dev.commitpolish.cli.Caller() {})).isZero();
    assertThat(line()).startsWith("commit-polish: polished offline");
    Files.writeString(msg, "fixed the login thing\n");
    err.reset();
    var gone =
        new dev.commitpolish.cli.Caller() {
          @Override
          public boolean abandoned() {
            return true;
          }
        };
    assertThat(hookFor(gone)).isZero();
    assertThat(line())
        .isEqualTo("commit-polish: kept original (the commit went on without this run)");
    assertThat(msg).hasContent("fixed the login thing");
  }

  @Test
  void aMessageFileChangedWhilePolishingIsLeftAlone() throws IOException {
    // e.g. the next commit's message, if this run outlived its commit
    var meanwhile =
        new dev.commitpolish.cli.Caller() {
          @Override
          public boolean abandoned() {
            try {
              Files.writeString(msg, "the next commit's draft\n");
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
            return false;
          }
        };
    assertThat(hookFor(meanwhile)).isZero();
    assertThat(line())
        .isEqualTo("commit-polish: kept original (COMMIT_EDITMSG changed while polishing)");
    assertThat(msg).hasContent("the next commit's draft");
    assertThat(repo.dir.resolve(".git/commit-polish")).doesNotExist(); // no backup overwritten
  }

  @Test
  void tellsItsCallerWhenGitConfigTurnsTheWorkerOff() throws IOException {
    var told = new java.util.concurrent.atomic.AtomicInteger();
    var caller =
        new dev.commitpolish.cli.Caller() {
          @Override
          public void workerUnwanted() {
            told.incrementAndGet();
          }
        };
    hookFor(caller);
    assertThat(told).hasValue(0);
    repo.ok("config", "commit-polish.daemon", "false");
    Files.writeString(msg, "fixed the login thing\n");
    err.reset();
    hookFor(caller);
    assertThat(told.get()).isPositive();
  }
}
