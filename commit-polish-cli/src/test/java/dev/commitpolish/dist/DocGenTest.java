package dev.commitpolish.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DocGenTest {

  @Test
  void manPageHasTheStandardSectionsAndEveryVisibleCommand() {
    CommandLine cl = DocGen.commandLine();
    String man = DocGen.manPage(cl, LocalDate.of(2026, 11, 26));

    assertThat(man).startsWith(".\\\" Generated").contains(".TH COMMIT\\-POLISH 1 \"2026-11-26\"");
    for (String section :
        List.of("NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "COMMANDS", "EXIT STATUS")) {
      assertThat(man).contains(".SH " + section + "\n");
    }
    for (var e : cl.getSubcommands().entrySet()) {
      if (!e.getValue().getCommandSpec().usageMessage().hidden()) {
        assertThat(man).contains(".SS \"commit\\-polish " + DocGen.esc(e.getKey()) + "\"");
      }
    }
    // inherited options are documented once, under the root
    assertThat(man.split("\\\\fB\\\\-\\\\-verbose\\\\fR", -1)).hasSize(2);
  }

  @Test
  void manPageCarriesEachCommandsExamplesFooter() {
    CommandLine cl = DocGen.commandLine();
    String man = DocGen.manPage(cl, LocalDate.of(2026, 1, 1));
    String hookFooter =
        CommandLine.Help.Ansi.OFF.string(cl.getSubcommands().get("hook").getHelp().footer());
    if (hookFooter.contains("Examples:")) {
      assertThat(man).contains("Examples:");
    }
  }

  @Test
  void troffEscapingNeutralisesBackslashesHyphensAndLeadingDots() {
    assertThat(DocGen.esc("a\\b")).isEqualTo("a\\eb");
    assertThat(DocGen.esc("--help")).isEqualTo("\\-\\-help");
    assertThat(DocGen.esc(".hidden\n'quote")).isEqualTo("\\&.hidden\n\\&'quote");
  }

  @Test
  void bashCompletionKnowsEverySubcommand() {
    CommandLine cl = DocGen.commandLine();
    String bash = DocGen.bashCompletion(cl);
    assertThat(bash).contains("_complete_commit-polish()");
    for (String name : cl.getSubcommands().keySet()) {
      assertThat(bash).contains(name);
    }
  }

  @Test
  void zshCompletionIsAnAutoloadableCompdefFile() {
    String zsh = DocGen.zshCompletion(DocGen.commandLine());
    assertThat(zsh).startsWith("#compdef commit-polish\n").contains("bashcompinit");
    assertThat(zsh).doesNotContain("setopt COMPLETE_ALIASES");
    assertThat(zsh.strip()).endsWith("_bash_complete -o default -F _complete_commit-polish \"$@\"");
  }

  @Test
  void writeDocsProducesCompletionsAndAGzippedManPage(@TempDir Path out) throws IOException {
    DocGen.writeDocs(out);

    assertThat(out.resolve("bash-completion/completions/commit-polish")).isRegularFile();
    assertThat(out.resolve("zsh/site-functions/_commit-polish")).isRegularFile();
    Path gz = out.resolve("man/man1/commit-polish.1.gz");
    try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo(Files.readString(out.resolve("man/man1/commit-polish.1")));
    }
  }

  @Test
  void fingerprintChangesWithJarContentAndNotWithMtime(@TempDir Path dir) throws IOException {
    Path a = Files.writeString(dir.resolve("a.jar"), "one");
    Path lib = Files.createDirectories(dir.resolve("lib"));
    Files.writeString(lib.resolve("b.jar"), "two");
    Files.writeString(lib.resolve("notes.txt"), "ignored");

    String first = DocGen.fingerprint(List.of(a, lib));
    Files.setLastModifiedTime(a, java.nio.file.attribute.FileTime.fromMillis(0));
    assertThat(DocGen.fingerprint(List.of(a, lib))).isEqualTo(first).hasSize(16);

    Files.writeString(lib.resolve("b.jar"), "three");
    assertThat(DocGen.fingerprint(List.of(a, lib))).isNotEqualTo(first);
  }
}
