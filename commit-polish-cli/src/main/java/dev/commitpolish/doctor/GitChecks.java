package dev.commitpolish.doctor;

import dev.commitpolish.cli.Env;
import dev.commitpolish.git.GitResult;
import dev.commitpolish.install.HookKind;
import dev.commitpolish.install.HookManager;
import dev.commitpolish.install.HookScripts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Doctor checks that need only git: its version, the hook and rival hook managers. */
final class GitChecks {

  /** core.hooksPath appeared in 2.9; older gits would ignore a husky-style setup silently. */
  static final int[] MIN_VERSION = {2, 9};

  private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?");

  private final Env env;

  GitChecks(Env env) {
    this.env = env;
  }

  CheckResult version() {
    GitResult r = Cmd.git(env, "--version");
    if (!r.ok()) {
      return CheckResult.fail(
          "git",
          "git not found or not runnable: " + firstLine(r.stderr()),
          "install git 2.9 or newer and put it on PATH");
    }
    String line = firstLine(r.stdout());
    Matcher m = VERSION.matcher(line);
    if (!m.find()) {
      return CheckResult.warn("git", "cannot read the version from '" + line + "'", "");
    }
    int major = Integer.parseInt(m.group(1));
    int minor = Integer.parseInt(m.group(2));
    if (major < MIN_VERSION[0] || (major == MIN_VERSION[0] && minor < MIN_VERSION[1])) {
      return CheckResult.fail(
          "git", line + " is too old (core.hooksPath needs 2.9)", "upgrade git to 2.9 or newer");
    }
    return CheckResult.pass("git", line);
  }

  /** The {@code hook} and {@code hook-manager} checks, in that order. */
  List<CheckResult> hooks() {
    // One git process for all four answers: on a busy machine each spawn costs tens of ms.
    GitResult rp =
        Cmd.git(
            env,
            "rev-parse",
            "--is-inside-work-tree",
            "--show-toplevel",
            "--git-path",
            "hooks",
            "--git-common-dir");
    List<String> lines = rp.stdout().lines().collect(java.util.stream.Collectors.toList());
    if (!rp.ok() || lines.size() < 4 || !lines.get(0).strip().equals("true")) {
      String why = "not inside a git work tree; run doctor in a repository to check its hook";
      return List.of(CheckResult.skip("hook", why), CheckResult.skip("hook-manager", why));
    }
    Path top = Path.of(lines.get(1).strip());
    Path hooksDir = env.cwd().resolve(lines.get(2).strip()).normalize();
    Path commonDir = env.cwd().resolve(lines.get(3).strip()).normalize();
    Optional<String> hooksPath =
        Optional.of(gitOut("config", "--get", "core.hooksPath")).filter(s -> !s.isEmpty());
    Path hookFile = hooksDir.resolve("prepare-commit-msg");
    String hookText = read(hookFile);
    if (hookText != null && HookScripts.isForwarder(hookText)) {
      // `install --global`: the global hooks dir forwards to the repository's own hook.
      hookFile = commonDir.resolve("hooks").resolve("prepare-commit-msg");
      hookText = read(hookFile);
    }

    List<Manager> managers = detectManagers(top);
    Optional<Manager> wired = managers.stream().filter(Manager::wired).findFirst();
    Optional<Manager> owner = managers.stream().filter(Manager::ownsHooksDir).findFirst();

    List<CheckResult> out = new ArrayList<>();
    if (isOurs(hookText)) {
      if (!Files.isExecutable(hookFile)) {
        out.add(
            CheckResult.fail(
                "hook",
                "installed at " + show(hookFile) + " but not executable, so git skips it",
                "chmod +x " + show(hookFile)));
      } else {
        out.add(CheckResult.pass("hook", "installed at " + show(hookFile)));
      }
    } else if (wired.isPresent()) {
      out.add(
          CheckResult.pass(
              "hook", "runs through " + wired.get().name() + " (" + wired.get().config() + ")"));
    } else if (hookText != null) {
      out.add(
          CheckResult.fail(
              "hook",
              "not installed; " + show(hookFile) + " belongs to something else",
              "commit-polish install (keeps the existing hook and chains it)"));
    } else {
      out.add(
          CheckResult.fail("hook", "not installed in " + show(hooksDir), "commit-polish install"));
    }

    if (owner.isEmpty() && managers.isEmpty()) {
      out.add(
          CheckResult.pass(
              "hook-manager",
              "none; git runs hooks from "
                  + show(hooksDir)
                  + hooksPath.map(p -> " (core.hooksPath=" + p + ")").orElse("")));
    } else {
      Manager m = wired.or(() -> owner).orElse(managers.get(0));
      if (m.wired()) {
        out.add(
            CheckResult.pass(
                "hook-manager",
                m.name() + " manages hooks; commit-polish is listed in " + m.config()));
      } else if (m.ownsHooksDir()) {
        out.add(
            CheckResult.warn(
                "hook-manager",
                m.name() + " owns " + show(hooksDir) + " and does not run commit-polish",
                m.recipe()));
      } else {
        out.add(
            CheckResult.warn(
                "hook-manager",
                m.config() + " found but " + m.name() + " hooks are not installed here",
                m.recipe()));
      }
    }
    return out;
  }

