package dev.commitpolish.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CommandLineSplitterTest {

  @Test
  void splitsOnUnquotedWhitespace() {
    assertThat(CommandLineSplitter.split("  npx  --no-install\tcommitlint\n"))
        .containsExactly("npx", "--no-install", "commitlint");
  }

  @Test
  void singleQuotesAreLiteralIncludingBackslashes() {
    assertThat(CommandLineSplitter.split("grep -E 'a\\b c'"))
        .containsExactly("grep", "-E", "a\\b c");
  }

  @Test
  void doubleQuotesKeepSpacesAndUnescapeQuoteAndBackslashOnly() {
    assertThat(CommandLineSplitter.split("x \"a \\\"b\\\" \\\\ \\n\""))
        .containsExactly("x", "a \"b\" \\ \\n");
  }

  @Test
  void adjacentPartsJoinAndEmptyQuotesAreAnEmptyWord() {
    assertThat(CommandLineSplitter.split("a\"b c\"'d' \"\" e\\ f"))
        .containsExactly("ab cd", "", "e f");
  }

  @Test
  void shellOperatorsAreOrdinaryCharacters() {
    assertThat(CommandLineSplitter.split("lint $HOME; rm -rf ~ | cat > out"))
        .containsExactly("lint", "$HOME;", "rm", "-rf", "~", "|", "cat", ">", "out");
  }

  @Test
  void unterminatedQuotesAndTrailingBackslashAreRejected() {
    assertThatThrownBy(() -> CommandLineSplitter.split("a 'b"))
        .hasMessage("unterminated single quote at character 3");
    assertThatThrownBy(() -> CommandLineSplitter.split("a \"b"))
        .hasMessage("unterminated double quote at character 3");
    assertThatThrownBy(() -> CommandLineSplitter.split("a \\")).hasMessage("trailing backslash");
  }

  @Test
  void blankIsNoCommand() {
    assertThat(CommandLineSplitter.split("   ")).isEmpty();
  }
}
