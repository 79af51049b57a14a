package dev.commitpolish.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/**
 * night-config reads configuration files and tomlj only locates keys and errors, so the two must
 * agree on what the documents the project uses mean.
 */
class TomlDocumentTest {

  static List<String> documents() {
    String tq = "\"\"\"";
    return List.of(
        "",
        "# only a comment\n",
        ConfigTemplate.render(false),
        ConfigTemplate.render(true),
        "# ~/.config/commit-polish/config.toml\n[ai]\nmodel = \"llamafile/gemma-3-3b\"  # MUST"
            + " have llamafile/ prefix\ntemperature = 0.3\nmax_tokens = 200\napi_base ="
            + " \"http://localhost:8080/v1\"\n\n[llamafile]\npath = \"~/bin/llamafile\"\n"
            + "model_path = \"models/gemma.gguf\"\n\n[validation]\nauto_detect = false\n"
            + "max_retries = 3\nvalidator_command = [\"commitlint\", \"--extends\","
            + " \"@commitlint/config-conventional\"]\nsystem_prompt = \"Write Conventional"
            + " Commits.\"\n",
        "[ai]\r\nmax_tokens = 1_000\r\ntemperature = 1e-1\r\n",
        "top = true\n[a]\nx = -5\ny = +3.5\nz = false\n[b]\nw = 0\n",
        "[validation]\nvalidator_command = [\n  \"npx\", # the runner\n  'commitlint',\n]\n",
        "[s]\nbasic = \"tab\\there \\\"q\\\" back\\\\slash\\nnl \\u00e9\"\nlit = 'C:\\path\\n'\n",
        "ai.model = \"ollama/qwen3\"\n[validation]\nsystem_prompt = "
            + tq
            + "\nLine one.\nLine two."
            + tq
            + "\n[diff]\nexclude = [\"*.snap\"]\noops = {a = 1}\n",
        "\"quoted key\" = 1\n[ai.sub]\nx = 0x1F\ny = inf\nwhen = 1979-05-27T07:32:00Z\n",
        "[ai]\nmax_tokens = \"200\"\n[hook]\nenabled = \"yes\"\n[diff]\nexclude = [1]\n",
        "big = 9223372036854775807\nsmall = -9223372036854775808\n");
  }

  @ParameterizedTest
  @MethodSource("documents")
  void nightConfigAndTomljReadTheSameValues(String text) throws TomlDocument.SyntaxError {
    TomlDocument doc = TomlDocument.parse(text);
    TomlParseResult toml = Toml.parse(text);
    assertThat(toml.errors()).isEmpty();

    var read = new LinkedHashMap<String, Object>();
    for (TomlDocument.Entry e : doc.entries()) {
      read.put(e.name(), e.value());
    }
    var reference = new LinkedHashMap<String, Object>();
    for (String k : toml.dottedKeySet()) {
      List<String> path = Toml.parseDottedKey(k);
      reference.put(String.join(".", path), plain(toml.get(path)));
    }
    assertThat(read).containsExactlyInAnyOrderEntriesOf(reference);
    assertThat(doc.tables())
        .containsExactlyInAnyOrderElementsOf(
            toml.keySet().stream().filter(k -> toml.get(List.of(k)) instanceof TomlTable).toList());
  }

  private static Object plain(Object v) {
    if (v instanceof TomlArray a) {
      var out = new ArrayList<Object>();
      for (int i = 0; i < a.size(); i++) {
        out.add(plain(a.get(i)));
      }
      return out;
    }
    return v;
  }

