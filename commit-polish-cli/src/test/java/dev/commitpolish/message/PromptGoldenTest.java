package dev.commitpolish.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.commitpolish.conventional.LintConfig;
import dev.commitpolish.diff.ChangedFile;
import dev.commitpolish.diff.DiffBudgeter;
import dev.commitpolish.diff.DiffSection;
import dev.commitpolish.diff.Exclusions;
import dev.commitpolish.diff.TokenCounter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files for prompt construction: {@code src/test/resources/prompts/NAME.input} (draft,
 * branch, history, budget, files, patch) must render exactly {@code NAME.expected}. Regenerate
 * after an intended change with {@code -Dgolden.update=true} and review the diff. (Model output is
 * never golden-tested.)
 */
class PromptGoldenTest {

  static final Path DIR = Path.of("src/test/resources/prompts");

  static Stream<String> cases() throws IOException {
    try (Stream<Path> s = Files.list(DIR)) {
      return s
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".input"))
          .map(n -> n.substring(0, n.length() - ".input".length()))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void promptMatchesGoldenFile(String name) throws IOException {
    String input = Files.readString(DIR.resolve(name + ".input"), StandardCharsets.UTF_8);
    String actual = render(input);
    Path expected = DIR.resolve(name + ".expected");
    if (Boolean.getBoolean("golden.update") || !Files.exists(expected)) {
      Files.writeString(expected, actual, StandardCharsets.UTF_8);
    }
    assertThat(actual).isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
  }

  static String render(String input) {
    int filesAt = input.indexOf("--- files\n");
    int patchAt = input.indexOf("--- patch\n");
    String head = input.substring(0, filesAt);
    String filesText = input.substring(filesAt + 10, patchAt);
    String patch = input.substring(patchAt + 10);

    StringBuilder draft = new StringBuilder();
    String branch = null;
    int budget = 2000;
    Optional<String> systemPrompt = Optional.empty();
    List<String> recent = new ArrayList<>();
    boolean inDraft = false;
    for (String line : head.split("\n", -1)) {
      if (line.startsWith("draft:")) {
        draft.append(line.substring(6).strip());
        inDraft = true;
      } else if (line.startsWith("branch:")) {
        branch = line.substring(7).strip();
        inDraft = false;
      } else if (line.startsWith("budget:")) {
        budget = Integer.parseInt(line.substring(7).strip());
        inDraft = false;
      } else if (line.startsWith("recent:")) {
        recent.add(line.substring(7).strip());
        inDraft = false;
      } else if (line.startsWith("system_prompt:")) {
        systemPrompt = Optional.of(line.substring(14).strip());
        inDraft = false;
      } else if (inDraft) {
        draft.append('\n').append(line);
      }
    }
    List<ChangedFile> files = new ArrayList<>();
    for (String line : filesText.split("\n")) {
      String[] f = line.split(" ");
      files.add(
          new ChangedFile(
              f[1],
              null,
              f[0].charAt(0),
              Integer.parseInt(f[2]),
              Integer.parseInt(f[3]),
              f.length > 4 && f[4].equals("binary")));
    }
    Conventions conventions =
        new Conventions(
            LintConfig.configConventional(), "test", recent, Optional.ofNullable(branch));
    PromptBuilder builder = PromptBuilder.of(conventions, systemPrompt);
    DiffSection section =
        DiffBudgeter.build(
            files, patch, Exclusions.defaults(List.of()), budget, TokenCounter.estimate());
    return builder.build(draft.toString().strip(), conventions.ticket(), section).render();
  }
}
