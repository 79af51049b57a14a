package dev.commitpolish.ui;

/**
 * How to decorate text for one output stream: colours only when that stream is a colour-capable
 * terminal, Unicode marks only when the locale can show them.
 */
public final class Style {

  private final boolean colour;
  private final boolean unicode;

  Style(boolean colour, boolean unicode) {
    this.colour = colour;
    this.unicode = unicode;
  }

  /** A style that never emits escape sequences; for tests and files. */
  public static Style plain(boolean unicode) {
    return new Style(false, unicode);
  }

  /** Whether escape sequences may be written to this stream. */
  public boolean colour() {
    return colour;
  }

  /** Whether non-ASCII symbols (✓ ✗ ⠋) may be written. */
  public boolean unicode() {
    return unicode;
  }

  /** {@code text} in {@code c}, or unchanged when colour is off. */
  public String paint(Colour c, String text) {
    return colour && !text.isEmpty() ? c.wrap(text) : text;
  }

  /** The (coloured) symbol of {@code m}. */
  public String mark(Mark m) {
    return paint(m.colour(), m.symbol(unicode));
  }

  /** An ellipsis that fits the stream's character set. */
  public String ellipsis() {
    return unicode ? "…" : "...";
  }
}
