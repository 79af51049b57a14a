package dev.commitpolish.ui;

/** The status marks printed in front of check and result lines, with ASCII fallbacks. */
public enum Mark {
  /** A check passed. */
  OK("✓", "ok", Colour.GREEN),
  /** A check passed with a caveat worth reading. */
  WARN("!", "!!", Colour.YELLOW),
  /** A check failed. */
  FAIL("✗", "XX", Colour.RED),
  /** A check could not run because an earlier one failed. */
  SKIP("-", "--", Colour.DIM);

  private final String unicode;
  private final String ascii;
  private final Colour colour;

  Mark(String unicode, String ascii, Colour colour) {
    this.unicode = unicode;
    this.ascii = ascii;
    this.colour = colour;
  }

  /** The bare symbol: the Unicode form when the terminal can show it, else an ASCII one. */
  public String symbol(boolean unicodeOk) {
    return unicodeOk ? unicode : ascii;
  }

  Colour colour() {
    return colour;
  }
}
