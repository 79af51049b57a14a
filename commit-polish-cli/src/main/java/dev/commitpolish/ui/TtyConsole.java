package dev.commitpolish.ui;

import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** {@link Console} on {@code /dev/tty}. */
final class TtyConsole implements Console {

  private final InputStream in;
  private final PrintStream out;
  private final Style style;

  private TtyConsole(InputStream in, PrintStream out, Style style) {
    this.in = in;
    this.out = out;
    this.style = style;
  }

  static Optional<Console> open(Terminal term) {
    FileInputStream in = null;
    try {
      in = new FileInputStream("/dev/tty");
      var out = new PrintStream(new FileOutputStream("/dev/tty"), true, StandardCharsets.UTF_8);
      // The tty is a terminal by definition; NO_COLOR and TERM=dumb still apply via err().
      return Optional.of(new TtyConsole(in, out, term.err()));
    } catch (IOException e) {
      if (in != null) {
        try {
          in.close();
        } catch (IOException ignored) {
          // nothing useful to do: we are reporting "no terminal" anyway
        }
      }
      return Optional.empty();
    }
  }

  @Override
  public Optional<String> ask(String prompt) throws IOException {
    out.print(prompt);
    out.flush();
    // Byte-wise so we never read ahead past the newline (the next question needs it).
    var line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1 && b != '\n') {
      if (b != '\r') {
        line.write(b);
      }
    }
    if (b == -1 && line.size() == 0) {
      return Optional.empty();
    }
    return Optional.of(line.toString(StandardCharsets.UTF_8));
  }

  @Override
  public void say(String line) {
    out.println(line);
  }

  @Override
  public boolean isTerminal() {
    return true;
  }

  @Override
  public Style style() {
    return style;
  }

  @Override
  public void close() {
    out.close();
    try {
      in.close();
    } catch (IOException ignored) {
      // closing a tty we only read from cannot lose data
    }
  }
}
