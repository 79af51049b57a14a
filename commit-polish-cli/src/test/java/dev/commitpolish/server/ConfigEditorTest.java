package dev.commitpolish.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tomlj.Toml;

class ConfigEditorTest {

  private static Map<String, String> paths(String exe, String model) {
    var m = new LinkedHashMap<String, String>();
    m.put("path", exe);
    m.put("model_path", model);
    return m;
  }

  @Test
  void replacesExistingValuesKeepingIndentAndTrailingComments() {
    String before =
        "# top\n[ai]\nmodel = \"x\"\n\n[llamafile]\n  path = '/old' # the old one\nport = 1\n";
    String after = ConfigEditor.edit(before, paths("/new/llamafile", "/m.gguf"));
    assertThat(after)
        .isEqualTo(
            "# top\n[ai]\nmodel = \"x\"\n\n[llamafile]\n  path = \"/new/llamafile\" # the old one\n"
                + "port = 1\nmodel_path = \"/m.gguf\"\n");
  }

  @Test
  void appendsTheTableWhenMissing() {
    String after = ConfigEditor.edit("[ai]\nmodel = \"x\"", paths("/a", "/b"));
    assertThat(after)
        .isEqualTo("[ai]\nmodel = \"x\"\n\n[llamafile]\npath = \"/a\"\nmodel_path = \"/b\"\n");
    assertThat(ConfigEditor.edit("", paths("/a", "/b")))
        .isEqualTo("[llamafile]\npath = \"/a\"\nmodel_path = \"/b\"\n");
  }

  @Test
  void insertsMissingKeysInsideTheExistingTableNotAtTheEnd() {
    String before = "[llamafile]\nport = 8080\n\n# comment about hooks\n[hook]\nstrict = true\n";
    String after = ConfigEditor.edit(before, paths("/a", "/b"));
    var toml = Toml.parse(after);
    assertThat(toml.errors()).isEmpty();
    assertThat(toml.getString("llamafile.path")).isEqualTo("/a");
    assertThat(toml.getBoolean("hook.strict")).isTrue();
    assertThat(after).contains("# comment about hooks\n[hook]");
  }

  @Test
  void editsTopLevelDottedKeys() {
    String after = ConfigEditor.edit("llamafile.path = \"/old\"\n", paths("/a", "/b"));
    var toml = Toml.parse(after);
    assertThat(toml.errors()).isEmpty();
    assertThat(toml.getString("llamafile.path")).isEqualTo("/a");
    assertThat(toml.getString("llamafile.model_path")).isEqualTo("/b");
  }

  @Test
  void quotesPathsWithBackslashesAndQuotes() {
    String after = ConfigEditor.edit("", paths("C:\\tools\\llama\"file", "/b"));
    assertThat(Toml.parse(after).getString("llamafile.path")).isEqualTo("C:\\tools\\llama\"file");
  }

  @Test
  void refusesToTouchAFileThatIsNotValidToml(@TempDir Path tmp) throws IOException {
    Path f = Files.writeString(tmp.resolve("config.toml"), "[llamafile\npath = \n");
    assertThatThrownBy(() -> ConfigEditor.update(f, paths("/a", "/b")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not valid TOML")
        .hasMessageContaining("Nothing was changed");
    assertThat(Files.readString(f)).isEqualTo("[llamafile\npath = \n");
  }
}
