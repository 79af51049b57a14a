package dev.commitpolish.conventional;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Convention discovery with real config files of every supported form. */
class ConventionDiscoveryTest {

  @TempDir Path home;

  private Path repo() throws Exception {
    Path r = home.resolve("work/repo");
    Files.createDirectories(r);
    return r;
  }

  private Map<String, String> env() {
    return Map.of("HOME", home.toString(), "PATH", "/nonexistent-bin");
  }

  private static final String CUSTOM_JSON =
      """
      {
        "extends": ["@commitlint/config-conventional"],
        "rules": {
          "type-enum": [2, "always", ["feat", "fix", "hotfix"]],
          "header-max-length": [2, "always", 50]
        }
      }
      """;

  private static final String CUSTOM_YAML =
      """
      extends:
        - "@commitlint/config-conventional"
      rules:
        type-enum: [2, always, [feat, fix, hotfix]]
        header-max-length: [2, always, 50]
      """;

  private void assertCustom(ConventionDiscovery.Result r, Path file) {
    assertThat(r.source()).isEqualTo(file.toString());
    assertThat(r.warnings()).isEmpty();
    assertThat(r.config().allowedTypes()).containsExactly("feat", "fix", "hotfix");
    assertThat(r.config().headerMaxLength()).hasValue(50);
    Linter l = new Linter(r.config());
    assertThat(l.lint("hotfix: patch it", LintOptions.stdin()).valid()).isTrue();
    assertThat(l.lint("chore: tidy", LintOptions.stdin()).errors())
        .extracting(Problem::name)
        .containsExactly("type-enum");
    assertThat(l.lint("fix: " + "x".repeat(46), LintOptions.stdin()).errors())
        .extracting(Problem::name)
        .containsExactly("header-max-length");
    // Inherited config-conventional rules still apply.
    assertThat(l.lint("fix: Capitalised", LintOptions.stdin()).errors())
        .extracting(Problem::name)
        .containsExactly("subject-case");
  }

  @Test
  void jsonRcFilesWithAndWithoutExtension() throws Exception {
    for (String name : List.of(".commitlintrc", ".commitlintrc.json")) {
      Path repo = repo();
      Path f = repo.resolve(name);
      Files.writeString(f, CUSTOM_JSON);
      assertCustom(ConventionDiscovery.discover(repo, env()), f);
      Files.delete(f);
    }
  }

  @Test
  void yamlRcFiles() throws Exception {
    for (String name : List.of(".commitlintrc.yaml", ".commitlintrc.yml", ".commitlintrc")) {
      Path repo = repo();
      Path f = repo.resolve(name);
      Files.writeString(f, CUSTOM_YAML);
      assertCustom(ConventionDiscovery.discover(repo, env()), f);
      Files.delete(f);
    }
  }

  @Test
  void packageJsonCommitlintKeyWinsOverRcFiles() throws Exception {
    Path repo = repo();
    Path pkg = repo.resolve("package.json");
    Files.writeString(
        pkg, "{\"name\":\"x\",\"version\":\"1.0.0\",\"commitlint\":" + CUSTOM_JSON + "}");
    Files.writeString(repo.resolve(".commitlintrc.json"), "{\"rules\":{}}");
    assertCustom(ConventionDiscovery.discover(repo, env()), pkg);
  }

  @Test
  void packageJsonWithoutCommitlintKeyIsSkipped() throws Exception {
    Path repo = repo();
    Files.writeString(repo.resolve("package.json"), "{\"name\":\"x\"}");
    Path f = repo.resolve(".commitlintrc.yml");
    Files.writeString(f, CUSTOM_YAML);
    assertCustom(ConventionDiscovery.discover(repo, env()), f);
  }

  @Test
  void configInAParentDirectoryIsFoundLikeCosmiconfig() throws Exception {
    Path repo = repo();
    Path f = repo.getParent().resolve(".commitlintrc.json");
    Files.writeString(f, CUSTOM_JSON);
    assertCustom(ConventionDiscovery.discover(repo, env()), f);
  }