  @Test
  void entriesComeInFileOrderWithTomljPositions() throws TomlDocument.SyntaxError {
    TomlDocument doc = TomlDocument.parse("z = 1\n\n[hook]\nstrict = true\n[ai]\n  model = 'x'\n");
    assertThat(doc.entries())
        .containsExactly(
            new TomlDocument.Entry(List.of("z"), 1L),
            new TomlDocument.Entry(List.of("hook", "strict"), true),
            new TomlDocument.Entry(List.of("ai", "model"), "x"));
    assertThat(doc.tables()).containsExactly("hook", "ai");
    assertThat(doc.position(List.of("ai", "model"))).isEqualTo(new TomlDocument.Position(6, 3));
    assertThat(doc.position(List.of("nope"))).isEqualTo(TomlDocument.Position.UNKNOWN);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "[ai]\nx = 1\nx = 2\n",
        "[ai]\nx = 1\n[ai]\ny = 2\n",
        "[ai]\nx = 01\n",
        "[ai]\nx = 1__0\n",
        "[ai]\nx = = 1\n",
        "[ai]\nx = \"unterminated\n",
        "[ai]\nx = 1 y = 2\n",
        "[ai]\nx = \"bad \\q\"\n",
        "[ai\n",
      })
  void invalidDocumentsAreRejectedWithALocatedMessage(String text) {
    assertThatThrownBy(() -> TomlDocument.parse(text))
        .isInstanceOfSatisfying(
            TomlDocument.SyntaxError.class,
            e -> {
              assertThat(e.errors()).isNotEmpty();
              assertThat(e.errors().get(0).position().line()).isBetween(1, 3);
            });
  }

  /** Where night-config is more lenient than TOML 1.0, tomlj still names the error and line. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "[ai]\nmax_tokens = 9223372036854775808\n", // night-config wraps it to a negative Long
        "[ai]\n[ai]\n", // an empty table declared twice
      })
  void nightConfigLeniencyIsCaughtByStrictErrors(String text) throws TomlDocument.SyntaxError {
    TomlDocument doc = TomlDocument.parse(text);
    assertThat(doc.strictErrors()).isNotEmpty();
    assertThat(doc.strictErrors().get(0).position().line()).isEqualTo(2);
  }

  /**
   * The hook starts a JVM per commit: a valid file must not load tomlj or ANTLR (about 150 ms of
   * CPU), an invalid one must (its errors need lines). Checked in a fresh JVM, the only place class
   * loading can be observed.
   */
  @Test
  void onlyTheErrorPathLoadsTomlj(@TempDir Path dir) throws Exception {
    Path valid = dir.resolve("valid.toml");
    Files.writeString(
        valid,
        "[ai]\nmodel = \"llamafile/x\"\ntemperature = 0.2\n[validation]\n"
            + "validator_command = [\"npx\", \"commitlint\"]\n");
    Path invalid = dir.resolve("invalid.toml");
    Files.writeString(invalid, "[ai]\ntemperature = 5\n");

    String happy = loadInFreshJvm(valid);
    assertThat(happy).contains("loaded llamafile/x").contains("com.electronwill.nightconfig");
    assertThat(happy).doesNotContain("org.tomlj").doesNotContain("org.antlr");

    String error = loadInFreshJvm(invalid);
    assertThat(error).contains("invalid.toml:2:1: ai.temperature").contains("org.tomlj.Toml ");
  }

  private static String loadInFreshJvm(Path file) throws IOException, InterruptedException {
    Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
    var pb =
        new ProcessBuilder(
            javaBin.toString(),
            "-Xshare:auto",
            "-XX:TieredStopAtLevel=1",
            "-Xlog:class+load=info",
            "-cp",
            System.getProperty("java.class.path"),
            LoadProbe.class.getName(),
            file.toString());
    pb.redirectErrorStream(true);
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(Duration.ofSeconds(60).toSeconds(), TimeUnit.SECONDS)).isTrue();
    return new String(out, StandardCharsets.UTF_8);
  }

  /** Loads one config file the way the hook does and prints the model or the error. */
  static final class LoadProbe {
    private LoadProbe() {}

    public static void main(String[] args) {
      var env =
          new dev.commitpolish.cli.Env(
              Map.of(ConfigLoader.CONFIG_ENV, args[0]), Path.of(args[0]).getParent());
      try {
        System.out.println("loaded " + ConfigLoader.load(env).config().ai().model());
      } catch (ConfigException e) {
        System.out.println(e.getMessage());
      }
    }
  }
}
