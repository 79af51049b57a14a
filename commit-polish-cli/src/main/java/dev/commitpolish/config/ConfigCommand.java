package dev.commitpolish.config;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.commitpolish.cli.AtomicFile;
import dev.commitpolish.cli.CommitPolishCommand;
import dev.commitpolish.cli.Env;
import dev.commitpolish.git.Git;
import dev.commitpolish.git.GitException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code commit-polish config}: create, show, locate and validate configuration. */
@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    description = {
      "Create, show, locate and validate configuration.",
      "Precedence: flags > env (COMMIT_POLISH_MODEL, COMMIT_POLISH_API_BASE,"
          + " COMMIT_POLISH_API_KEY, LLAMAFILE_API_BASE) > .commit-polish.toml in the repo >"
          + " user file ($XDG_CONFIG_HOME/commit-polish/config.toml, or COMMIT_POLISH_CONFIG)"
          + " > defaults."
    },
    subcommands = {
      ConfigCommand.Init.class,
      ConfigCommand.Show.class,
      ConfigCommand.PathCmd.class,
      ConfigCommand.Validate.class
    },
    footer = {
      "",
      "Examples:",
      "  commit-polish config init          # write the commented user file",
      "  commit-polish config init --repo   # write .commit-polish.toml for a team",
      "  commit-polish config show          # values and where they came from",
      "  commit-polish config path          # which files are read",
      "  commit-polish config validate      # exit 1 and list errors if invalid"
    })
public final class ConfigCommand implements Callable<Integer> {

  @ParentCommand private CommitPolishCommand root;

  @Spec private CommandSpec spec;

  @Override
  public Integer call() {
    // The spec of the running command line, so usage shows "commit-polish config".
    spec.commandLine().usage(root.err());
    return 2;
  }

  Env env() {
    return root.env();
  }

  PrintStream out() {
    return root.out();
  }

  PrintStream err() {
    return root.err();
  }

  boolean quiet() {
    return root.quiet();
  }

  /** The work-tree root when cwd is inside one; config commands also work outside a repo. */
  Optional<Path> workTree() {
    try {
      Git git = Git.open(env());
      return git.isInsideWorkTree() ? Optional.of(git.topLevel()) : Optional.empty();
    } catch (GitException e) {
      return Optional.empty();
    }
  }

  /** {@code config init}. */
  @Command(
      name = "init",
      mixinStandardHelpOptions = true,
      description = {
        "Write a configuration file with every key commented out at its default.",
        "Writes the user file ($XDG_CONFIG_HOME/commit-polish/config.toml, default"
            + " ~/.config/commit-polish/config.toml; the COMMIT_POLISH_CONFIG file if set),"
            + " or with --repo the .commit-polish.toml at the work-tree root."
      },
      footer = {
        "",
        "Examples:",
        "  commit-polish config init",
        "  commit-polish config init --repo && git add .commit-polish.toml",
        "  commit-polish config init --force    # replace an existing file"
      })
  static final class Init implements Callable<Integer> {
    @ParentCommand private ConfigCommand parent;

    @Option(
        names = "--repo",
        description = "Write .commit-polish.toml at the work-tree root instead.")
    boolean repo;

    @Option(names = "--force", description = "Overwrite an existing file.")
    boolean force;

    @Override
    public Integer call() throws IOException {
      Path target;
      if (repo) {
        Optional<Path> root = parent.workTree();
        if (root.isEmpty()) {
          parent
              .err()
              .println("commit-polish config init: --repo needs a git work tree; cd into one");
          return 1;
        }
        target = root.get().resolve(ConfigLoader.REPO_FILE);
      } else {
        Optional<Path> user = ConfigLoader.writableUserFile(parent.env());
        if (user.isEmpty()) {
          parent
              .err()
              .println(
                  "commit-polish config init: neither HOME nor XDG_CONFIG_HOME is set to an absolute path;"
                      + " set one or COMMIT_POLISH_CONFIG=<file>");
          return 1;
        }
        target = user.get();
      }
      if (Files.exists(target) && !force) {
        parent
            .err()
            .println(
                "commit-polish config init: "
                    + target
                    + " already exists; use --force to overwrite it");
        return 1;
      }
      byte[] text = ConfigTemplate.render(repo).getBytes(StandardCharsets.UTF_8);
      // The user file is where an api_key goes (the template shows one): owner-only, also over
      // an existing file; the repository's file is committed and read by everyone anyway.
      if (repo) {
        AtomicFile.replace(target, text);
      } else {
        AtomicFile.write(target, text, AtomicFile.OWNER_ONLY);
      }
      parent.out().println(target);
      return 0;
    }
  }

