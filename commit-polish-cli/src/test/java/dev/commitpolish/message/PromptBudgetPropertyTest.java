package dev.commitpolish.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.commitpolish.cli.Env;
import dev.commitpolish.config.Config;
import dev.commitpolish.git.FileChange;
import dev.commitpolish.git.StagedChanges;
import dev.commitpolish.standin.Fault;
import dev.commitpolish.standin.Profile;
import dev.commitpolish.standin.RecordedRequest;
import dev.commitpolish.standin.StandInServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The prompt never exceeds the server's context, measured with the stand-in's own tokenizer and
 * chat template, for diffs from 1 to 20,000 changed lines at n_ctx 2048 and 4096 — with and without
 * the server's {@code /tokenize} — and every changed path is named in the prompt.
 */
class PromptBudgetPropertyTest {

  static final int MAX_TOKENS = 200;

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    int[][] shapes = {{1, 1}, {10, 2}, {60, 3}, {400, 8}, {1500, 15}, {6000, 25}, {20000, 40}};
    for (int nCtx : new int[] {2048, 4096}) {
      for (boolean tokenize : new boolean[] {true, false}) {
        for (int[] s : shapes) {
          out.add(Arguments.of(nCtx, s[0], s[1], tokenize));
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "n_ctx {0}, {1} lines in {2} files, /tokenize {3}")
  @MethodSource("cases")
  void promptFitsTheContextAndNamesEveryPath(int nCtx, int lines, int files, boolean tokenize) {
    try (StandInServer server =
        StandInServer.builder()
            .profile(Profile.LLAMACPP)
            .port(0)
            .nCtx(nCtx)
            // The first answer is invalid, so the repair round's longer conversation must fit too.
            .replies("Added the values.", "feat(core): add computed values")
            .start()) {
      if (!tokenize) {
        server.enqueueFault("/tokenize", Fault.status(404));
      }
      StagedChanges changes = staged(lines, files, lines * 31L + files);
      Config defaults = Config.defaults();
      Config config =
          new Config(
              new Config.Ai(
                  "llamafile/gemma-3-3b",
                  0.3,
                  MAX_TOKENS,
                  Optional.of(server.baseUrl()),
                  Optional.empty(),
                  false,
                  Duration.ofSeconds(30)),
              defaults.llamafile(),
              defaults.validation(),
              defaults.hook(),
              defaults.diff());
      PolishOutcome o =
          Polisher.create(config, new Env(Map.of(), Path.of(".")))
              .polish(
                  "added computed values",
                  changes,
                  Conventions.defaults(),
                  Instant.now().plusSeconds(30),
                  null);

      assertThat(o.error()).as("model error").isEmpty();
      assertThat(o.polished()).isTrue();
      assertThat(o.attempts()).isEqualTo(2);
      List<RecordedRequest> chats = server.requests("/v1/chat/completions");
      assertThat(chats).hasSize(2);
      int promptTokens = 0;
      for (RecordedRequest chat : chats) {
        int tokens = server.tokenizer().count(chatMl(chat));
        assertThat(tokens + MAX_TOKENS).as("prompt + max_tokens").isLessThanOrEqualTo(nCtx);
        promptTokens = Math.max(promptTokens, tokens);
      }
      List<String> contents = chats.get(0).messageContents();
      for (FileChange f : changes.files()) {
        assertThat(contents.get(1)).contains(f.path());
      }
      // Not wasteful either: with the server counting, a large diff fills over half the context.
      if (tokenize && lines >= 1500) {
        assertThat(promptTokens).isGreaterThan(nCtx / 2);
      }
    }
  }

  /** The stand-in's ChatML rendering of a request, whose tokens it counts against n_ctx. */
  @SuppressWarnings("unchecked")
  static String chatMl(RecordedRequest r) {
    StringBuilder sb = new StringBuilder();
    for (Object o : (List<Object>) r.json().get("messages")) {
      Map<String, Object> m = (Map<String, Object>) o;
      sb.append("<|im_start|>")
          .append(m.get("role"))
          .append('\n')
          .append(m.get("content"))
          .append("<|im_end|>\n");
    }
    return sb.append("<|im_start|>assistant\n").toString();
  }

  /** A synthetic staged diff with {@code lines} changed lines spread over {@code files} files. */
  static StagedChanges staged(int lines, int files, long seed) {
    Random rnd = new Random(seed);
    List<FileChange> changed = new ArrayList<>();
    StringBuilder patch = new StringBuilder();
    int perFile = Math.max(1, lines / files);
    for (int f = 0; f < files; f++) {
      String path = "src/main/java/app/module" + (f % 5) + "/Component" + f + ".java";
      int n = f == files - 1 ? Math.max(1, lines - perFile * (files - 1)) : perFile;
      patch.append("diff --git a/").append(path).append(" b/").append(path).append('\n');
      patch.append("--- a/").append(path).append("\n+++ b/").append(path).append('\n');
      int written = 0;
      int hunk = 0;
      while (written < n) {
        int size = Math.min(n - written, 1 + rnd.nextInt(60));
        patch
            .append("@@ -")
            .append(hunk * 80 + 1)
            .append(",2 +")
            .append(hunk * 80 + 1)
            .append(',')
            .append(size + 2)
            .append(" @@ class Component")
            .append(f)
            .append('\n');
        patch.append(" // context\n");
        for (int i = 0; i < size; i++) {
          patch
              .append(rnd.nextBoolean() ? '+' : '-')
              .append("    long v")
              .append(i)
              .append(" = hash(\"")
              .append(Long.toHexString(rnd.nextLong()))
              .append("\", ")
              .append(rnd.nextInt())
              .append(");\n");
        }
        patch.append(" // context\n");
        written += size;
        hunk++;
      }
      changed.add(new FileChange(path, path, 'M', n, 0, false));
    }
    return new StagedChanges(changed, patch.toString(), false, false);
  }
}
