package dev.commitpolish.install;

import java.util.List;

/**
 * The shell scripts commit-polish writes into a hooks directory, and how to recognise them again.
 *
 * <p>Every script carries the {@link #MARKER} line so that re-install, uninstall and {@code doctor}
 * can tell our file from anyone else's without guessing (pre-commit and lefthook do the same).
 * Scripts are POSIX {@code sh}: git runs hooks with {@code /bin/sh} semantics on every platform it
 * supports, and the script does nothing but chain and start the launcher.
 */
public final class HookScripts {

  /** Starts the marker line; followed by the hook name (or {@code forward}) and a version. */
  public static final String MARKER = "# commit-polish-managed: ";

  /** Suffix of the file that keeps a hook that was there before ours. */
  static final String PREVIOUS_SUFFIX = ".commit-polish-prev";

  /**
   * Hook names that get a forwarding stub in a global hooks directory we own. Left out on purpose:
   * {@code reference-transaction} and {@code post-index-change} (git runs them on every ref or
   * index update, so a stub would slow down every git command), the server-side hooks, and {@code
   * fsmonitor-watchman} (not invoked through the hooks directory by name).
   */
  static final List<String> FORWARDED_HOOKS =
      List.of(
          "applypatch-msg",
          "pre-applypatch",
          "post-applypatch",
          "pre-commit",
          "pre-merge-commit",
          "prepare-commit-msg",
          "commit-msg",
          "post-commit",
          "pre-rebase",
          "post-checkout",
          "post-merge",
          "pre-push",
          "post-rewrite",
          "pre-auto-gc",
          "sendemail-validate",
          "push-to-checkout");

  private HookScripts() {}

  /**
   * The hook script for {@code kind}.
   *
   * @param launcher absolute path of the commit-polish launcher, or the bare name {@code
   *     commit-polish} to look it up on PATH when the hook runs
   * @param order whether the previous hook runs before or after commit-polish
   * @param global true for a global hooks directory: the script then also runs the repository's own
   *     hook of the same name, which git no longer runs once {@code core.hooksPath} is set
   */
  static String hook(HookKind kind, String launcher, ChainOrder order, boolean global) {
    String name = kind.fileName();
    var s = new StringBuilder();
    s.append("#!/bin/sh\n");
    s.append(MARKER).append(name).append(" v1\n");
    s.append("# Written by `commit-polish install")
        .append(kind == HookKind.COMMIT_MSG ? " --commit-msg" : "")
        .append(global ? " --global" : "")
        .append("`. `commit-polish uninstall")
        .append(global ? " --global" : "")
        .append("` removes it and\n");
    s.append("# puts back the hook that was here before, kept meanwhile as ")
        .append(kind.previousFileName())
        .append(".\n");
    if (order == ChainOrder.FIRST) {
      s.append(
          "# Order: the previous hook runs first, with the same arguments. If it fails, the\n");
      s.append("# commit stops exactly as it did before, and commit-polish does not run.\n");
    } else {
      s.append(
          "# Order: commit-polish runs first, then the previous hook with the same arguments,\n");
      s.append("# so it has the last word; the exit status is the previous hook's if it fails.\n");
    }
    if (kind == HookKind.PREPARE_COMMIT_MSG) {
      s.append("# Skip commit-polish once: COMMIT_POLISH_SKIP=1 git commit ...\n");
    } else {
      s.append("# Lints without rewriting; `git commit --no-verify` skips it.\n");
    }
    s.append('\n');
    if (global) {
      s.append("# core.hooksPath points here, so git no longer runs the repository's own hook:\n");
      s.append("# run it from here. When it is commit-polish's own, it does everything itself.\n");
      s.append("cp_repo_hook=\"$(git rev-parse --git-common-dir 2>/dev/null)/hooks/")
          .append(name)
          .append("\"\n");
      s.append("if [ -x \"$cp_repo_hook\" ] && grep -q '")
          .append(MARKER.strip())
          .append("' \"$cp_repo_hook\" 2>/dev/null; then\n");
      s.append("  exec \"$cp_repo_hook\" \"$@\"\n");
      s.append("fi\n\n");
    }
    s.append("cp_run_previous() {\n");
    if (global) {
      s.append("  if [ -x \"$cp_repo_hook\" ]; then\n");
      s.append("    \"$cp_repo_hook\" \"$@\" || exit $?\n");
      s.append("  fi\n");
    }
    s.append("  cp_prev=\"$(dirname -- \"$0\")/").append(kind.previousFileName()).append("\"\n");
    s.append("  if [ -x \"$cp_prev\" ]; then\n");
    s.append("    \"$cp_prev\" \"$@\" || exit $?\n");
    s.append("  fi\n");
    s.append("}\n\n");
    s.append("cp_run_self() {\n");
    boolean absolute = launcher.startsWith("/");
    if (absolute) {
      s.append("  cp_bin=").append(shellQuote(launcher)).append('\n');
      s.append("  # Fall back to PATH when the installation moved; fail open when it is gone.\n");
      s.append("  if [ ! -x \"$cp_bin\" ]; then\n");
      s.append("    cp_bin=$(command -v commit-polish 2>/dev/null) || {\n");
      s.append("      echo \"commit-polish: not found at ")
          .append(doubleQuoteBody(launcher))
          .append(" nor on PATH; ")
          .append(kind.failOpenNote())
          .append(" (reinstall it, or remove $0)\" >&2\n");
      s.append("      return 0\n");
      s.append("    }\n");
      s.append("  fi\n");
    } else {
      s.append("  # Fail open when commit-polish is not installed (any more).\n");
      s.append("  cp_bin=$(command -v ")
          .append(shellQuote(launcher))
          .append(" 2>/dev/null) || {\n");
      s.append("    echo \"commit-polish: ")
          .append(doubleQuoteBody(launcher))
          .append(" not found on PATH; ")
          .append(kind.failOpenNote())
          .append(" (install it, or remove $0)\" >&2\n");
      s.append("    return 0\n");
      s.append("  }\n");
    }
    s.append("  \"$cp_bin\" ").append(kind.invocation()).append('\n');
    s.append("}\n\n");
    if (order == ChainOrder.FIRST) {
      s.append("cp_run_previous \"$@\"\n");
      s.append("cp_run_self \"$@\"\n");
    } else {
      s.append("cp_status=0\n");
      s.append("cp_run_self \"$@\" || cp_status=$?\n");
      s.append("cp_run_previous \"$@\"\n");
      s.append("exit $cp_status\n");
    }
    return s.toString();
  }

