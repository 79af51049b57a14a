package dev.commitpolish.git;

import java.util.Objects;

/**
 * One file in the staged diff.
 *
 * @param path path in the new tree (for deletions: the deleted path), relative to the work-tree
 *     root, unquoted
 * @param oldPath source path of a rename or copy, else equal to {@code path}
 * @param status git's status letter: {@code A} added, {@code M} modified, {@code D} deleted, {@code
 *     R} renamed, {@code C} copied, {@code T} type changed, {@code U} unmerged
 * @param added lines added (0 for binary files)
 * @param deleted lines deleted (0 for binary files)
 * @param binary whether git treats the content as binary ({@code -} in {@code --numstat})
 * @param submodule whether the entry is a submodule (gitlink, mode 160000)
 */
public record FileChange(
    String path,
    String oldPath,
    char status,
    int added,
    int deleted,
    boolean binary,
    boolean submodule) {

  public FileChange {
    Objects.requireNonNull(path, "path");
    if (oldPath == null) {
      oldPath = path;
    }
    if (added < 0 || deleted < 0) {
      throw new IllegalArgumentException("negative line counts");
    }
  }

  /** A change that is not a submodule. */
  public FileChange(
      String path, String oldPath, char status, int added, int deleted, boolean binary) {
    this(path, oldPath, status, added, deleted, binary, false);
  }

  /** Whether this is a rename or copy ({@code oldPath} differs from {@code path}). */
  public boolean moved() {
    return !oldPath.equals(path);
  }
}
