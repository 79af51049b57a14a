package dev.commitpolish.ui;

import dev.commitpolish.cli.Env;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Terminal conventions shared by every command.
 *
 * <ul>
 *   <li>Colour only when the stream is a terminal, never when {@code NO_COLOR} has any non-empty
 *       value (<a href="https://no-color.org">no-color.org</a>), never with {@code TERM=dumb}.
 *       {@code CLICOLOR_FORCE} or {@code FORCE_COLOR} (non-empty, not {@code 0}) force colour on a
 *       pipe, but {@code NO_COLOR} still wins.
 *   <li>Animated progress (spinners, streamed tokens, rates) only on stderr, only when stderr is a
 *       terminal and {@code TERM} is not {@code dumb}.
 *   <li>✓/✗ marks and spinner frames only when the locale ({@code LC_ALL}, {@code LC_CTYPE}, {@code
 *       LANG}, first non-empty) is UTF-8; ASCII otherwise.
 * </ul>
 *
 * <p>Usage: {@code Terminal t = Terminal.detect(root.env());
 * root.out().println(t.out().mark(Mark.OK) + " done");}
 *
 * <p>Terminal detection looks at this process's file descriptors 1 and 2, so in-process tests that
 * pass their own streams through {@code Main.run} always see "not a terminal".
 */
public final class Terminal {

  private final boolean stdoutTty;
  private final boolean stderrTty;
  private final boolean dumb;
  private final Style out;
  private final Style err;
  private final Env env;
  private volatile int columns;

  private Terminal(Env env, boolean stdoutTty, boolean stderrTty) {
    this.env = env;
    this.stdoutTty = stdoutTty;
    this.stderrTty = stderrTty;
    this.dumb = env.get("TERM").map(t -> t.equals("dumb")).orElse(false);
    boolean unicode = unicodeLocale(env);
    boolean allowed = !noColor(env) && !dumb;
    boolean forced = forced(env, "CLICOLOR_FORCE") || forced(env, "FORCE_COLOR");
    this.out = new Style(allowed && (stdoutTty || forced), unicode);
    this.err = new Style(allowed && (stderrTty || forced), unicode);
  }

  /** Conventions for this process's real stdout and stderr under {@code env}. */
  public static Terminal detect(Env env) {
    return new Terminal(env, Tty.isTerminal(1), Tty.isTerminal(2));
  }

  /** Conventions for streams whose terminal-ness the caller already knows (tests, redirects). */
  public static Terminal of(Env env, boolean stdoutTty, boolean stderrTty) {
    return new Terminal(env, stdoutTty, stderrTty);
  }

  /** True when {@code NO_COLOR} is set to a non-empty value. */
  public static boolean noColor(Env env) {
    String v = env.vars().get("NO_COLOR");
    return v != null && !v.isEmpty();
  }

  private static boolean forced(Env env, String name) {
    String v = env.vars().get(name);
    return v != null && !v.isEmpty() && !v.equals("0") && !v.equalsIgnoreCase("false");
  }

  /** Whether the locale variables select UTF-8, as POSIX resolves them (LC_ALL, LC_CTYPE, LANG). */
  public static boolean unicodeLocale(Env env) {
    for (String name : new String[] {"LC_ALL", "LC_CTYPE", "LANG"}) {
      String v = env.vars().get(name);
      if (v != null && !v.isEmpty()) {
        String l = v.toLowerCase(Locale.ROOT);
        return l.contains("utf-8") || l.contains("utf8");
      }
    }
    return false;
  }

  /** Style for stdout. */
  public Style out() {
    return out;
  }

  /** Style for stderr. */
  public Style err() {
    return err;
  }

  /**
   * The picocli ANSI mode matching these conventions for stdout, for {@code
   * CommandLine.setColorScheme(Help.defaultColorScheme(term.helpAnsi()))}: picocli's own detection
   * honours {@code NO_COLOR} but not {@code TERM=dumb}, and reads the real environment rather than
   * {@link Env}.
   */
  public picocli.CommandLine.Help.Ansi helpAnsi() {
    return out.colour() ? picocli.CommandLine.Help.Ansi.ON : picocli.CommandLine.Help.Ansi.OFF;
  }

  /** Whether animated progress may be drawn on stderr (a terminal that understands {@code \r}). */
  public boolean progress() {
    return stderrTty && !dumb;
  }

  /**
   * Width of the terminal in columns: {@code COLUMNS}, else {@code stty size} on {@code /dev/tty},
   * else 80. Looked up once, lazily, because it costs a process.
   */
  public int columns() {
    int c = columns;
    if (c == 0) {
      c = env.get("COLUMNS").map(Terminal::parsePositive).orElse(0);
      if (c == 0 && (stderrTty || stdoutTty)) {
        c = sttyColumns();
      }
      if (c <= 0) {
        c = 80;
      }
      columns = c;
    }
    return c;
  }

  private static int parsePositive(String s) {
    try {
      return Math.max(0, Integer.parseInt(s.trim()));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static int sttyColumns() {
    try {
      Process p =
          new ProcessBuilder("sh", "-c", "stty size < /dev/tty")
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      p.getOutputStream().close();
      byte[] bytes;
      try (InputStream in = p.getInputStream()) {
        bytes = in.readAllBytes();
      }
      if (!p.waitFor(2, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return 0;
      }
      String[] parts = new String(bytes, StandardCharsets.US_ASCII).trim().split("\\s+");
      return parts.length == 2 ? parsePositive(parts[1]) : 0;
    } catch (IOException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  /** A short human duration: {@code 340 ms}, {@code 2.4 s}, {@code 1 min 05 s}. */
  public static String formatDuration(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + " ms";
    }
    if (ms < 60_000) {
      return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
    return String.format(Locale.ROOT, "%d min %02d s", ms / 60_000, (ms / 1000) % 60);
  }
}
