package dev.commitpolish.server;

import dev.commitpolish.cli.CommitPolishCommand;
import dev.commitpolish.config.Config;
import dev.commitpolish.config.ConfigException;
import dev.commitpolish.config.ConfigLoader;
import dev.commitpolish.config.ConfigProblem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code commit-polish server start|stop|status|restart|logs}: the local llamafile server. */
@Command(
    name = "server",
    mixinStandardHelpOptions = true,
    description = {
      "Start, stop and inspect the local llamafile server.",
      "The server runs in the background on 127.0.0.1; its pid, port and log live under"
          + " $XDG_STATE_HOME/commit-polish/ (default ~/.local/state/commit-polish/)."
    },
    subcommands = {
      ServerCommand.Start.class,
      ServerCommand.Stop.class,
      ServerCommand.Status.class,
      ServerCommand.Restart.class,
      ServerCommand.Logs.class
    },
    footer = {
      "",
      "Examples:",
      "  commit-polish server start           start llamafile with [llamafile] path/model_path",
      "  commit-polish server status          pid, port, model, context size, uptime",
      "  commit-polish server logs --lines 100",
      "  commit-polish server stop"
    })
public final class ServerCommand implements Callable<Integer> {

  @ParentCommand private CommitPolishCommand root;

  @Override
  public Integer call() {
    new picocli.CommandLine(this).usage(root.out());
    return 2;
  }

  CommitPolishCommand root() {
    return root;
  }

  static ServerManager manager(CommitPolishCommand root) {
    return new ServerManager(
        root.env(),
        root.out(),
        root.err(),
        root.quiet(),
        dev.commitpolish.ui.Terminal.detect(root.env()));
  }

  /** Options shared by start and restart. */
  static final class StartOptions {
    @Option(names = "--port", description = "Port to ask for (default [llamafile] port, 8080).")
    Integer port;

    @Option(
        names = {"-c", "--ctx-size"},
        description = "Context size in tokens (default [llamafile] context_size, 4096).")
    Integer contextSize;

    @Option(
        names = {"-t", "--threads"},
        description = "CPU threads (default [llamafile] threads, else llamafile decides).")
    Integer threads;

    @Option(names = "--llamafile", description = "The llamafile executable to run.")
    Path llamafile;

    @Option(names = "--model", description = "The GGUF model file (-m).")
    Path model;

    @Option(
        names = "--wait",
        defaultValue = "120",
        description = "Seconds to wait for the model to load (default ${DEFAULT-VALUE}).")
    int waitSeconds;
  }

  /** Resolves what to launch from the config plus flags; null after printing a config error. */
  static ServerManager.Launch launch(CommitPolishCommand root, StartOptions o) {
    Config c;
    try {
      c = ConfigLoader.load(root.env()).config();
    } catch (ConfigException e) {
      root.err().println("commit-polish: the configuration has errors:");
      for (ConfigProblem p : e.errors()) {
        root.err().println("  " + p);
      }
      return null;
    }
    var lf = c.llamafile();
    ServerPaths paths = ServerPaths.of(root.env());
    Path exe =
        o.llamafile != null
            ? root.env().cwd().resolve(o.llamafile)
            : lf.path().orElse(paths.llamafile());
    Optional<Path> model =
        o.model != null ? Optional.of(root.env().cwd().resolve(o.model)) : lf.modelPath();
    OptionalInt threads = o.threads != null ? OptionalInt.of(o.threads) : lf.threads();
    return new ServerManager.Launch(
        exe.toAbsolutePath(),
        model.map(Path::toAbsolutePath),
        o.port != null ? o.port : lf.port(),
        o.contextSize != null ? o.contextSize : lf.contextSize(),
        threads);
  }

  @Command(
      name = "start",
      mixinStandardHelpOptions = true,
      description = {
        "Start llamafile in the background and wait until it answers /health.",
        "Runs: llamafile --server --nobrowser --host 127.0.0.1 --port P -c N [-m MODEL] [-t N]."
            + " Starting twice is harmless. If the port is busy llamafile moves to the next free"
            + " one (up to +10); the actual port is reported."
      },
      footer = {
        "",
        "Examples:",
        "  commit-polish server start",
        "  commit-polish server start --port 8090 --ctx-size 8192 --wait 300"
      })
  static final class Start implements Callable<Integer> {
    @ParentCommand private ServerCommand parent;
    @picocli.CommandLine.Mixin private StartOptions opts;

    @Override
    public Integer call() throws Exception {
      CommitPolishCommand root = parent.root();
      ServerManager.Launch l = launch(root, opts);
      if (l == null) {
        return 1;
      }
      return manager(root).start(l, Duration.ofSeconds(opts.waitSeconds));
    }
  }

  @Command(
      name = "stop",
      mixinStandardHelpOptions = true,
      description = {
        "Stop the llamafile server commit-polish started (SIGTERM, then SIGKILL).",
        "Only the recorded process is stopped, and only if it still is that llamafile."
      },
      footer = {
        "",
        "Examples:",
        "  commit-polish server stop",
        "  commit-polish server stop --grace 30"
      })
  static final class Stop implements Callable<Integer> {
    @ParentCommand private ServerCommand parent;

    @Option(
        names = "--grace",
        defaultValue = "10",
        description = "Seconds to wait after SIGTERM before SIGKILL (default ${DEFAULT-VALUE}).")
    int grace;

    @Override
    public Integer call() throws Exception {
      return manager(parent.root()).stop(Duration.ofSeconds(grace));
    }
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = {
        "Show pid, port, model, context size and uptime of the server, or \"not running\".",
        "Exit code 0 when running, 1 when not."
      },
      footer = {"", "Examples:", "  commit-polish server status"})
  static final class Status implements Callable<Integer> {
    @ParentCommand private ServerCommand parent;

    @Override
    public Integer call() {
      return manager(parent.root()).status();
    }
  }

  @Command(
      name = "restart",
      mixinStandardHelpOptions = true,
      description = "Stop the server (if commit-polish started one) and start it again.",
      footer = {"", "Examples:", "  commit-polish server restart --ctx-size 8192"})
  static final class Restart implements Callable<Integer> {
    @ParentCommand private ServerCommand parent;
    @picocli.CommandLine.Mixin private StartOptions opts;

    @Option(
        names = "--grace",
        defaultValue = "10",
        description = "Seconds to wait after SIGTERM before SIGKILL (default ${DEFAULT-VALUE}).")
    int grace;

    @Override
    public Integer call() throws Exception {
      CommitPolishCommand root = parent.root();
      ServerManager.Launch l = launch(root, opts);
      if (l == null) {
        return 1;
      }
      ServerManager m = manager(root);
      int stopped = m.stop(Duration.ofSeconds(grace));
      if (stopped != 0) {
        return stopped;
      }
      return m.start(l, Duration.ofSeconds(opts.waitSeconds));
    }
  }

  @Command(
      name = "logs",
      mixinStandardHelpOptions = true,
      description = "Print the end of the server's log (its stdout and stderr).",
      footer = {
        "",
        "Examples:",
        "  commit-polish server logs",
        "  commit-polish server logs -n 200"
      })
  static final class Logs implements Callable<Integer> {
    @ParentCommand private ServerCommand parent;

    @Option(
        names = {"-n", "--lines"},
        defaultValue = "50",
        description = "How many lines (default ${DEFAULT-VALUE}).")
    int lines;

    @Override
    public Integer call() throws Exception {
      return manager(parent.root()).logs(lines);
    }
  }
}
