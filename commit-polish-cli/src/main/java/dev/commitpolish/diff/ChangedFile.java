package dev.commitpolish.diff;

import java.util.Objects;

/**
 * One changed path of the staged diff, as git's {@code --numstat} and {@code --name-status} report
 * it.
 *
 * @param path the path after the change
 * @param oldPath the path before a rename or copy, else {@code null}
 * @param status git's status letter: {@code A M D R C T U}
 * @param added added lines (0 for binary files)
 * @param deleted deleted lines (0 for binary files)
 * @param binary whether git treats the file as binary
 */
public record ChangedFile(
    String path, String oldPath, char status, int added, int deleted, boolean binary) {

  public ChangedFile {
    Objects.requireNonNull(path, "path");
    if (added < 0 || deleted < 0) {
      throw new IllegalArgumentException("line counts must be >= 0: " + added + ", " + deleted);
    }
  }

  /** {@code M src/a.java (+3 -1)}, {@code R old -> new (+0 -0)}, {@code A logo.png (binary)}. */
  public String summaryLine() {
    String name = oldPath != null && !oldPath.equals(path) ? oldPath + " -> " + path : path;
    String counts = binary ? "(binary)" : "(+" + added + " -" + deleted + ")";
    return status + " " + name + " " + counts;
  }
}
