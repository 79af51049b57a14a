package dev.commitpolish.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.commitpolish.cli.CliRun;
import dev.commitpolish.cli.Env;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCommandTest {

  @TempDir Path tmp;
  Path home;
  Path repo;
  Map<String, String> vars;
  String out;
  String err;

  @BeforeEach
  void setUp() throws IOException, InterruptedException {
    home = Files.createDirectories(tmp.resolve("home"));
    repo = Files.createDirectories(tmp.resolve("repo"));
    vars = new HashMap<>();
    vars.put("HOME", home.toString());
    vars.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    vars.put("GIT_CONFIG_NOSYSTEM", "1");
    Process p =
        new ProcessBuilder("git", "init", "-q", repo.toString()).redirectErrorStream(true).start();
    assertThat(p.waitFor()).isZero();
  }

  int run(String... args) {
    return runIn(repo, args);
  }

  int runIn(Path cwd, String... args) {
    CliRun r = CliRun.of(new Env(vars, cwd), args);
    out = r.out();
    err = r.err();
    return r.code();
  }

  Path userFile() {
    return home.resolve(".config/commit-polish/config.toml");
  }

  @Test
  void initWritesAValidCommentedFileThatChangesNothing() throws IOException {
    assertThat(run("config", "init")).isZero();
    assertThat(out.strip()).isEqualTo(userFile().toString());
    String text = Files.readString(userFile());
    assertThat(text)
        .contains("[ai]\n")
        .contains("# model = \"llamafile/gemma-3-3b\"")
        .contains("# temperature = 0.3")
        .contains("# max_tokens = 200")
        .contains("# validator_command = []")
        .contains("[diff]");
    LoadedConfig lc = ConfigLoader.load(new Env(vars, repo), Optional.of(repo), Map.of());
    assertThat(lc.config()).isEqualTo(Config.defaults());
    assertThat(lc.warnings()).isEmpty();
  }

  @Test
  void initRefusesToOverwriteWithoutForce() throws IOException {
    Files.createDirectories(userFile().getParent());
    Files.writeString(userFile(), "[ai]\nmax_tokens = 5\n");
    assertThat(run("config", "init")).isEqualTo(1);
    assertThat(err).contains("already exists; use --force");
    assertThat(Files.readString(userFile())).isEqualTo("[ai]\nmax_tokens = 5\n");
    assertThat(run("config", "init", "--force")).isZero();
    assertThat(Files.readString(userFile())).contains("# max_tokens = 200");
  }

  /** The user file is where an api_key goes: nobody else may read it, new or overwritten. */
  @Test
  void initWritesTheUserFileOwnerOnlyAndTheRepoFileReadable() throws IOException {
    assertThat(run("config", "init")).isZero();
    assertThat(mode(userFile())).isEqualTo("rw-------");
    java.nio.file.Files.setPosixFilePermissions(
        userFile(), java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    assertThat(run("config", "init", "--force")).isZero();
    assertThat(mode(userFile())).isEqualTo("rw-------");
    assertThat(runIn(repo, "config", "init", "--repo")).isZero();
    assertThat(mode(repo.resolve(".commit-polish.toml"))).isEqualTo("rw-r--r--");
  }

  private static String mode(Path p) throws IOException {
    return java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  @Test
  void initRepoWritesTheRepoFileWithoutUserOnlyKeys() throws IOException {
    assertThat(runIn(Files.createDirectories(repo.resolve("sub")), "config", "init", "--repo"))
        .isZero();
    String text = Files.readString(repo.resolve(".commit-polish.toml"));
    assertThat(text)
        .contains("# model = ")
        .doesNotContain("api_key =")
        .doesNotContain("allow_remote =");
    // The template is valid TOML as a repo file: no warnings.
    LoadedConfig lc = ConfigLoader.load(new Env(vars, repo), Optional.of(repo), Map.of());
    assertThat(lc.warnings()).isEmpty();
  }

  @Test
  void showPrintsEveryKeyWithItsOriginAndRedactsSecrets() throws IOException {
    Files.createDirectories(userFile().getParent());
    Files.writeString(userFile(), "[ai]\nmax_tokens = 99\napi_key = \"sk-secret-value\"\n");
    Files.setPosixFilePermissions(userFile(), PosixFilePermissions.fromString("rw-------"));
    vars.put("COMMIT_POLISH_MODEL", "ollama/qwen3");
    assertThat(run("config", "show")).isZero();
    assertThat(out)
        .containsPattern("ai\\.model = \"ollama/qwen3\" +# env COMMIT_POLISH_MODEL\n")
        .containsPattern("ai\\.max_tokens = 99 +# ~/.config/commit-polish/config.toml:2\n")
        .containsPattern("ai\\.api_key = \\*\\*\\*\\* +# ~/.config/commit-polish/config.toml:3\n")
        .containsPattern("ai\\.api_base = <unset> +# default\n")
        .contains("diff.default_context_tokens = 2048")
        .doesNotContain("sk-secret-value");
    assertThat(out.lines().count()).isEqualTo(ConfigKey.ALL.size());
  }

  @Test
  void showJsonIsOneObjectWithTypedValues() throws IOException {
    Files.createDirectories(userFile().getParent());
    Files.writeString(userFile(), "[ai]\napi_key = \"sk-secret-value\"\n");
    Files.setPosixFilePermissions(userFile(), PosixFilePermissions.fromString("rw-------"));
    assertThat(run("config", "show", "--json")).isZero();
    assertThat(out.strip())
        .startsWith("{\"keys\":[{\"key\":\"ai.model\",\"value\":\"llamafile/gemma-3-3b\",")
        .contains("{\"key\":\"ai.temperature\",\"value\":0.3,\"origin\":\"default\"")
        .contains("{\"key\":\"ai.max_tokens\",\"value\":200,")
        .contains(
            "{\"key\":\"llamafile.path\",\"value\":null,\"origin\":\"default\",\"set\":false,")
        .contains(
            "{\"key\":\"ai.api_key\",\"value\":\"****\",\"origin\":\"~/.config/commit-polish/"
                + "config.toml:2\",\"set\":true,\"secret\":true}")
        .contains("\"files\":[{\"path\":\"" + repo.toRealPath().resolve(".commit-polish.toml"))
        .endsWith("\"warnings\":[]}")
        .doesNotContain("sk-secret-value");
  }

  @Test
  void pathListsFilesInPrecedenceOrderWithExistence() throws IOException {
    Files.writeString(repo.resolve(".commit-polish.toml"), "");
    assertThat(run("config", "path")).isZero();
    assertThat(out.lines().toList())
        .containsExactly(
            "repo     exists  " + repo.toRealPath().resolve(".commit-polish.toml"),
            "user     missing " + userFile());
    vars.put("COMMIT_POLISH_CONFIG", tmp.resolve("x.toml").toString());
    assertThat(run("config", "path")).isZero();
    assertThat(out).contains("explicit missing " + tmp.resolve("x.toml")).doesNotContain("user ");
  }

  @Test
  void pathOutsideARepositoryListsOnlyTheUserFile() throws IOException {
    Path plain = Files.createDirectories(tmp.resolve("plain"));
    vars.put("GIT_CEILING_DIRECTORIES", tmp.toString());
    assertThat(runIn(plain, "config", "path")).isZero();
    assertThat(out.lines().toList()).containsExactly("user     missing " + userFile());
  }

  @Test
  void validateExitsOneAndListsEveryError() throws IOException {
    Files.writeString(
        repo.resolve(".commit-polish.toml"),
        "[ai]\ntemperature = 3\nmodle = \"x\"\n[validation]\nmax_retries = -1\n");
    assertThat(run("config", "validate")).isEqualTo(1);
    String file = repo.toRealPath().resolve(".commit-polish.toml").toString();
    assertThat(out)
        .contains(
            "error: "
                + file
                + ":2:1: ai.temperature: 3 is out of range; allowed: a number from 0 to 2")
        .contains("error: " + file + ":5:1: validation.max_retries: -1 is out of range")
        .contains(
            "warning: " + file + ":3:1: ai.modle: unknown key, ignored; did you mean ai.model?")
        .contains("configuration is invalid (2 errors)");
  }

  @Test
  void validateExitsZeroWhenValid() throws IOException {
    Files.writeString(repo.resolve(".commit-polish.toml"), "[ai]\ntemperature = 0.5\n");
    assertThat(run("config", "validate")).isZero();
    assertThat(out).contains("configuration is valid (1 file read, 0 warnings)");
  }

  @Test
  void showFailsClearlyOnAnInvalidConfig() throws IOException {
    Files.writeString(repo.resolve(".commit-polish.toml"), "[ai]\nmax_tokens = 0\n");
    assertThat(run("config", "show")).isEqualTo(1);
    assertThat(err).contains("ai.max_tokens: 0 is out of range");
  }

  @Test
  void everySubcommandHasHelpWithExamples() {
    for (String sub : new String[] {"init", "show", "path", "validate"}) {
      assertThat(run("config", sub, "--help")).isZero();
      assertThat(out).contains("Examples:");
    }
    assertThat(run("config")).isEqualTo(2);
    assertThat(err).contains("Usage: commit-polish config");
  }
}
