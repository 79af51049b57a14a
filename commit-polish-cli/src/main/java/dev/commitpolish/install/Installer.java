package dev.commitpolish.install;

import dev.commitpolish.cli.Env;
import dev.commitpolish.git.GitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code install} and {@code uninstall} do, independent of picocli: locate the hooks directory
 * the way git does, refuse directories other tools own, write or remove our scripts, and manage
 * {@code core.hooksPath} (global install) and the {@code git polish} alias. Each method returns one
 * line per change.
 */
final class Installer {

  /** Records which global {@code core.hooksPath} we set, so uninstall only reverts our own. */
  static final String MANAGED_KEY = "commit-polish.managedHooksPath";

  /** Keeps an {@code alias.polish} that {@code --force} replaced, so uninstall can put it back. */
  static final String PREVIOUS_ALIAS_KEY = "commit-polish.previousAlias";

  static final String DOCS = "docs/install.md";

  private final Env env;
  private final GitRunner git;

  Installer(Env env) {
    this.env = env;
    this.git = new GitRunner(env);
  }

  /** Where git looks for this repository's hooks, and what set it. */
  record Location(Path dir, Optional<String> hooksPath, Optional<String> hooksPathScope) {}

  // ---------------------------------------------------------------- repository install

  /** The hooks directory of the repository at the working directory. */
  Location locate() {
    // Plain --git-path (relative to cwd, or absolute) rather than --path-format=absolute, which
    // git before 2.31 would echo back as if it were an argument.
    GitResult r = git.run("rev-parse", "--git-path", "hooks");
    if (!r.ok()) {
      throw new InstallException(
          "not inside a git repository ("
              + env.cwd()
              + "): run it from your repository, or use --global to install for all"
              + " repositories");
    }
    Path dir = env.cwd().resolve(r.line()).normalize();
    Optional<String> value = Optional.empty();
    Optional<String> scope = Optional.empty();
    GitResult scoped = git.run("config", "--show-scope", "--get", "core.hooksPath");
    if (scoped.ok()) {
      String line = scoped.line();
      int tab = line.indexOf('\t');
      scope = Optional.of(tab < 0 ? "unknown" : line.substring(0, tab));
      value = Optional.of(tab < 0 ? line : line.substring(tab + 1));
      if (isGlobalScope(scope.get()) && isManagedGlobal(value.get())) {
        // Our own global install forwards to the repository's hooks: install there.
        dir = commonDir().resolve("hooks");
      }
    }
    return new Location(dir, value, scope);
  }

  List<String> install(HookKind kind, ChainOrder order, boolean force, String launcher) {
    Location loc = locate();
    var notes = new ArrayList<String>();
    if (loc.hooksPath().isPresent()) {
      String value = loc.hooksPath().get();
      String scope = loc.hooksPathScope().orElse("");
      if (value.equals("/dev/null")) {
        throw new InstallException(
            "git hooks are disabled here: core.hooksPath=/dev/null ("
                + scope
                + " config). Remove it with: git config --"
                + scope
                + " --unset core.hooksPath");
      }
      if (isGlobalScope(scope) && !isManagedGlobal(value)) {
        if (!force) {
          throw new InstallException(
              "core.hooksPath is set in your "
                  + scope
                  + " git config ("
                  + value
                  + "), so git ignores this repository's .git/hooks and runs "
                  + loc.dir()
                  + " for every repository.\n"
                  + "  To add commit-polish there for all repositories: commit-polish install"
                  + " --global\n"
                  + "  Or call it from your own "
                  + loc.dir().resolve(kind.fileName())
                  + ": "
                  + selfCall(kind)
                  + "\n  Or run again with --force to install into "
                  + loc.dir()
                  + " anyway.");
        }
      } else if (!isGlobalScope(scope)) {
        notes.add(
            "note: core.hooksPath="
                + value
                + " ("
                + scope
                + " config), so the hook goes there, not into .git/hooks");
      }
    }
    var files = new HookFiles(loc.dir());
    if (!force && !files.isInstalled(kind)) {
      refuseManaged(loc.dir(), loc.hooksPath(), kind);
    }
    files.install(kind, HookScripts.hook(kind, launcher, order, false), order);
    var out = new ArrayList<>(files.actions());
    out.add(runsLine(kind, launcher));
    out.addAll(notes);
    return out;
  }

