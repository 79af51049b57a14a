package dev.commitpolish.conventional;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * JS/TS commitlint configs are resolved by the project's own commitlint ({@code npx --no-install
 * commitlint --print-config json}); the project here lives inside the pinned commitlint install so
 * that npx finds it without the network.
 */
class JsConfigDiscoveryTest {

  @Test
  void jsConfigIsResolvedThroughTheProjectsCommitlint() throws Exception {
    CommitlintHarness cl = CommitlintHarness.get();
    Path proj = cl.dir.resolve("js-config-project");
    Files.createDirectories(proj);
    Path cfg = proj.resolve("commitlint.config.mjs");
    Files.writeString(
        cfg,
        """
        export default {
          extends: ['@commitlint/config-conventional'],
          rules: {
            'type-enum': [2, 'always', ['feat', 'fix', 'ops']],
            'header-max-length': [2, 'always', 72],
          },
        };
        """);
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("HOME", System.getProperty("user.home"));
    ConventionDiscovery.Result r = ConventionDiscovery.discover(proj, env);
    assertThat(r.warnings()).isEmpty();
    assertThat(r.source()).contains("commitlint.config.mjs", "print-config");
    assertThat(r.config().allowedTypes()).containsExactly("feat", "fix", "ops");
    assertThat(r.config().headerMaxLength()).hasValue(72);

    // The printed config is cached while the file is unchanged: no node needed the second time.
    Map<String, String> noNode = new HashMap<>(env);
    noNode.put("PATH", "/nonexistent-bin");
    ConventionDiscovery.Result again = ConventionDiscovery.discover(proj, noNode);
    assertThat(again.warnings()).isEmpty();
    assertThat(again.config()).isEqualTo(r.config());
    assertThat(again.source()).contains("cached");

    List<CommitlintHarness.Case> cases =
        MessageCorpus.handWritten().stream().map(m -> new CommitlintHarness.Case(m, null)).toList();
    List<CommitlintHarness.Verdict> theirs = cl.lintBatch(proj, cases);
    assertThat(CommitlintDifferentialTest.compare(new Linter(r.config()), cases, theirs)).isEmpty();
  }

  @Test
  void jsConfigInAProjectWithoutCommitlintInstalledWarnsAndFallsBack(
      @org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    CommitlintHarness.get(); // node present (or skipped)
    Path proj = tmp.resolve("proj");
    Files.createDirectories(proj);
    Files.writeString(proj.resolve("package.json"), "{\"name\":\"p\",\"private\":true}");
    Files.writeString(
        proj.resolve("commitlint.config.js"),
        "module.exports = { rules: { 'type-enum': [2, 'always', ['x']] } };\n");
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("HOME", tmp.toString());
    env.put("npm_config_cache", tmp.resolve("npm-cache").toString());
    env.put("npm_config_offline", "true");
    ConventionDiscovery.Result r = ConventionDiscovery.discover(proj, env);
    assertThat(r.config()).isEqualTo(LintConfig.configConventional());
    assertThat(r.warnings())
        .singleElement()
        .asString()
        .contains("commitlint.config.js", "npx --no-install commitlint", "config-conventional");
  }
}
