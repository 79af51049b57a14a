package dev.commitpolish.install;

/** The git hooks commit-polish can install, and what each one runs. */
public enum HookKind {
  /** Rewrites the message: {@code commit-polish hook <file> [<source> [<sha>]]}. */
  PREPARE_COMMIT_MSG("prepare-commit-msg", "hook \"$@\"", "message left unchanged"),
  /** Lints without rewriting: {@code commit-polish lint --edit <file>}; errors stop the commit. */
  COMMIT_MSG("commit-msg", "lint --edit \"$1\"", "message not linted");

  private final String fileName;
  private final String invocation;
  private final String failOpenNote;

  HookKind(String fileName, String invocation, String failOpenNote) {
    this.fileName = fileName;
    this.invocation = invocation;
    this.failOpenNote = failOpenNote;
  }

  /** The hook's file name in the hooks directory. */
  public String fileName() {
    return fileName;
  }

  /** The launcher arguments, as shell words (may refer to the hook's positional parameters). */
  String invocation() {
    return invocation;
  }

  /** What the one stderr line says when the launcher is gone and the hook fails open. */
  String failOpenNote() {
    return failOpenNote;
  }

  /** Where a hook that was already there is kept while ours is installed. */
  String previousFileName() {
    return fileName + HookScripts.PREVIOUS_SUFFIX;
  }
}
