package dev.commitpolish.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.commitpolish.cli.Env;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  @TempDir Path tmp;
  Path home;
  Path repo;
  Map<String, String> vars;

  @BeforeEach
  void setUp() throws IOException {
    home = Files.createDirectories(tmp.resolve("home"));
    repo = Files.createDirectories(tmp.resolve("repo"));
    vars = new HashMap<>();
    vars.put("HOME", home.toString());
  }

  Env env() {
    return new Env(vars, repo);
  }

  Path userFile(String toml) throws IOException {
    Path f = home.resolve(".config/commit-polish/config.toml");
    Files.createDirectories(f.getParent());
    Files.writeString(f, toml);
    // Secrets in a group-readable file are warned about; keep test files private.
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
    return f;
  }

  Path repoFile(String toml) throws IOException {
    return Files.writeString(repo.resolve(".commit-polish.toml"), toml);
  }

  LoadedConfig load() {
    return ConfigLoader.load(env(), Optional.of(repo), Map.of());
  }

  @Test
  void noFilesGiveTheDocumentedDefaults() {
    LoadedConfig lc = load();
    Config c = lc.config();
    assertThat(c).isEqualTo(Config.defaults());
    assertThat(c.ai().model()).isEqualTo("llamafile/gemma-3-3b");
    assertThat(c.ai().temperature()).isEqualTo(0.3);
    assertThat(c.ai().maxTokens()).isEqualTo(200);
    assertThat(c.ai().apiBase()).isEmpty();
    assertThat(c.ai().allowRemote()).isFalse();
    assertThat(c.llamafile().port()).isEqualTo(8080);
    assertThat(c.llamafile().contextSize()).isEqualTo(4096);
    assertThat(c.validation().maxRetries()).isEqualTo(2);
    assertThat(c.validation().autoDetect()).isTrue();
    assertThat(c.hook().deadline()).isEqualTo(Duration.ofSeconds(20));
    assertThat(c.diff().defaultContextTokens()).isEqualTo(2048);
    assertThat(lc.origin("ai.model")).isEqualTo("default");
    assertThat(lc.warnings()).isEmpty();
  }

  @Test
  void seedKeysWorkAsWrittenWithFileAndLineOrigins() throws IOException {
    userFile(
        """
        # ~/.config/commit-polish/config.toml
        [ai]
        model = "llamafile/gemma-3-3b"  # MUST have llamafile/ prefix
        temperature = 0.3
        max_tokens = 200
        api_base = "http://localhost:8080/v1"

        [llamafile]
        path = "~/bin/llamafile"
        model_path = "models/gemma.gguf"
        api_base = "http://127.0.0.1:8081/v1"

        [validation]
        auto_detect = false
        max_retries = 3
        validator_command = ["commitlint", "--extends", "@commitlint/config-conventional"]
        system_prompt = "Write Conventional Commits."
        """);
    LoadedConfig lc = load();
    Config c = lc.config();
    assertThat(c.ai().model()).isEqualTo("llamafile/gemma-3-3b");
    assertThat(c.ai().temperature()).isEqualTo(0.3);
    assertThat(c.ai().maxTokens()).isEqualTo(200);
    assertThat(c.ai().apiBase()).contains("http://localhost:8080/v1");
    assertThat(c.llamafile().path()).contains(home.resolve("bin/llamafile"));
    // Relative paths in a file are relative to that file's directory.
    assertThat(c.llamafile().modelPath())
        .contains(home.resolve(".config/commit-polish/models/gemma.gguf"));
    assertThat(c.llamafile().apiBase()).contains("http://127.0.0.1:8081/v1");
    assertThat(c.validation().autoDetect()).isFalse();
    assertThat(c.validation().maxRetries()).isEqualTo(3);
    assertThat(c.validation().validatorCommand())
        .containsExactly("commitlint", "--extends", "@commitlint/config-conventional");
    assertThat(c.validation().systemPrompt()).contains("Write Conventional Commits.");
    assertThat(lc.origin("ai.model")).isEqualTo("~/.config/commit-polish/config.toml:3");
    assertThat(lc.origin("ai.max_tokens")).isEqualTo("~/.config/commit-polish/config.toml:5");
    assertThat(lc.origin("validation.max_retries"))
        .isEqualTo("~/.config/commit-polish/config.toml:15");
    assertThat(lc.warnings()).isEmpty();
  }

  @Test
  void precedenceIsFlagsThenEnvThenRepoThenUserThenDefaults() throws IOException {
    userFile("[ai]\nmodel = \"llamafile/user\"\ntemperature = 0.1\nmax_tokens = 100\n");
    repoFile("[ai]\nmodel = \"llamafile/repo\"\ntemperature = 0.2\n");
    vars.put("COMMIT_POLISH_MODEL", "llamafile/env");

    LoadedConfig noFlag = load();
    assertThat(noFlag.config().ai().model()).isEqualTo("llamafile/env");
    assertThat(noFlag.origin("ai.model")).isEqualTo("env COMMIT_POLISH_MODEL");
    assertThat(noFlag.config().ai().temperature()).isEqualTo(0.2);
    assertThat(noFlag.origin("ai.temperature"))
        .isEqualTo(repo.resolve(".commit-polish.toml") + ":3");
    assertThat(noFlag.config().ai().maxTokens()).isEqualTo(100);
    assertThat(noFlag.origin("ai.max_tokens")).isEqualTo("~/.config/commit-polish/config.toml:4");
    assertThat(noFlag.origin("ai.allow_remote")).isEqualTo("default");

    LoadedConfig flagged =
        ConfigLoader.load(env(), Optional.of(repo), Map.of("ai.model", "ollama/flag"));
    assertThat(flagged.config().ai().model()).isEqualTo("ollama/flag");
    assertThat(flagged.origin("ai.model")).isEqualTo("flag --model");
  }

  @Test
  void xdgConfigHomeIsUsedWhenAbsoluteAndIgnoredWhenRelative() throws IOException {
    Path xdg = Files.createDirectories(tmp.resolve("xdg/commit-polish"));
    Files.writeString(xdg.resolve("config.toml"), "[ai]\nmax_tokens = 77\n");
    vars.put("XDG_CONFIG_HOME", tmp.resolve("xdg").toString());
    assertThat(load().config().ai().maxTokens()).isEqualTo(77);

    vars.put("XDG_CONFIG_HOME", "relative/xdg");
    assertThat(ConfigLoader.userFile(env()))
        .contains(home.resolve(".config/commit-polish/config.toml"));
  }

  @Test
  void commitPolishConfigReplacesTheUserFileButNotTheRepoFile() throws IOException {
    userFile("[ai]\nmax_tokens = 100\ntemperature = 1.0\n");
    repoFile("[ai]\ntemperature = 0.5\n");
    Path explicit = Files.writeString(tmp.resolve("explicit.toml"), "[ai]\ntemperature = 1.5\n");
    vars.put("COMMIT_POLISH_CONFIG", explicit.toString());
    LoadedConfig lc = load();
    assertThat(lc.config().ai().maxTokens()).isEqualTo(200); // user file not read
    assertThat(lc.config().ai().temperature()).isEqualTo(0.5); // repo still wins
    assertThat(lc.files())
        .extracting(ConfigFile::scope)
        .containsExactly(ConfigFile.Scope.REPO, ConfigFile.Scope.EXPLICIT);
  }

  @Test
  void aMissingExplicitConfigFileIsAnError() {
    vars.put("COMMIT_POLISH_CONFIG", tmp.resolve("nope.toml").toString());
    assertThatThrownBy(this::load)
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("env COMMIT_POLISH_CONFIG")
        .hasMessageContaining("nope.toml does not exist");
  }

  @Test
  void apiBaseResolvesFlagThenEnvThenFileThenLlamafileEnvThenLlamafileFile() throws IOException {
    userFile("[llamafile]\napi_base = \"http://127.0.0.1:1111/v1\"\n");
    assertThat(load().config().ai().apiBase()).contains("http://127.0.0.1:1111/v1");
    assertThat(load().origin("ai.api_base"))
        .isEqualTo("~/.config/commit-polish/config.toml:2 (via llamafile.api_base)");

    vars.put("LLAMAFILE_API_BASE", "http://127.0.0.1:2222/v1");
    assertThat(load().config().ai().apiBase()).contains("http://127.0.0.1:2222/v1");
    assertThat(load().origin("ai.api_base"))
        .isEqualTo("env LLAMAFILE_API_BASE (via llamafile.api_base)");

    userFile(
        "[ai]\napi_base = \"http://127.0.0.1:3333/v1\"\n"
            + "[llamafile]\napi_base = \"http://127.0.0.1:1111/v1\"\n");
    assertThat(load().config().ai().apiBase()).contains("http://127.0.0.1:3333/v1");

    vars.put("COMMIT_POLISH_API_BASE", "http://127.0.0.1:4444/v1");
    assertThat(load().config().ai().apiBase()).contains("http://127.0.0.1:4444/v1");

    LoadedConfig flagged =
        ConfigLoader.load(
            env(), Optional.of(repo), Map.of("ai.api_base", "http://127.0.0.1:5555/v1"));
    assertThat(flagged.config().ai().apiBase()).contains("http://127.0.0.1:5555/v1");
    assertThat(flagged.origin("ai.api_base")).isEqualTo("flag --api-base");
  }

  @Test
  void llamafileApiBaseDoesNotApplyToOtherProviders() {
    vars.put("LLAMAFILE_API_BASE", "http://127.0.0.1:2222/v1");
    vars.put("COMMIT_POLISH_MODEL", "ollama/qwen3");
    Config c = load().config();
    assertThat(c.ai().apiBase()).isEmpty();
    assertThat(c.llamafile().apiBase()).contains("http://127.0.0.1:2222/v1");
  }

  @Test
  void aRepoFileCannotSetSecretsRemoteAccessOrRemoteEndpoints() throws IOException {
    userFile("[ai]\napi_key = \"sk-user\"\n");
    repoFile(
        """
        [ai]
        api_key = "sk-stolen"
        allow_remote = true
        api_base = "https://evil.example.com/v1"
        [llamafile]
        path = "/tmp/evil"
        api_base = "http://attacker.example:8080/v1"
        """);
    LoadedConfig lc = load();
    Config c = lc.config();
    assertThat(c.ai().apiKey()).contains("sk-user");
    assertThat(c.ai().allowRemote()).isFalse();
    assertThat(c.ai().apiBase()).isEmpty();
    assertThat(c.llamafile().path()).isEmpty();
    assertThat(c.llamafile().apiBase()).isEmpty();
    assertThat(lc.warningProblems())
        .extracting(ConfigProblem::key)
        .containsExactlyInAnyOrder(
            "ai.api_key", "ai.allow_remote", "ai.api_base", "llamafile.path", "llamafile.api_base");
    assertThat(lc.warnings()).allSatisfy(w -> assertThat(w).doesNotContain("sk-stolen"));
    assertThat(String.join("\n", lc.warnings()))
        .contains(
            ".commit-polish.toml:4:1: ai.api_base: a repository file may only point to"
                + " loopback servers");
  }

  @Test
  void aRepoFileMayOnlyChooseSelfHostedProviders() throws IOException {
    repoFile("[ai]\nmodel = \"openai/gpt-4o\"\n");
    LoadedConfig lc = load();
    assertThat(lc.config().ai().model()).isEqualTo("llamafile/gemma-3-3b");
    assertThat(lc.warnings())
        .singleElement()
        .asString()
        .contains(":2:1: ai.model: a repository file may only choose a self-hosted provider");
    repoFile("[ai]\nmodel = \"ollama/qwen3\"\n");
    assertThat(load().config().ai().model()).isEqualTo("ollama/qwen3");
    // openai/ against a local llama.cpp server is fine when the same file pins a loopback base.
    repoFile("[ai]\nmodel = \"openai/local\"\napi_base = \"http://127.0.0.1:8080/v1\"\n");
    LoadedConfig pinned = load();
    assertThat(pinned.config().ai().model()).isEqualTo("openai/local");
    assertThat(pinned.warnings()).isEmpty();
  }

  @Test
  void aRepoFileMayPointToALoopbackServer() throws IOException {
    repoFile("[ai]\napi_base = \"http://127.0.0.1:9090/v1\"\nmodel = \"llamafile/team\"\n");
    Config c = load().config();
    assertThat(c.ai().apiBase()).contains("http://127.0.0.1:9090/v1");
    assertThat(c.ai().model()).isEqualTo("llamafile/team");
  }

  @Test
  void aRepoValidatorCommandRunsOnlyWhenTheUserTrustsRepoValidators() throws IOException {
    repoFile("[validation]\nvalidator_command = [\"npx\", \"commitlint\"]\n");
    LoadedConfig untrusted = load();
    assertThat(untrusted.config().validation().validatorCommand()).isEmpty();
    assertThat(untrusted.warnings()).anyMatch(w -> w.contains("trust_repo_validator"));

    userFile("[validation]\ntrust_repo_validator = true\n");
    assertThat(load().config().validation().validatorCommand())
        .containsExactly("npx", "commitlint");
  }

  @Test
  void outOfRangeValuesNameFileLineKeyAndAllowedValues() throws IOException {
    userFile("[ai]\nmodel = \"llamafile/x\"\ntemperature = 5\nmax_tokens = 0\n");
    assertThatThrownBy(this::load)
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> {
              assertThat(e.errors()).hasSize(2);
              assertThat(e.errors().get(0))
                  .hasToString(
                      "~/.config/commit-polish/config.toml:3:1: ai.temperature: 5 is out of range;"
                          + " allowed: a number from 0 to 2");
              assertThat(e.errors().get(1).toString())
                  .contains(":4:1: ai.max_tokens: 0 is out of range")
                  .contains("an integer from 1 to 32768");
            });
  }

  @Test
  void wrongTypesAreErrors() throws IOException {
    userFile("[ai]\nmax_tokens = \"200\"\n[hook]\nenabled = \"yes\"\n[diff]\nexclude = [1]\n");
    assertThatThrownBy(this::load)
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.errors())
                    .extracting(ConfigProblem::toString)
                    .containsExactly(
                        "~/.config/commit-polish/config.toml:2:1: ai.max_tokens: expected an"
                            + " integer from 1 to 32768, got the string \"200\"",
                        "~/.config/commit-polish/config.toml:4:1: hook.enabled: expected true or"
                            + " false, got the string \"yes\"",
                        "~/.config/commit-polish/config.toml:6:1: diff.exclude: element 1 is the"
                            + " integer 1, expected a string; allowed: an array of strings, e.g."
                            + " [\"*.lock\", \"dist/**\"]"));
  }

  @Test
  void aModelWithoutAKnownProviderPrefixIsAnError() throws IOException {
    userFile("[ai]\nmodel = \"gemma-3-3b\"\n");
    assertThatThrownBy(this::load)
        .hasMessageContaining("config.toml:2:1: ai.model:")
        .hasMessageContaining("has no provider prefix")
        .hasMessageContaining("llamafile");
    userFile("[ai]\nmodel = \"llamafyle/gemma\"\n");
    assertThatThrownBy(this::load).hasMessageContaining("unknown provider \"llamafyle\"");
  }

  @Test
  void syntaxErrorsCarryTheirLine() throws IOException {
    userFile("[ai]\nmodel = \"llamafile/x\"\ntemperature = = 1\n");
    assertThatThrownBy(this::load)
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> {
              assertThat(e.errors().get(0).line()).isEqualTo(3);
              assertThat(e.errors().get(0).message()).startsWith("TOML syntax error: ");
            });
  }

  @Test
  void anIntegerTooBigForTomlIsASyntaxErrorNotAWrappedNumber() throws IOException {
    userFile("[ai]\nmodel = \"llamafile/x\"\nmax_tokens = 9223372036854775808\n");
    assertThatThrownBy(this::load)
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> {
              assertThat(e.errors().get(0).line()).isEqualTo(3);
              assertThat(e.errors().get(0).message())
                  .startsWith("TOML syntax error: ")
                  .doesNotContain("-9223372036854775808");
            });
  }

  @Test
  void unknownKeysAndSectionsWarnWithDidYouMean() throws IOException {
    userFile("model = \"llamafile/x\"\n[ai]\nmodle = \"llamafile/x\"\n[hok]\nstrict = true\n");
    LoadedConfig lc = load();
    assertThat(lc.warnings())
        .containsExactly(
            "~/.config/commit-polish/config.toml:4:1: hok: unknown section [hok], ignored; did"
                + " you mean [hook]?",
            "~/.config/commit-polish/config.toml:1:1: model: unknown key, ignored; did you mean"
                + " ai.model?",
            "~/.config/commit-polish/config.toml:3:1: ai.modle: unknown key, ignored; did you"
                + " mean ai.model?");
    assertThat(lc.config()).isEqualTo(Config.defaults());
  }

  @Test
  void multiLineStringsDottedKeysAndInlineTablesLoadWithLines() throws IOException {
    String tq = "\"\"\"";
    userFile(
        "ai.model = \"ollama/qwen3\"\n"
            + "[validation]\n"
            + "system_prompt = "
            + tq
            + "\nLine one.\nLine two."
            + tq
            + "\n[diff]\nexclude = [\"*.snap\"]\noops = {a = 1}\n");
    LoadedConfig lc = load();
    assertThat(lc.config().ai().model()).isEqualTo("ollama/qwen3");
    assertThat(lc.origin("ai.model")).isEqualTo("~/.config/commit-polish/config.toml:1");
    assertThat(lc.config().validation().systemPrompt()).contains("Line one.\nLine two.");
    assertThat(lc.config().diff().exclude()).containsExactly("*.snap");
    assertThat(lc.warnings())
        .containsExactly(
            "~/.config/commit-polish/config.toml:8:9: diff.oops.a: unknown key, ignored");
  }

  @Test
  void aValidatorCommandStringIsAnErrorThatShowsTheArrayToWrite() throws IOException {
    userFile("[validation]\nvalidator_command = \"npx  commitlint --verbose\"\n");
    assertThatThrownBy(this::load)
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.errors())
                    .singleElement()
                    .hasToString(
                        "~/.config/commit-polish/config.toml:2:1: validation.validator_command: is"
                            + " a string, but a command must be an array of its words (it runs"
                            + " without a shell); write it as an array: validator_command ="
                            + " [\"npx\", \"commitlint\", \"--verbose\"]"));

    // With quotes the words are not obvious: show a generic example instead of guessing.
    userFile("[validation]\nvalidator_command = 'my-lint --rule \"a b\"'\n");
    assertThatThrownBy(this::load)
        .hasMessageContaining(
            "write it as an array: validator_command = [\"npx\", \"commitlint\"]");
  }

  @Test
  void otherKeysFromTheContractLoad() throws IOException {
    userFile(
        """
        [ai]
        api_key = "sk-secret"
        allow_remote = true
        timeout_seconds = 2.5
        [llamafile]
        port = 9000
        context_size = 8192
        threads = 6
        [hook]
        enabled = false
        strict = true
        deadline_seconds = 45
        polish_amend = true
        [diff]
        exclude = ["*.snap", "fixtures/**"]
        default_context_tokens = 4096
        """);
    Config c = load().config();
    assertThat(c.ai().apiKey()).contains("sk-secret");
    assertThat(c.ai().allowRemote()).isTrue();
    assertThat(c.ai().requestTimeout()).isEqualTo(Duration.ofMillis(2500));
    assertThat(c.llamafile().port()).isEqualTo(9000);
    assertThat(c.llamafile().contextSize()).isEqualTo(8192);
    assertThat(c.llamafile().threads()).isEqualTo(OptionalInt.of(6));
    assertThat(c.hook()).isEqualTo(new Config.Hook(false, true, Duration.ofSeconds(45), true));
    assertThat(c.diff().exclude()).containsExactly("*.snap", "fixtures/**");
    assertThat(c.diff().defaultContextTokens()).isEqualTo(4096);
  }

  @Test
  void secretsNeverAppearInToStringOrEntries() throws IOException {
    userFile("[ai]\napi_key = \"sk-very-secret\"\n");
    LoadedConfig lc = load();
    assertThat(lc.config().toString()).doesNotContain("sk-very-secret").contains("apiKey=****");
    LoadedConfig.Entry e = lc.entry("ai.api_key").orElseThrow();
    assertThat(e.value()).isEqualTo("****");
    assertThat(e.raw()).isNull();
  }

  @Test
  void aSecretInAFileOthersCanReadIsWarnedAbout() throws IOException {
    Path f = userFile("[ai]\napi_key = \"sk-x\"\n");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
    assertThat(load().warnings()).anyMatch(w -> w.contains("chmod 600"));
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
    assertThat(load().warnings()).isEmpty();
  }

  @Test
  void aRemoteApiBaseWithoutAllowRemoteIsWarned() {
    vars.put("COMMIT_POLISH_API_BASE", "https://api.example.com/v1");
    vars.put("COMMIT_POLISH_MODEL", "openai/gpt-x");
    LoadedConfig lc = load();
    assertThat(lc.config().ai().apiBase()).contains("https://api.example.com/v1");
    assertThat(lc.warnings())
        .singleElement()
        .asString()
        .startsWith(
            "env COMMIT_POLISH_API_BASE: ai.api_base: https://api.example.com/v1 is not a"
                + " loopback address");
  }

  @Test
  void badEnvironmentValuesNameTheVariable() {
    vars.put("COMMIT_POLISH_API_BASE", "localhost:8080");
    assertThatThrownBy(this::load)
        .hasMessageStartingWith("invalid configuration: env COMMIT_POLISH_API_BASE: ai.api_base:")
        .hasMessageContaining("does not start with http:// or https://");
  }

  @Test
  void flagOverridesWithUnknownKeysAreProgrammingErrors() {
    assertThatThrownBy(() -> ConfigLoader.load(env(), Optional.empty(), Map.of("ai.nope", "1")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void everyKeyHasAnEntryInDocumentationOrder() {
    List<String> keys = load().entries().stream().map(LoadedConfig.Entry::key).toList();
    assertThat(keys).startsWith("ai.model", "ai.temperature", "ai.max_tokens", "ai.api_base");
    assertThat(keys).contains("validation.validator_command", "diff.default_context_tokens");
  }
}
