package dev.commitpolish.install;

import dev.commitpolish.cli.CommitPolishCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code commit-polish install}: writes the prepare-commit-msg hook (or, with {@code --commit-msg},
 * a commit-msg lint hook) where git looks for hooks, chaining any hook that is already there;
 * optionally adds the {@code git polish} alias.
 */
@Command(
    name = "install",
    mixinStandardHelpOptions = true,
    description = {
      "Install the git hook where git looks for it (git rev-parse --git-path hooks, so"
          + " core.hooksPath and worktrees work), chaining any hook already there.",
      "A hook that was there is kept as <hook>.commit-polish-prev and still runs, with the same"
          + " arguments; uninstall puts it back byte for byte. Installing twice is harmless.",
      "Refuses directories owned by husky, lefthook or pre-commit and prints the recipe to use"
          + " instead."
    },
    footer = {
      "",
      "Examples:",
      "  commit-polish install                 polish messages in this repository",
      "  commit-polish install --commit-msg    lint only (commit-msg hook, no rewrite)",
      "  commit-polish install --alias         also add `git polish` (global config)",
      "  commit-polish install --alias --local --no-hook",
      "                                        only the alias, in this repository",
      "  commit-polish install --global        every repository (see docs/install.md)",
      "",
      "Exit codes: 0 installed (or already installed), 1 refused or failed, 2 usage."
    })
public final class InstallCommand implements Callable<Integer> {

  @ParentCommand private CommitPolishCommand root;

  @Spec private CommandSpec spec;

  @Option(
      names = "--commit-msg",
      description =
          "Install a commit-msg hook that runs `commit-polish lint --edit` (lints,"
              + " never rewrites) instead of the prepare-commit-msg hook.")
  private boolean commitMsg;

  @Option(
      names = "--global",
      description =
          "Install for every repository, in the global hooks directory (when none is set,"
              + " creates one and sets the global core.hooksPath: git then skips each"
              + " repository's own hooks, and forwarding hooks run them). Read docs/install.md"
              + " first.")
  private boolean global;

  @Option(
      names = "--force",
      description =
          "Install even where husky, lefthook, pre-commit or someone else's global hooks"
              + " path owns the hooks directory (chaining its hook); replace someone else's"
              + " `git polish` alias.")
  private boolean force;

  @Option(names = "--alias", description = "Also add the alias `git polish` (global git config).")
  private boolean alias;

  @Option(names = "--local", description = "With --alias: add it to this repository's config.")
  private boolean local;

  @Option(names = "--no-hook", description = "With --alias: add only the alias, no hook.")
  private boolean noHook;

  @Option(
      names = "--run-previous",
      paramLabel = "first|last",
      defaultValue = "first",
      description =
          "When a hook that was already there runs: before commit-polish (default;"
              + " its failure stops the commit as before) or after it (it gets the last word).")
  private String runPrevious;

  @Option(
      names = "--launcher",
      paramLabel = "PATH",
      description =
          "The commit-polish executable the hook runs (default: this installation's"
              + " bin/commit-polish, else commit-polish on PATH).")
  private String launcher;

  @Override
  public Integer call() {
    ChainOrder order = parseOrder();
    if (local && !alias) {
      throw new ParameterException(spec.commandLine(), "--local only applies to --alias");
    }
    if (noHook && !alias) {
      throw new ParameterException(spec.commandLine(), "--no-hook needs --alias");
    }
    if (local && global) {
      throw new ParameterException(spec.commandLine(), "--local and --global exclude each other");
    }
    try {
      var installer = new Installer(root.env());
      String exe = Launcher.resolve(root.env(), Optional.ofNullable(launcher));
      HookKind kind = commitMsg ? HookKind.COMMIT_MSG : HookKind.PREPARE_COMMIT_MSG;
      List<String> lines = new ArrayList<>();
      if (!noHook) {
        lines.addAll(
            global
                ? installer.installGlobal(kind, order, force, exe)
                : installer.install(kind, order, force, exe));
      }
      if (alias) {
        lines.addAll(installer.addAlias(local ? "--local" : "--global", force, exe));
      }
      lines.forEach(root.out()::println);
      return 0;
    } catch (InstallException e) {
      root.err().println("commit-polish install: " + e.getMessage());
      return 1;
    }
  }

  private ChainOrder parseOrder() {
    try {
      return ChainOrder.valueOf(runPrevious.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(
          spec.commandLine(), "--run-previous must be first or last, not '" + runPrevious + "'");
    }
  }
}
