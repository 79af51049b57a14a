package dev.commitpolish.ui;

/** The few SGR styles the CLI uses; kept small so output stays readable on any theme. */
public enum Colour {
  /** Success. */
  GREEN("32"),
  /** Failure. */
  RED("31"),
  /** Warnings. */
  YELLOW("33"),
  /** Secondary text (timings, streamed drafts). */
  DIM("2"),
  /** Emphasis (the final message). */
  BOLD("1"),
  /** Hints and commands the user can run. */
  CYAN("36");

  private final String sgr;

  Colour(String sgr) {
    this.sgr = sgr;
  }

  String wrap(String text) {
    return "\u001b[" + sgr + "m" + text + "\u001b[0m";
  }
}
