package dev.commitpolish.config;

import dev.commitpolish.config.ConfigKey.RepoPolicy;
import java.util.Map;

/** The commented file {@code config init} writes: every key, commented out, at its default. */
final class ConfigTemplate {

  /** Sample values for keys without a default, so the template shows the expected shape. */
  private static final Map<String, String> EXAMPLES =
      Map.of(
          "ai.api_base", "\"http://127.0.0.1:8080/v1\"",
          "ai.api_key", "\"sk-...\"",
          "llamafile.path", "\"~/bin/llamafile\"",
          "llamafile.model_path", "\"~/models/gemma-3-3b-it-Q4_K_M.gguf\"",
          "llamafile.threads", "4",
          "validation.system_prompt", "\"You write Conventional Commits messages...\"",
          "validation.validator_command", "[\"npx\", \"--no-install\", \"commitlint\"]");

  private ConfigTemplate() {}

  /**
   * The template text.
   *
   * @param repo true for {@code .commit-polish.toml}: keys a repository file may not set are left
   *     out, with a note saying why
   */
  static String render(boolean repo) {
    var sb = new StringBuilder();
    if (repo) {
      sb.append("# commit-polish repository configuration (.commit-polish.toml), shared by\n")
          .append("# everyone who clones this repository. Values here override each user's\n")
          .append("# own config; environment variables and flags override both.\n")
          .append("# For safety a repository file cannot set api_key, allow_remote or\n")
          .append("# llamafile.path, its api_base values must be loopback addresses, and its\n")
          .append("# validator_command runs only for users who trust repo validators.\n");
    } else {
      sb.append("# commit-polish user configuration.\n")
          .append("# Precedence: flags > environment > .commit-polish.toml in the repo > this\n")
          .append("# file > defaults. Run `commit-polish config show` to see effective values.\n");
    }
    sb.append("# Every key below is commented out and shows its default (or an example).\n")
        .append("# Check your edits with: commit-polish config validate\n");
    String section = "";
    for (ConfigKey k : ConfigKey.ALL.values()) {
      if (repo && (k.repoPolicy() == RepoPolicy.USER_ONLY)) {
        continue;
      }
      if (!k.section().equals(section)) {
        section = k.section();
        sb.append("\n[").append(section).append("]\n");
      }
      sb.append("# ").append(capitalise(k.help())).append(". Allowed: ").append(k.allowed());
      sb.append(".\n");
      String value =
          k.defaultValue() != null
              ? TomlText.literal(k.defaultValue())
              : EXAMPLES.getOrDefault(k.name(), "\"\"");
      sb.append("# ").append(k.leaf()).append(" = ").append(value).append("\n");
    }
    return sb.toString();
  }

  private static String capitalise(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
