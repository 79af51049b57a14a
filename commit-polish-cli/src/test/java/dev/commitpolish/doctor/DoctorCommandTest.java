package dev.commitpolish.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.commitpolish.cli.CliRun;
import dev.commitpolish.install.HookScripts;
import dev.commitpolish.standin.Profile;
import dev.commitpolish.standin.StandInServer;
import dev.commitpolish.ui.TempRepo;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code commit-polish doctor} against real git repos and the server stand-in over loopback. */
class DoctorCommandTest {

  @TempDir Path tmp;
  private TempRepo repo;
  private String out;
  private String err;

  @BeforeEach
  void setUp() throws IOException {
    repo = TempRepo.init(tmp);
  }

  private int doctor(String... args) {
    String[] argv = new String[args.length + 1];
    argv[0] = "doctor";
    System.arraycopy(args, 0, argv, 1, args.length);
    CliRun r = CliRun.of(repo.env(), argv);
    out = r.out();
    err = r.err();
    return r.code();
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> check(String name) throws IOException {
    assertThat(doctorJsonCache).as("run doctor --json first").isNotNull();
    for (Object c : (List<Object>) doctorJsonCache.get("checks")) {
      Map<String, Object> m = (Map<String, Object>) c;
      if (m.get("name").equals(name)) {
        return m;
      }
    }
    throw new AssertionError("no check " + name + " in " + doctorJsonCache);
  }

  private Map<String, Object> doctorJsonCache;

  private int doctorJson(String... args) throws IOException {
    String[] a = new String[args.length + 1];
    a[0] = "--json";
    System.arraycopy(args, 0, a, 1, args.length);
    int code = doctor(a);
    doctorJsonCache = JSON.std.mapFrom(out);
    return code;
  }

  private void installHook() throws IOException {
    Path hook = repo.dir().resolve(".git/hooks/prepare-commit-msg");
    Files.createDirectories(hook.getParent());
    Files.writeString(
        hook,
        "#!/bin/sh\n" + HookScripts.MARKER + "prepare-commit-msg v1\ncommit-polish hook \"$@\"\n");
    Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void allChecksPassWithAServerUpAndTheHookInstalled(Profile profile) throws IOException {
    installHook();
    try (StandInServer s =
        StandInServer.builder().profile(profile).modelAlias("gemma-3-3b").nCtx(4096).start()) {
      repo.set("COMMIT_POLISH_API_BASE", s.baseUrl());
      assertThat(doctor()).as(out).isEqualTo(0);
      assertThat(out)
          .contains("ready at " + s.baseUrl())
          .contains("n_ctx 4096")
          .contains("1-token reply in")
          .contains("gemma-3-3b is served")
          .contains("All checks passed.");
      // The probe really is a 1-token chat request.
      var chats = s.requests("/v1/chat/completions");
      assertThat(chats).hasSize(1);
      assertThat(chats.get(0).json()).containsEntry("max_tokens", 1);
    }
  }

  @Test
  void withoutAnyConfigFileItSaysDefaultsAreUsed() throws IOException {
    assertThat(doctorJson()).isEqualTo(1);
    assertThat(check("config")).containsEntry("ok", true);
    assertThat((String) check("config").get("detail"))
        .contains("no config file")
        .contains("defaults");
    assertThat((String) check("model").get("detail")).contains("llamafile/gemma-3-3b");
  }

  @Test
  void aBadConfigFailsWithFileLineAndFix() throws IOException {
    Path cfg = repo.home().resolve(".config/commit-polish/config.toml");
    Files.createDirectories(cfg.getParent());
    Files.writeString(cfg, "[ai]\nmodel = \"llamafile/x\"\ntemperature = \"hot\"\n");
    assertThat(doctorJson()).isEqualTo(1);
    assertThat(check("config")).containsEntry("ok", false).containsEntry("status", "fail");
    assertThat((String) check("config").get("detail"))
        .contains("config.toml:3")
        .contains("temperature");
    assertThat((String) check("config").get("fix")).contains("config.toml");
    assertThat(check("server")).containsEntry("status", "skip");
  }

  @Test
  void aModelWithoutProviderPrefixFailsAndListsProviders() throws IOException {
    repo.set("COMMIT_POLISH_MODEL", "gemma-3-3b");
    assertThat(doctorJson()).isEqualTo(1);
    assertThat(check("model")).containsEntry("ok", false);
    assertThat((String) check("model").get("detail")).contains("llamafile");
  }

  @Test
  void serverDownWithNothingInstalledPointsToSetup() throws IOException {
    repo.set("COMMIT_POLISH_API_BASE", "http://127.0.0.1:" + freePort() + "/v1");
    assertThat(doctorJson()).isEqualTo(1);
    assertThat(check("server")).containsEntry("ok", false);
    assertThat((String) check("server").get("detail")).contains("connection refused");
    assertThat((String) check("server").get("fix")).startsWith("commit-polish setup");
    assertThat(check("probe")).containsEntry("status", "skip");
  }

  @Test
  void serverDownWithLlamafileInstalledPointsToServerStart() throws IOException {
    Path data = repo.home().resolve(".local/share/commit-polish");
    Files.createDirectories(data);
    Files.writeString(data.resolve("llamafile"), "#!/bin/sh\n");
    repo.set("COMMIT_POLISH_API_BASE", "http://127.0.0.1:" + freePort() + "/v1");
    assertThat(doctorJson()).isEqualTo(1);
    assertThat(check("server")).containsEntry("fix", "commit-polish server start");
  }

  @Test
  void llamaCppStillLoadingIsReportedAsLoading() throws IOException {
    try (StandInServer s =
        StandInServer.builder().profile(Profile.LLAMACPP).loading(Duration.ofMinutes(5)).start()) {
      repo.set("COMMIT_POLISH_API_BASE", s.baseUrl());
      assertThat(doctorJson()).isEqualTo(1);
      assertThat((String) check("server").get("detail")).contains("still loading");
      assertThat((String) check("server").get("fix")).contains("wait");
    }
  }

  @Test
  void llamafileStillLoadingRefusesConnectionsAndTheDetailSaysItMayBeLoading() throws IOException {
    try (StandInServer s = StandInServer.builder().profile(Profile.LLAMAFILE_0_9).start()) {
      s.setLoading(true);
      repo.set("COMMIT_POLISH_API_BASE", s.baseUrl());
      assertThat(doctorJson()).isEqualTo(1);
      assertThat((String) check("server").get("detail"))
          .contains("connection refused")
          .contains("still loading");
    }
  }

  @Test
  void aDifferentModelNameOnTheServerIsAWarningWithTheNameToUse() throws IOException {
    installHook();
    try (StandInServer s =
        StandInServer.builder().profile(Profile.LLAMACPP).modelAlias("qwen2.5-1.5b").start()) {
      repo.set("COMMIT_POLISH_API_BASE", s.baseUrl());
      assertThat(doctorJson()).isEqualTo(0);
      assertThat(check("model-listed")).containsEntry("status", "warn");
      assertThat((String) check("model-listed").get("fix")).contains("llamafile/qwen2.5-1.5b");
    }
  }

  @Test
  void aSmallContextIsAWarning() throws IOException {
    try (StandInServer s = StandInServer.builder().profile(Profile.LLAMACPP).nCtx(1024).start()) {
      repo.set("COMMIT_POLISH_API_BASE", s.baseUrl());
      doctorJson();
      assertThat(check("context")).containsEntry("status", "warn");
      assertThat((String) check("context").get("fix")).contains("4096");
    }
  }

  @Test
  void anApiKeyServerWithoutAKeyFailsTheProbeWithTheFix() throws IOException {
    try (StandInServer s =
        StandInServer.builder().profile(Profile.LLAMACPP).apiKey("sk-x").start()) {
      repo.set("COMMIT_POLISH_API_BASE", s.baseUrl());
      assertThat(doctorJson()).isEqualTo(1);
      assertThat(check("probe")).containsEntry("ok", false);
      assertThat((String) check("probe").get("fix")).contains("api_key");
      assertThat(out).doesNotContain("sk-x");
    }
  }

  @Test
  void baseUrlMissingV1IsCaughtBeforeAnyRequest() throws IOException {
    try (StandInServer s = StandInServer.builder().profile(Profile.LLAMAFILE_0_9).start()) {
      repo.set("COMMIT_POLISH_API_BASE", s.rootUrl());
      assertThat(doctorJson()).isEqualTo(1);
      assertThat(check("api-base")).containsEntry("ok", false);
      assertThat((String) check("api-base").get("detail")).contains("/v1");
      assertThat((String) check("api-base").get("fix")).isEqualTo("use " + s.baseUrl());
      assertThat(check("server")).containsEntry("status", "skip");
      assertThat(s.requests()).isEmpty();
    }
  }

  @Test
  void baseUrlWithChatCompletionsIsCaught() throws IOException {
    repo.set("COMMIT_POLISH_API_BASE", "http://127.0.0.1:8080/v1/chat/completions");
    assertThat(doctorJson()).isEqualTo(1);
    assertThat((String) check("api-base").get("detail")).contains("/chat/completions");
    assertThat((String) check("api-base").get("fix")).isEqualTo("use http://127.0.0.1:8080/v1");
  }

  @Test
  void baseUrlWithDoubleSlashIsCaught() throws IOException {
    repo.set("COMMIT_POLISH_API_BASE", "http://127.0.0.1:8080//v1");
    assertThat(doctorJson()).isEqualTo(1);
    assertThat((String) check("api-base").get("detail")).contains("double slash");
    assertThat((String) check("api-base").get("fix")).isEqualTo("use http://127.0.0.1:8080/v1");
  }

  @Test
  void port8000IsAWarningThatNames8080() throws IOException {
    repo.set("COMMIT_POLISH_API_BASE", "http://127.0.0.1:8000/v1");
    doctorJson();
    assertThat(check("api-base")).containsEntry("status", "warn");
    assertThat((String) check("api-base").get("fix")).contains("8080");
  }

  @Test
  void aRemoteBaseUrlWithoutAllowRemoteFailsBecauseNoDiffWouldBeSent() throws IOException {
    // 0.0.0.0 is not loopback by the engine's rule, yet connecting to it never leaves this machine.
    repo.set("COMMIT_POLISH_API_BASE", "http://0.0.0.0:" + freePort() + "/v1");
    assertThat(doctorJson()).isEqualTo(1);
    assertThat(check("api-base")).containsEntry("status", "fail");
    assertThat((String) check("api-base").get("fix")).contains("allow_remote");
  }

  @Test
  void flagsOverrideTheConfiguredBaseUrl() throws IOException {
    repo.set("COMMIT_POLISH_API_BASE", "http://127.0.0.1:8080//v1");
    try (StandInServer s = StandInServer.builder().profile(Profile.LLAMACPP).start()) {
      doctorJson("--api-base", s.baseUrl());
      assertThat(check("api-base")).containsEntry("status", "pass");
      assertThat(check("server")).containsEntry("status", "pass");
    }
  }

  @Test
  void hookNotInstalledFailsWithTheInstallCommand() throws IOException {
    doctorJson();
    assertThat(check("hook"))
        .containsEntry("ok", false)
        .containsEntry("fix", "commit-polish install");
    assertThat(check("hook-manager")).containsEntry("status", "pass");
  }

  @Test
  void installedHookIsFoundThroughCoreHooksPath() throws IOException {
    repo.git("config", "core.hooksPath", "my-hooks");
    Path hook = repo.dir().resolve("my-hooks/prepare-commit-msg");
    Files.createDirectories(hook.getParent());
    Files.writeString(hook, "#!/bin/sh\n" + HookScripts.MARKER + "prepare-commit-msg v1\n");
    Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
    doctorJson();
    assertThat(check("hook")).containsEntry("ok", true);
    assertThat((String) check("hook").get("detail")).contains("my-hooks/prepare-commit-msg");
  }

  @Test
  void nonExecutableHookFailsWithChmod() throws IOException {
    installHook();
    Files.setPosixFilePermissions(
        repo.dir().resolve(".git/hooks/prepare-commit-msg"),
        PosixFilePermissions.fromString("rw-r--r--"));
    doctorJson();
    assertThat((String) check("hook").get("fix")).startsWith("chmod +x");
  }

  @Test
  void huskyOwningTheHooksDirIsNamedWithItsRecipe() throws IOException {
    repo.git("config", "core.hooksPath", ".husky/_");
    Files.createDirectories(repo.dir().resolve(".husky/_"));
    doctorJson();
    assertThat(check("hook-manager")).containsEntry("status", "warn");
    assertThat((String) check("hook-manager").get("detail")).contains("husky");
    assertThat((String) check("hook-manager").get("fix")).contains(".husky/prepare-commit-msg");
  }

  @Test
  void huskyWithCommitPolishWiredCountsAsInstalled() throws IOException {
    repo.git("config", "core.hooksPath", ".husky/_");
    repo.write(".husky/prepare-commit-msg", "commit-polish hook \"$@\"\n");
    doctorJson();
    assertThat(check("hook")).containsEntry("ok", true);
    assertThat((String) check("hook").get("detail")).contains("husky");
    assertThat(check("hook-manager")).containsEntry("status", "pass");
  }

  /**
   * doctor names a manager as owning the hooks directory exactly when install refuses to write
   * there: husky 4's hooks in .git/hooks (no core.hooksPath, no .husky directory) used to pass
   * doctor as "no manager" while install refused, and a hooksPath merely containing ".husky" the
   * other way round.
   */
  @Test
  void doctorAndInstallAgreeOnWhoOwnsTheHooksDir() throws IOException {
    record Layout(String name, String hooksPath, String hookFile, String text, String owner) {}
    List<Layout> layouts =
        List.of(
            new Layout(
                "husky 4", null, "pre-commit", "#!/bin/sh\n# husky\n. husky.sh\n", "husky 4"),
            new Layout("husky 9", ".husky/_", null, null, "husky"),
            new Layout(
                "lefthook", null, "pre-commit", "#!/bin/sh\nlefthook run pre-commit\n", "lefthook"),
            new Layout("hooks.husky-old", "hooks.husky-old", null, null, null),
            new Layout("plain", null, "pre-commit", "#!/bin/sh\nmake lint\n", null));
    Path launcher = Files.writeString(tmp.resolve("commit-polish"), "#!/bin/sh\nexit 0\n");
    launcher.toFile().setExecutable(true);
    for (Layout l : layouts) {
      repo = TempRepo.init(tmp.resolve(l.name().replace(' ', '-')));
      if (l.hooksPath() != null) {
        repo.git("config", "core.hooksPath", l.hooksPath());
        Files.createDirectories(repo.dir().resolve(l.hooksPath()));
      }
      if (l.hookFile() != null) {
        Path hook = repo.dir().resolve(".git/hooks").resolve(l.hookFile());
        Files.writeString(hook, l.text());
        hook.toFile().setExecutable(true);
      }
      doctorJson();
      CliRun install = CliRun.of(repo.env(), "install", "--launcher", launcher.toString());
      if (l.owner() == null) {
        assertThat(install.code()).as(l.name() + ": " + install.err()).isZero();
        assertThat(check("hook-manager")).as(l.name()).containsEntry("status", "pass");
      } else {
        assertThat(install.code()).as(l.name()).isNotZero();
        assertThat(install.err()).as(l.name()).contains("managed by " + l.owner());
        assertThat(check("hook-manager")).as(l.name()).containsEntry("status", "warn");
        assertThat((String) check("hook-manager").get("detail"))
            .as(l.name())
            .startsWith(l.owner() + " owns ");
      }
    }
  }

  /** With our own global hooks directory, install writes into .git/hooks: doctor looks there. */
  @Test
  void underOurGlobalHooksDirTheRepositorysOwnHooksAreWhatAManagerOwns() throws IOException {
    Path launcher = Files.writeString(tmp.resolve("commit-polish"), "#!/bin/sh\nexit 0\n");
    launcher.toFile().setExecutable(true);
    CliRun global = CliRun.of(repo.env(), "install", "--global", "--launcher", launcher.toString());
    assertThat(global.code()).as(global.err()).isZero();
    Path hook = repo.dir().resolve(".git/hooks/pre-commit");
    Files.writeString(hook, "#!/bin/sh\n# husky\n. \"$(dirname \"$0\")/husky.sh\"\n");
    hook.toFile().setExecutable(true);
    doctorJson();
    CliRun install = CliRun.of(repo.env(), "install", "--launcher", launcher.toString());
    assertThat(install.err()).contains("managed by husky 4");
    assertThat(check("hook-manager")).containsEntry("status", "warn");
    assertThat((String) check("hook-manager").get("detail")).startsWith("husky 4 owns ");
    assertThat((String) check("hook-manager").get("fix")).contains("package.json");
  }

  @Test
  void preCommitFrameworkHooksAreRecognised() throws IOException {
    repo.write(".pre-commit-config.yaml", "repos: []\n");
    Path hook = repo.dir().resolve(".git/hooks/pre-commit");
    Files.writeString(
        hook,
        "#!/usr/bin/env bash\n# File generated by pre-commit: https://pre-commit.com\n"
            + "# ID: 138fd403232d2ddd5efb44317e38bf03\n");
    doctorJson();
    assertThat((String) check("hook-manager").get("detail")).contains("pre-commit");
    assertThat((String) check("hook-manager").get("fix")).contains("prepare-commit-msg");
  }

  @Test
  void outsideARepositoryTheHookChecksAreSkippedNotFailed() throws IOException {
    repo = TempRepo.outside(tmp.resolve("plain"));
    doctorJson();
    assertThat(check("hook")).containsEntry("status", "skip");
    assertThat(check("git")).containsEntry("ok", true);
  }

  @Test
  void textOutputHasOneMarkedLinePerCheckAndFixLinesButNoEscapesWhenNotATerminal() {
    repo.set("COMMIT_POLISH_API_BASE", "http://127.0.0.1:8080//v1").set("LANG", "C");
    assertThat(doctor()).isEqualTo(1);
    assertThat(out).doesNotContain("\u001b");
    assertThat(out.lines().filter(l -> l.matches("^(ok|!!|XX|--) .*")).count()).isEqualTo(11);
    assertThat(out).contains("fix: use http://127.0.0.1:8080/v1");
    assertThat(err).isEmpty();
  }

  @Test
  void theWorkerCheckNeedsTheLauncherAndHonoursTheSwitch() throws IOException {
    doctorJson();
    // in-process (no launcher, so no build fingerprint): nothing to check, and not a problem
    assertThat(check("worker")).containsEntry("status", "skip");
    assertThat((String) check("worker").get("detail")).contains("launcher");
    repo.set("COMMIT_POLISH_DAEMON", "0");
    doctorJson();
    assertThat((String) check("worker").get("detail")).contains("COMMIT_POLISH_DAEMON=0");
  }

  @Test
  void quietShowsOnlyProblems() {
    repo.set("COMMIT_POLISH_API_BASE", "http://127.0.0.1:8080//v1").set("LANG", "C");
    doctor("--quiet");
    assertThat(out).doesNotContain("ok git");
    assertThat(out).contains("XX api-base");
  }

  @Test
  void verboseListsWhatWasLookedAtOnStderr() {
    repo.set("COMMIT_POLISH_API_BASE", "http://127.0.0.1:8080//v1");
    doctor("--verbose");
    assertThat(err).contains("doctor: work tree: ").contains("config file (user): ");
    assertThat(err).contains("config.toml (not present)");
    assertThat(out).doesNotContain("doctor:");
  }

  @Test
  void jsonHasEveryCheckWithNameOkDetailAndFix() throws IOException {
    doctorJson();
    assertThat(doctorJsonCache).containsKeys("ok", "checks");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> checks = (List<Map<String, Object>>) doctorJsonCache.get("checks");
    assertThat(checks)
        .extracting(m -> m.get("name"))
        .containsExactly(
            "config",
            "model",
            "api-base",
            "server",
            "model-listed",
            "context",
            "probe",
            "git",
            "hook",
            "hook-manager",
            "worker");
    assertThat(checks).allSatisfy(m -> assertThat(m).containsKeys("name", "ok", "detail", "fix"));
  }
}