  List<String> uninstall(Set<HookKind> kinds) {
    Location loc = locate();
    var files = new HookFiles(loc.dir());
    boolean any = false;
    for (HookKind kind : kinds) {
      any |= files.uninstall(kind);
    }
    var out = new ArrayList<>(files.actions());
    if (!any && out.isEmpty()) {
      out.add("nothing to remove: no commit-polish hook in " + loc.dir());
    }
    return out;
  }

  // ---------------------------------------------------------------- global install

  /** The directory {@code install --global} creates when no global hooks directory exists. */
  Path defaultGlobalDir() {
    Path base =
        env.xdgDir("XDG_CONFIG_HOME", ".config")
            .orElseThrow(
                () ->
                    new InstallException(
                        "neither XDG_CONFIG_HOME nor HOME is set to an absolute path; set HOME so"
                            + " --global knows where your configuration lives"));
    return base.resolve("commit-polish").resolve("hooks");
  }

  List<String> installGlobal(HookKind kind, ChainOrder order, boolean force, String launcher) {
    Optional<String> current = git.config("--global", "core.hooksPath");
    var out = new ArrayList<String>();
    Path dir;
    boolean ours;
    if (current.isPresent()) {
      dir = globalDir(current.get());
      ours = isManagedGlobal(current.get());
      if (!ours && !force && !new HookFiles(dir).isInstalled(kind)) {
        refuseManaged(dir, current, kind);
      }
    } else {
      dir = defaultGlobalDir();
      ours = true;
    }
    var files = new HookFiles(dir);
    files.install(kind, HookScripts.hook(kind, launcher, order, true), order);
    if (ours) {
      files.installForwarders(List.of());
    }
    out.addAll(files.actions());
    if (current.isEmpty()) {
      git.setConfig("--global", "core.hooksPath", dir.toString());
      git.setConfig("--global", MANAGED_KEY, dir.toString());
      out.add("set git config --global core.hooksPath " + dir);
      out.add(
          "note: git now runs hooks from "
              + dir
              + " in every repository instead of its .git/hooks; the forwarding hooks there run"
              + " each repository's own hooks, and a repository with its own core.hooksPath"
              + " (husky) does not see the global one (see "
              + DOCS
              + ")");
    } else if (!ours) {
      out.add(
          "note: installed into your existing global hooks directory (core.hooksPath="
              + current.get()
              + "); core.hooksPath is unchanged");
    }
    out.add(runsLine(kind, launcher));
    return out;
  }

  List<String> uninstallGlobal(Set<HookKind> kinds) {
    Optional<String> current = git.config("--global", "core.hooksPath");
    var out = new ArrayList<String>();
    if (current.isEmpty()) {
      if (git.config("--global", MANAGED_KEY).isPresent()) {
        git.unsetConfig("--global", MANAGED_KEY);
      }
      out.add("nothing to remove: git config --global core.hooksPath is not set");
      return out;
    }
    Path dir = globalDir(current.get());
    boolean ours = isManagedGlobal(current.get());
    var files = new HookFiles(dir);
    for (HookKind kind : kinds) {
      files.uninstall(kind);
    }
    boolean anyLeft = false;
    for (HookKind kind : HookKind.values()) {
      anyLeft |= files.isInstalled(kind);
    }
    if (ours && !anyLeft) {
      files.uninstallForwarders();
      files.removeDirIfEmpty();
      out.addAll(files.actions());
      git.unsetConfig("--global", "core.hooksPath");
      git.unsetConfig("--global", MANAGED_KEY);
      out.add("unset git config --global core.hooksPath (repositories use their .git/hooks again)");
      return out;
    }
    if (ours) {
      // The other hook stays installed, so the directory stays in use: keep the removed hook's
      // name forwarding to each repository's own hook.
      for (HookKind kind : kinds) {
        if (!Files.exists(files.target(kind))) {
          files.installForwarder(kind.fileName());
        }
      }
    }
    out.addAll(files.actions());
    if (out.isEmpty()) {
      out.add("nothing to remove: no commit-polish hook in " + dir);
    }
    return out;
  }

  // ---------------------------------------------------------------- alias

  /** The {@code alias.polish} value for {@code launcher}. */
  static String aliasValue(String launcher) {
    return "!" + HookScripts.shellQuote(launcher) + " polish";
  }

  static boolean isOurAlias(String value) {
    return value.startsWith("!") && value.contains("commit-polish") && value.endsWith(" polish");
  }

