package dev.commitpolish.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.commitpolish.cli.Env;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TerminalTest {

  private static Env env(String... kv) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return new Env(m, Path.of("/"));
  }

  @Test
  void coloursOnlyStreamsThatAreTerminals() {
    Terminal t = Terminal.of(env("TERM", "xterm-256color"), true, false);
    assertThat(t.out().colour()).isTrue();
    assertThat(t.err().colour()).isFalse();
    assertThat(t.out().paint(Colour.RED, "x")).isEqualTo("\u001b[31mx\u001b[0m");
    assertThat(t.err().paint(Colour.RED, "x")).isEqualTo("x");
  }

  @Test
  void noColorWithAnyNonEmptyValueDisablesColourEvenOnATerminal() {
    assertThat(Terminal.of(env("NO_COLOR", "1"), true, true).out().colour()).isFalse();
    assertThat(Terminal.of(env("NO_COLOR", "false"), true, true).err().colour()).isFalse();
    // no-color.org: an empty value does not count.
    assertThat(Terminal.of(env("NO_COLOR", ""), true, true).out().colour()).isTrue();
  }

  @Test
  void noColorBeatsForcedColour() {
    assertThat(Terminal.of(env("CLICOLOR_FORCE", "1"), false, false).out().colour()).isTrue();
    assertThat(Terminal.of(env("FORCE_COLOR", "0"), false, false).out().colour()).isFalse();
    assertThat(
            Terminal.of(env("CLICOLOR_FORCE", "1", "NO_COLOR", "1"), false, false).out().colour())
        .isFalse();
  }

  @Test
  void dumbTerminalGetsNeitherColourNorAnimation() {
    Terminal t = Terminal.of(env("TERM", "dumb"), true, true);
    assertThat(t.out().colour()).isFalse();
    assertThat(t.progress()).isFalse();
  }

  @Test
  void progressNeedsStderrToBeATerminal() {
    assertThat(Terminal.of(env(), true, false).progress()).isFalse();
    assertThat(Terminal.of(env(), false, true).progress()).isTrue();
  }

  @Test
  void marksFallBackToAsciiWithoutAUtf8Locale() {
    Style utf = Terminal.of(env("LANG", "en_US.UTF-8"), false, false).out();
    Style c = Terminal.of(env("LANG", "C"), false, false).out();
    Style none = Terminal.of(env(), false, false).out();
    Style lcAllWins = Terminal.of(env("LC_ALL", "C", "LANG", "C.UTF-8"), false, false).out();
    assertThat(utf.mark(Mark.OK)).isEqualTo("✓");
    assertThat(utf.mark(Mark.FAIL)).isEqualTo("✗");
    assertThat(c.mark(Mark.OK)).isEqualTo("ok");
    assertThat(c.mark(Mark.FAIL)).isEqualTo("XX");
    assertThat(none.unicode()).isFalse();
    assertThat(lcAllWins.unicode()).isFalse();
    assertThat(Terminal.of(env("LC_CTYPE", "de_DE.utf8"), false, false).out().unicode()).isTrue();
  }

  @Test
  void columnsComeFromTheColumnsVariable() {
    assertThat(Terminal.of(env("COLUMNS", "120"), false, false).columns()).isEqualTo(120);
    assertThat(Terminal.of(env("COLUMNS", "junk"), false, false).columns()).isEqualTo(80);
  }

  @Test
  void statusLineDrawsNothingWhenStderrIsNotATerminal() {
    var buf = new ByteArrayOutputStream();
    var err = new PrintStream(buf, true, StandardCharsets.UTF_8);
    try (StatusLine s = StatusLine.start(Terminal.of(env(), true, false), err, () -> "working")) {
      s.printAbove("line");
      s.refresh();
      assertThat(s.active()).isFalse();
    }
    assertThat(buf.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void statusLineOnATerminalRedrawsWithCarriageReturnAndErasesItselfOnClose() {
    var buf = new ByteArrayOutputStream();
    var err = new PrintStream(buf, true, StandardCharsets.UTF_8);
    Terminal t = Terminal.of(env("COLUMNS", "40", "LANG", "C.UTF-8"), false, true);
    try (StatusLine s = StatusLine.start(t, err, () -> "working")) {
      s.printAbove("kept line");
    }
    String text = buf.toString(StandardCharsets.UTF_8);
    assertThat(text).contains("⠋\u001b[0m working").contains("kept line\n").endsWith("\r\u001b[K");
  }

  @Test
  void statusLineWithNoColorErasesWithSpacesNotEscapes() {
    var buf = new ByteArrayOutputStream();
    var err = new PrintStream(buf, true, StandardCharsets.UTF_8);
    Terminal t = Terminal.of(env("COLUMNS", "40", "NO_COLOR", "1", "LANG", "C"), false, true);
    try (StatusLine s = StatusLine.start(t, err, () -> "working")) {
      s.printAbove("kept line");
    }
    String text = buf.toString(StandardCharsets.UTF_8);
    assertThat(text).doesNotContain("\u001b").contains("| working").contains("kept line\n");
    assertThat(text).endsWith("\r" + " ".repeat("| working".length()) + "\r");
  }

  @Test
  void statusLineKeepsTheNewestTextWhenTooWide() {
    Terminal t = Terminal.of(env("COLUMNS", "20", "LANG", "C"), false, false);
    try (StatusLine s = StatusLine.start(t, System.err, () -> "")) {
      assertThat(s.fit("abcdefghijklmnopqrstuvwxyz", 10)).isEqualTo("...tuvwxyz");
      assertThat(s.fit("short\nline", 20)).isEqualTo("short line");
    }
  }

  @Test
  void durationsReadNaturally() {
    assertThat(Terminal.formatDuration(Duration.ofMillis(340))).isEqualTo("340 ms");
    assertThat(Terminal.formatDuration(Duration.ofMillis(2440))).isEqualTo("2.4 s");
    assertThat(Terminal.formatDuration(Duration.ofSeconds(65))).isEqualTo("1 min 05 s");
  }

  @Test
  void terminalDevicesAreRecognisedByPath() {
    assertThat(Tty.isTerminalDevice("/dev/pts/3")).isTrue();
    assertThat(Tty.isTerminalDevice("/dev/tty1")).isTrue();
    assertThat(Tty.isTerminalDevice("pipe:[12345]")).isFalse();
    assertThat(Tty.isTerminalDevice("/tmp/out.log")).isFalse();
  }
}