  /** {@code config show}. */
  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = {
        "Print every effective key, its value and where it came from.",
        "Secrets are shown as ****. Warnings go to stderr."
      },
      footer = {
        "",
        "Examples:",
        "  commit-polish config show",
        "  commit-polish config show --json | jq '.keys[] | select(.key==\"ai.model\")'",
        "  COMMIT_POLISH_MODEL=ollama/qwen3 commit-polish config show"
      })
  static final class Show implements Callable<Integer> {
    @ParentCommand private ConfigCommand parent;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() {
      LoadedConfig lc;
      try {
        lc = ConfigLoader.load(parent.env(), parent.workTree(), Map.of());
      } catch (ConfigException e) {
        parent.err().println("commit-polish config show: " + e.getMessage());
        parent.err().println("fix the errors above; `commit-polish config validate` lists them");
        return 1;
      }
      if (json) {
        var keys = new ArrayList<Object>();
        for (LoadedConfig.Entry e : lc.entries()) {
          var m = new LinkedHashMap<String, Object>();
          m.put("key", e.key());
          m.put("value", e.secret() && e.set() ? "****" : e.raw());
          m.put("origin", e.origin());
          m.put("set", e.set());
          m.put("secret", e.secret());
          keys.add(m);
        }
        var doc = new LinkedHashMap<String, Object>();
        doc.put("keys", keys);
        doc.put("files", files(lc.files()));
        doc.put("warnings", lc.warnings());
        try {
          // Unset keys keep "value": null, so every key object has the same fields.
          parent.out().println(JSON.std.with(JSON.Feature.WRITE_NULL_PROPERTIES).asString(doc));
        } catch (IOException e) {
          throw new UncheckedIOException(e); // in-memory maps and lists: not expected
        }
      } else {
        int width = 0;
        for (LoadedConfig.Entry e : lc.entries()) {
          width = Math.max(width, e.key().length() + 3 + shown(e).length());
        }
        for (LoadedConfig.Entry e : lc.entries()) {
          String kv = e.key() + " = " + shown(e);
          parent.out().println(kv + " ".repeat(width - kv.length() + 2) + "# " + e.origin());
        }
        for (String w : lc.warnings()) {
          parent.err().println("warning: " + w);
        }
      }
      return 0;
    }

    private static String shown(LoadedConfig.Entry e) {
      return e.set() ? e.value() : "<unset>";
    }
  }

  static List<Object> files(List<ConfigFile> files) {
    var out = new ArrayList<Object>();
    for (ConfigFile f : files) {
      var m = new LinkedHashMap<String, Object>();
      m.put("path", f.path().toString());
      m.put("scope", f.scope().label());
      m.put("exists", f.exists());
      out.add(m);
    }
    return out;
  }

  /** {@code config path}. */
  @Command(
      name = "path",
      mixinStandardHelpOptions = true,
      description = {
        "List the configuration files, highest precedence first, and whether each exists.",
        "Columns: scope (repo, user, explicit), exists|missing, path."
      },
      footer = {
        "",
        "Examples:",
        "  commit-polish config path",
        "  $EDITOR \"$(commit-polish config path --user)\""
      })
  static final class PathCmd implements Callable<Integer> {
    @ParentCommand private ConfigCommand parent;

    @Option(
        names = "--user",
        description = "Print only the user file's path (the COMMIT_POLISH_CONFIG file if set).")
    boolean userOnly;

    @Override
    public Integer call() {
      if (userOnly) {
        Optional<Path> p = ConfigLoader.writableUserFile(parent.env());
        if (p.isEmpty()) {
          parent
              .err()
              .println(
                  "commit-polish config path: neither HOME nor XDG_CONFIG_HOME is set to an"
                      + " absolute path");
          return 1;
        }
        parent.out().println(p.get());
        return 0;
      }
      List<ConfigFile> files = ConfigLoader.files(parent.env(), parent.workTree());
      for (ConfigFile f : files) {
        parent
            .out()
            .printf(
                "%-8s %-7s %s%n", f.scope().label(), f.exists() ? "exists" : "missing", f.path());
      }
      return 0;
    }
  }

  /** {@code config validate}. */
  @Command(
      name = "validate",
      mixinStandardHelpOptions = true,
      description = {
        "Check every configuration layer (files, environment).",
        "Lists errors and warnings with file, line, key and allowed values;"
            + " exit 1 when there are errors, 0 otherwise."
      },
      footer = {
        "",
        "Examples:",
        "  commit-polish config validate",
        "  COMMIT_POLISH_CONFIG=./try.toml commit-polish config validate"
      })
  static final class Validate implements Callable<Integer> {
    @ParentCommand private ConfigCommand parent;

    @Override
    public Integer call() {
      Optional<Path> tree = parent.workTree();
      List<ConfigFile> files = ConfigLoader.files(parent.env(), tree);
      try {
        LoadedConfig lc = ConfigLoader.load(parent.env(), tree, Map.of());
        for (String w : lc.warnings()) {
          parent.out().println("warning: " + w);
        }
        long read = files.stream().filter(ConfigFile::exists).count();
        parent
            .out()
            .println(
                "configuration is valid ("
                    + read
                    + (read == 1 ? " file" : " files")
                    + " read, "
                    + lc.warnings().size()
                    + (lc.warnings().size() == 1 ? " warning)" : " warnings)"));
        return 0;
      } catch (ConfigException e) {
        for (ConfigProblem p : e.errors()) {
          parent.out().println("error: " + p);
        }
        for (ConfigProblem p : e.warnings()) {
          parent.out().println("warning: " + p);
        }
        parent
            .out()
            .println(
                "configuration is invalid ("
                    + e.errors().size()
                    + (e.errors().size() == 1 ? " error)" : " errors)"));
        return 1;
      }
    }
  }
}