  @Test
  void severityApplicabilityAndDisablingOverrides() throws Exception {
    Path repo = repo();
    Files.writeString(
        repo.resolve(".commitlintrc.json"),
        """
        {"extends": "@commitlint/config-conventional",
         "rules": {
           "subject-case": [0],
           "body-leading-blank": [2, "always"],
           "scope-enum": [2, "always", ["api", "cli"]],
           "scope-empty": [2, "never"],
           "subject-full-stop": [1, "never", "."]
         }}
        """);
    ConventionDiscovery.Result r = ConventionDiscovery.discover(repo, env());
    Linter l = new Linter(r.config());
    assertThat(l.lint("feat(api): Capitalised is fine now", LintOptions.stdin()).valid()).isTrue();
    assertThat(l.lint("feat(api): x\nbody", LintOptions.stdin()).errors())
        .extracting(Problem::name)
        .containsExactly("body-leading-blank");
    assertThat(l.lint("feat(web): x", LintOptions.stdin()).errors())
        .extracting(Problem::message)
        .containsExactly("scope must be one of [api, cli]");
    assertThat(l.lint("feat: x", LintOptions.stdin()).errors())
        .extracting(Problem::name)
        .containsExactly("scope-empty");
    LintResult stop = l.lint("feat(cli): x.", LintOptions.stdin());
    assertThat(stop.valid()).isTrue();
    assertThat(stop.warnings()).extracting(Problem::name).containsExactly("subject-full-stop");
    assertThat(r.config().scopes()).containsExactly("api", "cli");
    assertThat(r.config().scopeRequired()).isTrue();
  }

  @Test
  void localExtendsFileIsMergedBeforeTheLocalRules() throws Exception {
    Path repo = repo();
    Files.writeString(
        repo.resolve("base.json"),
        "{\"extends\":[\"@commitlint/config-conventional\"],"
            + "\"rules\":{\"header-max-length\":[2,\"always\",60]}}");
    Files.writeString(
        repo.resolve(".commitlintrc.yml"),
        "extends: ./base.json\nrules:\n  type-enum: [2, always, [feat]]\n");
    LintConfig c = ConventionDiscovery.discover(repo, env()).config();
    assertThat(c.headerMaxLength()).hasValue(60);
    assertThat(c.allowedTypes()).containsExactly("feat");
  }

  @Test
  void defaultIgnoresAndHelpUrlAreRead() throws Exception {
    Path repo = repo();
    Files.writeString(
        repo.resolve(".commitlintrc.json"),
        "{\"extends\":[\"@commitlint/config-conventional\"],\"defaultIgnores\":false,"
            + "\"helpUrl\":\"https://example.invalid/commits\"}");
    LintConfig c = ConventionDiscovery.discover(repo, env()).config();
    assertThat(c.helpUrl()).isEqualTo("https://example.invalid/commits");
    assertThat(new Linter(c).lint("Merge branch 'x'", LintOptions.stdin()).valid()).isFalse();
  }

  @Test
  void jsConfigWithoutNodeWarnsOnceAndFallsBack() throws Exception {
    Path repo = repo();
    Files.writeString(
        repo.resolve("commitlint.config.js"),
        "export default { extends: ['@commitlint/config-conventional'] };\n");
    ConventionDiscovery.Result r = ConventionDiscovery.discover(repo, env());
    assertThat(r.config()).isEqualTo(LintConfig.configConventional());
    assertThat(r.warnings()).hasSize(1);
    assertThat(r.warnings().get(0)).contains("commitlint.config.js", "node", "config-conventional");
  }

  @Test
  void brokenAndUnknownConfigsFallBackWithAClearWarning() throws Exception {
    Path repo = repo();
    Path f = repo.resolve(".commitlintrc.json");
    Files.writeString(f, "{ not json");
    ConventionDiscovery.Result r = ConventionDiscovery.discover(repo, env());
    assertThat(r.config()).isEqualTo(LintConfig.configConventional());
    assertThat(r.warnings()).singleElement().asString().contains(f.toString(), "not valid");

    Files.writeString(f, "{\"rules\":{\"no-such-rule\":[2,\"always\"]}}");
    r = ConventionDiscovery.discover(repo, env());
    assertThat(r.warnings()).singleElement().asString().contains("no-such-rule");

    Files.writeString(f, "{\"rules\":{\"type-enum\":[2,\"sometimes\",[\"x\"]]}}");
    r = ConventionDiscovery.discover(repo, env());
    assertThat(r.warnings()).singleElement().asString().contains("\"always\" or \"never\"");
  }

  @Test
  void noConfigMeansConfigConventional() throws Exception {
    ConventionDiscovery.Result r = ConventionDiscovery.discover(repo(), env());
    assertThat(r.config()).isEqualTo(LintConfig.configConventional());
    assertThat(r.source()).contains("config-conventional");
    assertThat(r.warnings()).isEmpty();
  }

