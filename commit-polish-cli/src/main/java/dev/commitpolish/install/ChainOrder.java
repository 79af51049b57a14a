package dev.commitpolish.install;

/** When the hook that was there before commit-polish runs, relative to commit-polish. */
enum ChainOrder {
  /**
   * The default: the previous hook sees exactly the file git wrote, as before the install, and its
   * failure stops the commit before any time is spent on the model (pre-commit's "migration mode"
   * uses the same order).
   */
  FIRST,
  /**
   * The previous hook gets the last word: for hooks that stamp something on the final message (a
   * ticket prefix, a template line) that the polisher should not see or rephrase.
   */
  LAST
}
