package dev.commitpolish.git;

/**
 * An operation in progress, read from files in the git dir. The hook leaves messages alone in every
 * state but {@link #NONE} and {@link #MERGE}'s own rules.
 */
public enum RepoState {
  /** No operation in progress. */
  NONE,
  /** {@code MERGE_HEAD} exists: a merge is being concluded. */
  MERGE,
  /** {@code rebase-merge/} or {@code rebase-apply/} exists (also {@code git am}). */
  REBASE,
  /** {@code CHERRY_PICK_HEAD} exists, or the sequencer is cherry-picking. */
  CHERRY_PICK,
  /** {@code REVERT_HEAD} exists, or the sequencer is reverting. */
  REVERT
}
