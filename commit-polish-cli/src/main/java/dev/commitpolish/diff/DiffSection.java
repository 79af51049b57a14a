package dev.commitpolish.diff;

import java.util.Objects;

/**
 * The diff part of a prompt: a summary line for every changed file, then the hunks that fit.
 *
 * @param text the section as it goes into the prompt
 * @param files number of changed files (all of them are named in {@code text} unless {@code
 *     pathsDropped} &gt; 0)
 * @param shownHunks hunks included (fully or cut)
 * @param totalHunks hunks of non-excluded files
 * @param pathsDropped changed paths that did not fit even as bare names (0 in any sane budget)
 * @param tokens the section's size as counted by the budgeter's counter
 */
public record DiffSection(
    String text, int files, int shownHunks, int totalHunks, int pathsDropped, int tokens) {

  public DiffSection {
    Objects.requireNonNull(text, "text");
  }

  /** True when every hunk of every non-excluded file is in the prompt. */
  public boolean complete() {
    return shownHunks == totalHunks && pathsDropped == 0;
  }
}