  @Test
  void globalXdgConfigIsUsedLast() throws Exception {
    Path xdg = home.resolve("xdg");
    Files.createDirectories(xdg.resolve("commitlint"));
    Path f = xdg.resolve("commitlint/config.yaml");
    Files.writeString(f, CUSTOM_YAML);
    Map<String, String> env =
        Map.of(
            "HOME", home.toString(), "PATH", "/nonexistent-bin", "XDG_CONFIG_HOME", xdg.toString());
    assertCustom(ConventionDiscovery.discover(repo(), env), f);
  }

  // ---- commitizen ---------------------------------------------------------------------------

  @Test
  void commitizenTomlFilesAndPyproject() throws Exception {
    for (String name : List.of(".cz.toml", "cz.toml", "pyproject.toml")) {
      Path repo = repo();
      Path f = repo.resolve(name);
      Files.writeString(
          f,
          "[tool.commitizen]\nname = \"cz_conventional_commits\"\nmessage_length_limit = 40\n"
              + "allowed_prefixes = [\"WIP\"]\n");
      ConventionDiscovery.Result r = ConventionDiscovery.discover(repo, env());
      assertThat(r.source()).isEqualTo(f.toString());
      assertThat(r.config().commitizen()).isPresent();
      assertThat(r.config().headerMaxLength()).hasValue(40);
      assertThat(r.config().allowedTypes()).contains("bump", "feat");
      Linter l = new Linter(r.config());
      assertThat(l.lint("bump: 1.2.3", LintOptions.stdin()).valid()).isTrue();
      assertThat(l.lint("WIP anything", LintOptions.stdin()).valid()).isTrue();
      assertThat(l.lint("Merge branch 'x'", LintOptions.stdin()).valid()).isFalse();
      assertThat(l.lint("feat: " + "y".repeat(40), LintOptions.stdin()).valid()).isFalse();
      Files.delete(f);
    }
  }

  @Test
  void pyprojectWithoutCommitizenTableIsNotAConfig() throws Exception {
    Path repo = repo();
    Files.writeString(repo.resolve("pyproject.toml"), "[tool.black]\nline-length = 88\n");
    assertThat(ConventionDiscovery.discover(repo, env()).config())
        .isEqualTo(LintConfig.configConventional());
  }

  @Test
  void commitizenJsonAndYamlNeedACommitizenKey() throws Exception {
    Path repo = repo();
    Files.writeString(
        repo.resolve(".cz.json"), "{\"commitizen\":{\"name\":\"cz_conventional_commits\"}}");
    ConventionDiscovery.Result r = ConventionDiscovery.discover(repo, env());
    assertThat(r.config().commitizen()).isPresent();
    Files.delete(repo.resolve(".cz.json"));

    Files.writeString(
        repo.resolve(".cz.yaml"),
        "commitizen:\n  name: cz_customize\n  customize:\n"
            + "    schema_pattern: \"(?P<type>ship|oops)(\\\\(\\\\S+\\\\))?: (?P<msg>[^\\\\n]+)\"\n");
    r = ConventionDiscovery.discover(repo, env());
    assertThat(r.warnings()).isEmpty();
    assertThat(r.config().allowedTypes()).containsExactly("ship", "oops");
    Linter l = new Linter(r.config());
    assertThat(l.lint("ship(api): it", LintOptions.stdin()).valid()).isTrue();
    assertThat(l.lint("feat: it", LintOptions.stdin()).valid()).isFalse();
  }

  @Test
  void severalCommitizenConfigsWarnAndTheFirstWins() throws Exception {
    Path repo = repo();
    Files.writeString(repo.resolve(".cz.toml"), "[tool.commitizen]\nmessage_length_limit = 30\n");
    Files.writeString(
        repo.resolve("pyproject.toml"), "[tool.commitizen]\nmessage_length_limit = 90\n");
    ConventionDiscovery.Result r = ConventionDiscovery.discover(repo, env());
    assertThat(r.config().headerMaxLength()).hasValue(30);
    assertThat(r.warnings()).singleElement().asString().contains("several commitizen configs");
  }

  @Test
  void commitlintConfigTakesPrecedenceOverCommitizen() throws Exception {
    Path repo = repo();
    Files.writeString(repo.resolve(".cz.toml"), "[tool.commitizen]\n");
    Path f = repo.resolve(".commitlintrc.json");
    Files.writeString(f, CUSTOM_JSON);
    assertCustom(ConventionDiscovery.discover(repo, env()), f);
  }
}
