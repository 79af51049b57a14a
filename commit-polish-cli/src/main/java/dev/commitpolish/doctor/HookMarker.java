package dev.commitpolish.doctor;

/**
 * Recognises hook scripts written by {@code commit-polish install}. Mirrors the installer's marker
 * ({@code dev.commitpolish.install.HookScripts.MARKER}, package-private there): one of the first
 * three lines starts with {@code # commit-polish-managed: }.
 */
final class HookMarker {

  static final String MARKER = "# commit-polish-managed: ";

  private HookMarker() {}

  /** Whether the hook runs commit-polish itself (installed, or hand-written by the user). */
  static boolean runsCommitPolish(String hookText) {
    return (marked(hookText) && !forwarder(hookText)) || hookText.contains("commit-polish hook");
  }

  /** Whether the hook is our {@code install --global} stub that runs the repository's own hook. */
  static boolean forwarder(String hookText) {
    return hookText.lines().limit(3).anyMatch(l -> l.equals(MARKER + "forward v1"));
  }

  private static boolean marked(String hookText) {
    return hookText.lines().limit(3).anyMatch(l -> l.startsWith(MARKER));
  }
}