  List<String> addAlias(String scope, boolean force, String launcher) {
    requireRepoFor(scope);
    String value = aliasValue(launcher);
    Optional<String> current = git.config(scope, "alias.polish");
    if (current.isPresent() && current.get().equals(value)) {
      return List.of("already set: git polish (alias.polish in " + scopeName(scope) + " config)");
    }
    if (current.isPresent() && !isOurAlias(current.get())) {
      if (!force) {
        throw new InstallException(
            "alias.polish is already set in your "
                + scopeName(scope)
                + " git config to '"
                + current.get()
                + "'. Remove it (git config "
                + scope
                + " --unset alias.polish) or run again with --force to replace it (uninstall"
                + " --alias puts it back).");
      }
      git.setConfig(scope, PREVIOUS_ALIAS_KEY, current.get());
    }
    git.setConfig(scope, "alias.polish", value);
    return List.of(
        "added git alias: git polish runs '"
            + value.substring(1)
            + "' ("
            + scopeName(scope)
            + " config)");
  }

  List<String> removeAlias(String scope) {
    if (scope.equals("--local") && !git.run("rev-parse", "--git-dir").ok()) {
      return List.of();
    }
    Optional<String> current = git.config(scope, "alias.polish");
    if (current.isEmpty() || !isOurAlias(current.get())) {
      return List.of();
    }
    Optional<String> previous = git.config(scope, PREVIOUS_ALIAS_KEY);
    if (previous.isPresent()) {
      git.setConfig(scope, "alias.polish", previous.get());
      git.unsetConfig(scope, PREVIOUS_ALIAS_KEY);
      return List.of("restored previous git alias polish (" + scopeName(scope) + " config)");
    }
    git.unsetConfig(scope, "alias.polish");
    return List.of("removed git alias: git polish (" + scopeName(scope) + " config)");
  }

  // ---------------------------------------------------------------- helpers

  private void refuseManaged(Path dir, Optional<String> hooksPath, HookKind kind) {
    Optional<HookManager> manager = HookManager.detect(dir, hooksPath);
    if (manager.isPresent()) {
      HookManager m = manager.get();
      throw new InstallException(
          "the hooks directory "
              + dir
              + " is managed by "
              + m.name()
              + " ("
              + m.evidence()
              + "); a hook written there would be lost on its next install.\n"
              + "  Instead, "
              + m.recipe(kind)
              + "\n  Recipes: "
              + DOCS
              + ". Or run again with --force to chain into "
              + dir
              + " anyway.");
    }
  }

  private boolean isManagedGlobal(String hooksPathValue) {
    Optional<String> managed = git.config("--global", MANAGED_KEY);
    return managed.isPresent() && sameDir(managed.get(), hooksPathValue);
  }

  private boolean sameDir(String a, String b) {
    return expandHome(a).normalize().equals(expandHome(b).normalize());
  }

  private Path globalDir(String value) {
    if (value.equals("/dev/null")) {
      throw new InstallException(
          "git hooks are disabled for every repository: git config --global core.hooksPath is"
              + " /dev/null. Remove it first: git config --global --unset core.hooksPath");
    }
    Path p = expandHome(value);
    if (!p.isAbsolute()) {
      throw new InstallException(
          "git config --global core.hooksPath is relative ("
              + value
              + "), so it names a different directory in every repository; make it absolute or"
              + " unset it (git config --global --unset core.hooksPath), then run again");
    }
    return p;
  }

  private Path expandHome(String value) {
    return Path.of(env.expandHome(value));
  }

  private Path commonDir() {
    GitResult r = git.run("rev-parse", "--git-common-dir");
    GitRunner.requireOk(r, "rev-parse --git-common-dir");
    return env.cwd().resolve(r.line()).normalize();
  }

  private void requireRepoFor(String scope) {
    if (scope.equals("--local") && !git.run("rev-parse", "--git-dir").ok()) {
      throw new InstallException(
          "--local needs a repository: run it inside one, or leave out --local for the global"
              + " alias");
    }
  }

  private static boolean isGlobalScope(String scope) {
    return scope.equals("global") || scope.equals("system");
  }

  private static String scopeName(String scope) {
    return scope.replace("--", "");
  }

  private static String selfCall(HookKind kind) {
    return kind == HookKind.COMMIT_MSG
        ? "commit-polish lint --edit \"$1\""
        : "commit-polish hook \"$@\"";
  }

  private static String runsLine(HookKind kind, String launcher) {
    String call =
        kind == HookKind.COMMIT_MSG ? "lint --edit <file>" : "hook <file> [<source> [<sha>]]";
    return "the hook runs: "
        + launcher
        + " "
        + call
        + (launcher.startsWith("/") ? "" : " (found on PATH when the hook runs)");
  }
}
