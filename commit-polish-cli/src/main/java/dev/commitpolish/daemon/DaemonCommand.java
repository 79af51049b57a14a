package dev.commitpolish.daemon;

import dev.commitpolish.cli.CommitPolishCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code commit-polish daemon start|stop|status|run}: the resident worker. */
@Command(
    name = "daemon",
    mixinStandardHelpOptions = true,
    description = {
      "Start, stop and inspect the resident worker: a background JVM that runs the hook and"
          + " `lint` for the commits, so a commit does not pay for starting Java (docs/startup.md).",
      "The hook starts one after its first in-process run; it stops after 30 minutes without"
          + " work. Off: COMMIT_POLISH_DAEMON=0, or git config --global commit-polish.daemon false.",
      "It listens on 127.0.0.1 only and answers only requests carrying the token in its state"
          + " file under $XDG_RUNTIME_DIR/commit-polish/ (else $XDG_CACHE_HOME/commit-polish/, else"
          + " ~/.cache/commit-polish/), which only you can read."
    },
    subcommands = {
      DaemonCommand.Start.class,
      DaemonCommand.Stop.class,
      DaemonCommand.Status.class,
      DaemonCommand.Run.class
    },
    footer = {
      "",
      "Examples:",
      "  commit-polish daemon status",
      "  commit-polish daemon start --idle-minutes 120",
      "  commit-polish daemon stop"
    })
public final class DaemonCommand implements Callable<Integer> {

  static final int DEFAULT_IDLE_MINUTES = 30;

  @ParentCommand private CommitPolishCommand root;

  @Override
  public Integer call() {
    new picocli.CommandLine(this).usage(root.out());
    return 2;
  }

  static DaemonFiles files(CommitPolishCommand root) {
    return DaemonStarter.files(root.env())
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "the resident worker needs the commit-polish launcher (bin/commit-polish),"
                        + " which names this build, and XDG_RUNTIME_DIR, XDG_CACHE_HOME or HOME set to an"
                        + " absolute path; run"
                        + " commit-polish through it"));
  }

  /** The worker's status line, when one answers. */
  public static Optional<String> status(DaemonFiles files) {
    return new DaemonClient(files, Duration.ofSeconds(5)).status();
  }

  /** {@code daemon start}. */
  @Command(
      name = "start",
      mixinStandardHelpOptions = true,
      description = "Start the worker in the background (nothing to do when it runs).")
  static final class Start implements Callable<Integer> {
    @ParentCommand private DaemonCommand parent;

    @Option(
        names = "--idle-minutes",
        description = "Stop after this many minutes without work (default 30).")
    Integer idleMinutes;

    @Override
    public Integer call() throws IOException, InterruptedException {
      CommitPolishCommand root = parent.root;
      DaemonFiles files = files(root);
      Optional<String> running = status(files);
      if (running.isPresent()) {
        root.out().print("commit-polish daemon: already " + running.get());
        return 0;
      }
      Path launcher =
          DaemonStarter.launcher()
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "cannot find bin/commit-polish of this installation to start the"
                              + " worker with"));
      Process p =
          DaemonStarter.spawn(
              root.env(),
              files,
              launcher,
              Optional.ofNullable(idleMinutes).map(m -> Duration.ofMinutes(Math.max(1, m))));
      long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (System.nanoTime() - until < 0) {
        Optional<String> st = status(files);
        if (st.isPresent()) {
          root.out().print("commit-polish daemon: " + st.get());
          return 0;
        }
        if (!p.isAlive() && p.exitValue() != 0) {
          break;
        }
        Thread.sleep(50);
      }
      root.err()
          .println(
              "commit-polish daemon: did not start; see "
                  + files.log()
                  + (Files.exists(files.log()) ? "" : " (not written)"));
      return 1;
    }
  }

  /** {@code daemon stop}. */
  @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop the worker.")
  static final class Stop implements Callable<Integer> {
    @ParentCommand private DaemonCommand parent;

    @Override
    public Integer call() throws InterruptedException {
      CommitPolishCommand root = parent.root;
      DaemonFiles files = files(root);
      try {
        new DaemonClient(files, Duration.ofSeconds(5))
            .call("stop", root.env().cwd(), List.of(), Map.of(), new byte[0]);
      } catch (IOException e) {
        root.out().println("commit-polish daemon: not running");
        return 0;
      }
      long until = System.nanoTime() + Duration.ofSeconds(70).toNanos();
      while (Files.exists(files.state()) && System.nanoTime() - until < 0) {
        Thread.sleep(20);
      }
      root.out().println("commit-polish daemon: stopped");
      return 0;
    }
  }

  /** {@code daemon status}: exit 0 when running, 3 when not (as {@code systemctl status}). */
  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = "Is the worker running; what it has served. Exit 0 running, 3 not running.")
  static final class Status implements Callable<Integer> {
    @ParentCommand private DaemonCommand parent;

    @Override
    public Integer call() {
      CommitPolishCommand root = parent.root;
      DaemonFiles files = files(root);
      Optional<String> st = status(files);
      if (st.isPresent()) {
        root.out().print("commit-polish daemon: " + st.get());
        return 0;
      }
      root.out()
          .println(
              "commit-polish daemon: not running"
                  + (DaemonStarter.switchedOff(root.env())
                      ? " (" + DaemonStarter.SWITCH + " turns it off)"
                      : "; the next commit starts it, or: commit-polish daemon start"));
      return 3;
    }
  }

  /** {@code daemon run}: the worker itself, in the foreground (what start runs). */
  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      description = "Run the worker in the foreground until stopped or idle; logs on stderr.")
  static final class Run implements Callable<Integer> {
    @ParentCommand private DaemonCommand parent;

    @Option(
        names = "--idle-minutes",
        description = "Stop after this many minutes without work (default 30).")
    int idleMinutes = DEFAULT_IDLE_MINUTES;

    @Override
    public Integer call() {
      CommitPolishCommand root = parent.root;
      return new DaemonServer(files(root), Duration.ofMinutes(Math.max(1, idleMinutes)), root.err())
          .run();
    }
  }
}
