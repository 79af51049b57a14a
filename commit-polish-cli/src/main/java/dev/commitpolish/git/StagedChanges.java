package dev.commitpolish.git;

import java.util.List;
import java.util.Objects;

/**
 * What is being committed: the per-file summary of every staged file, and the patch text up to a
 * byte limit.
 *
 * @param files every changed file, in git's order (never truncated)
 * @param patch {@code git diff --cached} output, decoded as UTF-8 with invalid bytes replaced by
 *     U+FFFD; when {@code truncated}, cut at the last complete line within the limit
 * @param truncated whether the patch was longer than the limit
 * @param initialCommit whether HEAD does not exist yet (the first commit on an unborn branch)
 */
public record StagedChanges(
    List<FileChange> files, String patch, boolean truncated, boolean initialCommit) {

  public StagedChanges {
    files = List.copyOf(files);
    Objects.requireNonNull(patch, "patch");
  }

  /** Whether nothing is staged. */
  public boolean isEmpty() {
    return files.isEmpty();
  }

  /** Total lines added over all files. */
  public int linesAdded() {
    return files.stream().mapToInt(FileChange::added).sum();
  }

  /** Total lines deleted over all files. */
  public int linesDeleted() {
    return files.stream().mapToInt(FileChange::deleted).sum();
  }
}
