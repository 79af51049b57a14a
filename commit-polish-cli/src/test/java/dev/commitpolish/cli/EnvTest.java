package dev.commitpolish.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvTest {

  private static Env env(String... kv) {
    var m = new java.util.HashMap<String, String>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return new Env(Map.copyOf(m), Path.of("/work/repo"));
  }

  @Test
  void anXdgDirectoryIsTheVariableWhenAbsoluteElseUnderHome() {
    assertThat(
            env("HOME", "/home/u", "XDG_CONFIG_HOME", "/cfg").xdgDir("XDG_CONFIG_HOME", ".config"))
        .contains(Path.of("/cfg"));
    // the XDG spec: a relative value is ignored
    assertThat(
            env("HOME", "/home/u", "XDG_CONFIG_HOME", "cfg").xdgDir("XDG_CONFIG_HOME", ".config"))
        .contains(Path.of("/home/u/.config"));
    assertThat(env("HOME", "/home/u").xdgDir("XDG_STATE_HOME", ".local/state"))
        .contains(Path.of("/home/u/.local/state"));
  }

  @Test
  void aRelativeOrMissingHomeNamesNoDirectory() {
    // relative to what? the repository being committed to, which must not receive our files
    assertThat(env("HOME", "home/u").home()).isEmpty();
    assertThat(env("HOME", "home/u").xdgDir("XDG_CACHE_HOME", ".cache")).isEmpty();
    assertThat(env().xdgDir("XDG_CACHE_HOME", ".cache")).isEmpty();
    assertThat(env("HOME", "home/u").expandHome("~/x")).isEqualTo("~/x");
  }

  @Test
  void tildeIsExpandedAndShownBackOnlyForTheHomeDirectory() {
    Env e = env("HOME", "/home/u");
    assertThat(e.expandHome("~")).isEqualTo("/home/u");
    assertThat(e.expandHome("~/models/a.gguf")).isEqualTo("/home/u/models/a.gguf");
    assertThat(e.expandHome("~other/x")).isEqualTo("~other/x");
    assertThat(e.displayHome(Path.of("/home/u/.config/commit-polish/config.toml")))
        .isEqualTo("~/.config/commit-polish/config.toml");
    assertThat(e.displayHome(Path.of("/home/user2/x"))).isEqualTo("/home/user2/x");
    assertThat(e.displayHome(Path.of("/home/u"))).isEqualTo("/home/u");
  }
}
