package dev.commitpolish.install;

import dev.commitpolish.cli.CommitPolishCommand;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code commit-polish uninstall}: removes our hooks and puts back exactly what was there before
 * (the previous hook's bytes and mode bits, or no file); with {@code --global} also reverts {@code
 * core.hooksPath}; removes our {@code git polish} alias.
 */
@Command(
    name = "uninstall",
    mixinStandardHelpOptions = true,
    description = {
      "Remove commit-polish's hooks and restore what was there before: a hook kept as"
          + " <hook>.commit-polish-prev goes back byte for byte, with its mode bits; otherwise the"
          + " file is removed. Hooks that are not commit-polish's are left alone.",
      "Also removes commit-polish's `git polish` alias from the same scope (this repository's"
          + " config; the global config with --global or --alias)."
    },
    footer = {
      "",
      "Examples:",
      "  commit-polish uninstall               remove both hooks from this repository",
      "  commit-polish uninstall --commit-msg  remove only the commit-msg lint hook",
      "  commit-polish uninstall --global      undo install --global, hooks path too",
      "  commit-polish uninstall --alias --no-hook",
      "                                        only the global `git polish` alias",
      "",
      "Exit codes: 0 removed (or nothing to remove), 1 failed, 2 usage."
    })
public final class UninstallCommand implements Callable<Integer> {

  @ParentCommand private CommitPolishCommand root;

  @Spec private CommandSpec spec;

  @Option(names = "--commit-msg", description = "Remove only the commit-msg lint hook.")
  private boolean commitMsg;

  @Option(names = "--prepare-commit-msg", description = "Remove only the prepare-commit-msg hook.")
  private boolean prepareCommitMsg;

  @Option(
      names = "--global",
      description =
          "Undo `install --global`: remove the hooks from the global hooks directory and"
              + " unset core.hooksPath if commit-polish set it; also removes the global alias.")
  private boolean global;

  @Option(names = "--alias", description = "Also remove the global `git polish` alias.")
  private boolean alias;

  @Option(names = "--no-hook", description = "With --alias: remove only the alias.")
  private boolean noHook;

  @Override
  public Integer call() {
    if (noHook && !alias) {
      throw new ParameterException(spec.commandLine(), "--no-hook needs --alias");
    }
    Set<HookKind> kinds = EnumSet.noneOf(HookKind.class);
    if (commitMsg) {
      kinds.add(HookKind.COMMIT_MSG);
    }
    if (prepareCommitMsg) {
      kinds.add(HookKind.PREPARE_COMMIT_MSG);
    }
    if (kinds.isEmpty()) {
      kinds = EnumSet.allOf(HookKind.class);
    }
    try {
      var installer = new Installer(root.env());
      List<String> lines = new ArrayList<>();
      if (!noHook) {
        lines.addAll(global ? installer.uninstallGlobal(kinds) : installer.uninstall(kinds));
        if (!global) {
          lines.addAll(installer.removeAlias("--local"));
        }
      }
      if (global || alias) {
        lines.addAll(installer.removeAlias("--global"));
      }
      lines.forEach(root.out()::println);
      return 0;
    } catch (InstallException e) {
      root.err().println("commit-polish uninstall: " + e.getMessage());
      return 1;
    }
  }
}
