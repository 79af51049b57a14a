package dev.commitpolish.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.commitpolish.cli.CliRun;
import dev.commitpolish.cli.Env;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tomlj.Toml;

class ServerCommandsTest {

  @TempDir Path tmp;
  private Env env;
  private String out;
  private String err;

  @BeforeEach
  void setUp() {
    env = new Env(ServerLifecycleTest.baseEnv(tmp), tmp);
  }

  @AfterEach
  void killLeftovers() {
    ServerLifecycleTest.killServerOf(env);
  }

  private int run(String... args) {
    CliRun r = CliRun.of(env, args);
    out = r.out();
    err = r.err();
    return r.code();
  }

  @ParameterizedTest
  @ValueSource(strings = {"start", "stop", "status", "restart", "logs"})
  void everyServerSubcommandHasHelpWithExamples(String sub) {
    assertThat(run("server", sub, "--help")).isEqualTo(0);
    assertThat(out).contains("Usage: commit-polish server " + sub).contains("Examples:");
  }

  @Test
  void setupAndServerHaveHelpAndServerAloneShowsUsage() {
    assertThat(run("setup", "--help")).isEqualTo(0);
    assertThat(out).contains("--llamafile").contains("--sha256").contains("Examples:");
    assertThat(run("server")).isEqualTo(2);
    assertThat(out).contains("start").contains("stop").contains("status");
  }

  @Test
  void setupWithLocalFilesWritesTheConfigAndStartStartsTheServer() throws Exception {
    Path model = Files.writeString(tmp.resolve("local.gguf"), "weights");
    int port = ServerLifecycleTest.freePort();
    Path cfg = tmp.resolve("config/commit-polish/config.toml");
    Files.createDirectories(cfg.getParent());
    Files.writeString(cfg, "# mine\n[llamafile]\nport = " + port + "\n");
    int code =
        run(
            "setup",
            "--llamafile",
            ServerLifecycleTest.standInScript().toString(),
            "--model",
            model.toString(),
            "--start");
    assertThat(code).as(err).isEqualTo(0);
    assertThat(out).contains("llamafile is ready").contains(":" + port + "/v1");
    var toml = Toml.parse(Files.readString(cfg));
    assertThat(toml.getString("llamafile.model_path")).isEqualTo(model.toString());
    assertThat(Files.readString(cfg)).startsWith("# mine\n");
    assertThat(run("server", "stop")).isEqualTo(0);
  }

  @Test
  void hintIsServerStartWhenSetupDownloadedALlamafileEvenWithoutConfig() throws IOException {
    assertThat(ServerHints.startHint(env)).contains("commit-polish setup");
    Path exe = ServerPaths.of(env).llamafile();
    Files.createDirectories(exe.getParent());
    Files.writeString(exe, "#!/bin/sh\n");
    assertThat(ServerHints.startHint(env)).contains("commit-polish server start");
  }

  @Test
  void pathsFollowXdgAndFallBackToHome() {
    var p = ServerPaths.of(env);
    assertThat(p.stateFile()).isEqualTo(tmp.resolve("state/commit-polish/server.state"));
    assertThat(p.dataDir()).isEqualTo(tmp.resolve("data/commit-polish"));
    var home =
        ServerPaths.of(
            new Env(java.util.Map.of("HOME", "/h", "XDG_STATE_HOME", "relative/ignored"), tmp));
    assertThat(home.stateDir()).isEqualTo(Path.of("/h/.local/state/commit-polish"));
    assertThat(home.dataDir()).isEqualTo(Path.of("/h/.local/share/commit-polish"));
  }

  @Test
  void logsWithoutAServerSaysHowToStartOne() {
    assertThat(run("server", "logs")).isEqualTo(1);
    assertThat(err).contains("no server log yet").contains("commit-polish server start");
    assertThat(run("server", "stop")).isEqualTo(0);
    assertThat(out).contains("not running");
  }
}
