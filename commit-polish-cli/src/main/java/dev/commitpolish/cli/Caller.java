package dev.commitpolish.cli;

/**
 * What a run needs to know about whoever asked for it: this process (the launcher, a test), or a
 * client of the resident worker.
 */
public interface Caller {

  /** A run in its own process: may start a resident worker after a hook or commit-msg lint. */
  Caller PROCESS =
      new Caller() {
        @Override
        public boolean startsWorker() {
          return true;
        }
      };

  /**
   * Whether a hook run (or {@code lint --edit}, a commit-msg hook's call) may start a resident
   * worker for the next commits afterwards.
   */
  default boolean startsWorker() {
    return false;
  }

  /**
   * True once the client that asked for this run has gone (Ctrl-C on the commit): git has moved on,
   * so a hook must not write the message file any more.
   */
  default boolean abandoned() {
    return false;
  }

  /** A hook run found {@code commit-polish.daemon = false}: a worker should stop serving. */
  default void workerUnwanted() {}
}