  /**
   * A hook manager found in the repository.
   *
   * @param name husky, lefthook or pre-commit
   * @param config the file that lists its hooks, relative to the work-tree root
   * @param ownsHooksDir whether its scripts are what git runs
   * @param wired whether that config runs commit-polish
   * @param recipe one line saying how to add commit-polish to it
   */
  record Manager(String name, String config, boolean ownsHooksDir, boolean wired, String recipe) {}

  private List<Manager> detectManagers(Path top) {
    // Who owns the hooks directory install would write to is the installer's answer, so that
    // doctor never calls a directory free that install refuses to write into (or the other way
    // round), including under our own global hooks directory.
    String owner;
    try {
      owner = HookManager.owningInstallTarget(env).map(HookManager::name).orElse("");
    } catch (RuntimeException e) {
      owner = ""; // git failed between the two questions: no manager known
    }
    List<Manager> found = new ArrayList<>();
    if (owner.equals("husky 4")) {
      found.add(manager("husky 4", "package.json", owner, read(top.resolve("package.json"))));
    } else if (owner.equals("husky") || Files.isDirectory(top.resolve(".husky"))) {
      found.add(
          manager(
              "husky",
              ".husky/prepare-commit-msg",
              owner,
              read(top.resolve(".husky/prepare-commit-msg"))));
    }
    String lefthookName = "lefthook.yml";
    String lefthookCfg = null;
    for (String n :
        List.of(
            "lefthook.yml", ".lefthook.yml", "lefthook.yaml", ".lefthook.yaml", "lefthook.toml")) {
      lefthookCfg = read(top.resolve(n));
      if (lefthookCfg != null) {
        lefthookName = n;
        break;
      }
    }
    if (lefthookCfg != null || owner.equals("lefthook")) {
      found.add(manager("lefthook", lefthookName, owner, lefthookCfg));
    }
    String preCommitCfg = read(top.resolve(".pre-commit-config.yaml"));
    if (preCommitCfg != null || owner.equals("pre-commit")) {
      found.add(manager("pre-commit", ".pre-commit-config.yaml", owner, preCommitCfg));
    }
    return found;
  }

  /** {@code config}'s text ({@code null} when absent) says whether it runs commit-polish. */
  private static Manager manager(String name, String configName, String owner, String config) {
    return new Manager(
        name,
        configName,
        owner.equals(name),
        config != null && config.contains("commit-polish"),
        new HookManager(name, configName).recipe(HookKind.PREPARE_COMMIT_MSG));
  }

  /** Whether the hook runs commit-polish itself (installed by us, or hand-written by the user). */
  static boolean isOurs(String hookText) {
    return hookText != null
        && ((HookScripts.isOurs(hookText) && !HookScripts.isForwarder(hookText))
            || hookText.contains("commit-polish hook"));
  }

  private String gitOut(String... args) {
    return Cmd.git(env, args).stdout().strip();
  }

  private static String read(Path p) {
    try {
      return Files.isRegularFile(p) ? Files.readString(p, StandardCharsets.ISO_8859_1) : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** A path for humans: relative to the working directory when below it, else absolute. */
  private String show(Path p) {
    Path abs = p.toAbsolutePath().normalize();
    if (abs.startsWith(env.cwd())) {
      Path rel = env.cwd().relativize(abs);
      return rel.toString().isEmpty() ? "." : rel.toString();
    }
    return abs.toString();
  }

  private static String firstLine(String s) {
    String t = s.strip();
    int nl = t.indexOf('\n');
    return nl < 0 ? t : t.substring(0, nl);
  }
}
