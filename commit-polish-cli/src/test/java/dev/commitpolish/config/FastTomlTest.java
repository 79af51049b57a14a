package dev.commitpolish.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;

/** The fast path must read every document it accepts exactly as tomlj does. */
class FastTomlTest {

  static final String[] ACCEPTED = {
    "",
    "# only a comment\n",
    "[ai]\nmodel = \"llamafile/gemma-3-3b\"  # MUST have llamafile/ prefix\n"
        + "temperature = 0.3\nmax_tokens = 200\n",
    "[ai]\r\nmax_tokens = 1_000\r\ntemperature = 1e-1\r\n",
    "top = true\n[a]\nx = -5\ny = +3.5\nz = false\n[b]\nw = 0\n",
    "[validation]\nvalidator_command = [\n  \"npx\", # the runner\n  'commitlint',\n]\n",
    "[s]\nbasic = \"tab\\there \\\"q\\\" back\\\\slash\\nnl\"\nlit = 'C:\\path\\n'\n",
    "[s]\nempty = []\nunicode = \"caf\u00e9 \u2713\"\n",
    "[ t ]\n  k-e_y1 = 2.0E3\n",
  };

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8})
  void acceptedDocumentsReadExactlyAsTomljReadsThem(int i) {
    String text = ACCEPTED[i];
    FastToml.Document doc = FastToml.parse(text);
    assertThat(doc).as("fast path should accept: %s", text).isNotNull();
    TomlParseResult toml = Toml.parse(text);
    assertThat(toml.errors()).isEmpty();

    var fast = new LinkedHashMap<String, Object>();
    for (FastToml.Entry e : doc.entries()) {
      fast.put(String.join(".", e.path()), e.value());
      var pos = toml.inputPositionOf(e.path());
      assertThat(e.line()).as("line of %s", e.path()).isEqualTo(pos.line());
      assertThat(e.column()).as("column of %s", e.path()).isEqualTo(pos.column());
    }
    var slow = new LinkedHashMap<String, Object>();
    for (String k : toml.dottedKeySet()) {
      slow.put(String.join(".", Toml.parseDottedKey(k)), plain(toml.get(Toml.parseDottedKey(k))));
    }
    assertThat(fast).containsExactlyInAnyOrderEntriesOf(slow);
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

  @ParameterizedTest
  @ValueSource(
      strings = {
        "[ai]\nmodel = \"\"\"multi\nline\"\"\"\n",
        "[ai]\nmodel = '''lit'''\n",
        "\"quoted\" = 1\n",
        "ai.model = \"x\"\n",
        "[ai.sub]\nx = 1\n",
        "[[ai]]\nx = 1\n",
        "[ai]\nx = {a = 1}\n",
        "[ai]\nx = 0x1F\n",
        "[ai]\nx = inf\n",
        "[ai]\nx = 1979-05-27\n",
        "[ai]\nx = 1\nx = 2\n",
        "[ai]\n[ai]\n",
        "[ai]\nx = \"\\u00e9\"\n",
        "[ai]\nx = 01\n",
        "[ai]\nx = 1__0\n",
        "[ai]\nx = [[1], [2]]\n",
        "[ai]\nx = = 1\n",
        "[ai]\nx = \"unterminated\n",
        "[ai]\nx = 1 y = 2\n",
        "[ai\n",
      })
  void anythingOutsideTheSubsetOrInvalidIsLeftToTomlj(String text) {
    assertThat(FastToml.parse(text)).isNull();
  }

  @Test
  void tablesAreReportedWithPositions() {
    FastToml.Document doc = FastToml.parse("a = 1\n\n[hook]\nstrict = true\n");
    assertThat(doc.tables()).containsExactly(new FastToml.Table("hook", 3, 1));
    assertThat(doc.entries())
        .containsExactly(
            new FastToml.Entry(List.of("a"), 1L, 1, 1),
            new FastToml.Entry(List.of("hook", "strict"), true, 4, 1));
  }

  @Test
  void tomljAgreesTheRejectedValidDocumentsAreValid() {
    // Sanity check of the previous test's premise for a few valid-but-unsupported documents.
    for (String text :
        List.of("[ai]\nmodel = '''lit'''\n", "ai.model = \"x\"\n", "[ai]\nx = {a = 1}\n")) {
      assertThat(Toml.parse(text).errors()).as(text).isEmpty();
    }
    assertThat(Map.of()).isEmpty();
  }
}