  /**
   * A stub for a global hooks directory we own: runs the repository's own hook of its name, which
   * git stops running once {@code core.hooksPath} is set globally.
   */
  static String forwarder() {
    return "#!/bin/sh\n"
        + MARKER
        + "forward v1\n"
        + "# core.hooksPath points to this directory (`commit-polish install --global`), so git no\n"
        + "# longer runs the hooks in each repository's .git/hooks. This stub runs the repository's\n"
        + "# own hook of the same name instead. `commit-polish uninstall --global` removes it.\n"
        + "cp_repo_hook=\"$(git rev-parse --git-common-dir 2>/dev/null)/hooks/$(basename -- \"$0\")\"\n"
        + "if [ -x \"$cp_repo_hook\" ]; then\n"
        + "  exec \"$cp_repo_hook\" \"$@\"\n"
        + "fi\n";
  }

  /** Whether {@code content} is a script written by commit-polish. */
  public static boolean isOurs(String content) {
    return content.lines().limit(3).anyMatch(l -> l.startsWith(MARKER));
  }

  /** Whether {@code content} is one of our forwarding stubs. */
  public static boolean isForwarder(String content) {
    return content.lines().limit(3).anyMatch(l -> l.equals(MARKER + "forward v1"));
  }

  /** {@code s} as one single-quoted shell word. */
  static String shellQuote(String s) {
    if (s.matches("[A-Za-z0-9_@%+=:,./-]+")) {
      return s;
    }
    return "'" + s.replace("'", "'\\''") + "'";
  }

  /** {@code s} escaped for use inside a double-quoted shell string. */
  private static String doubleQuoteBody(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$").replace("`", "\\`");
  }
}
