package dev.commitpolish.cli;

import dev.commitpolish.config.ConfigCommand;
import dev.commitpolish.daemon.DaemonCommand;
import dev.commitpolish.doctor.DoctorCommand;
import dev.commitpolish.hook.HookCommand;
import dev.commitpolish.hook.PreviewCommand;
import dev.commitpolish.hook.RestoreCommand;
import dev.commitpolish.install.InstallCommand;
import dev.commitpolish.install.UninstallCommand;
import dev.commitpolish.lint.LintCommand;
import dev.commitpolish.polish.PolishCommand;
import dev.commitpolish.server.ServerCommand;
import dev.commitpolish.server.SetupCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;

/** The root command. Subcommands reach the environment and streams through this object. */
@Command(
    name = "commit-polish",
    mixinStandardHelpOptions = true,
    versionProvider = CommitPolishCommand.Version.class,
    description = "Polish git commit messages with a local LLM.",
    subcommands = {
      HookCommand.class,
      PreviewCommand.class,
      PolishCommand.class,
      LintCommand.class,
      InstallCommand.class,
      UninstallCommand.class,
      RestoreCommand.class,
      DoctorCommand.class,
      ConfigCommand.class,
      ServerCommand.class,
      SetupCommand.class,
      DaemonCommand.class,
    })
public final class CommitPolishCommand implements Runnable {

  private final Env env;
  private final PrintStream out;
  private final PrintStream err;

  @Option(
      names = {"-v", "--verbose"},
      description = "Print diagnostics and stack traces on stderr.",
      scope = picocli.CommandLine.ScopeType.INHERIT)
  private boolean verbose;

  @Option(
      names = {"-q", "--quiet"},
      description = "Print only results and errors.",
      scope = picocli.CommandLine.ScopeType.INHERIT)
  private boolean quiet;

  public CommitPolishCommand(Env env, PrintStream out, PrintStream err) {
    this.env = env;
    this.out = out;
    this.err = err;
  }

  public Env env() {
    return env;
  }

  public PrintStream out() {
    return out;
  }

  public PrintStream err() {
    return err;
  }

  public boolean verbose() {
    return verbose;
  }

  public boolean quiet() {
    return quiet;
  }

  @Override
  public void run() {
    new picocli.CommandLine(this).usage(out);
  }

  /** The version baked into the jar at build time. */
  public static String version() {
    try (InputStream in = CommitPolishCommand.class.getResourceAsStream("version.properties")) {
      var p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Prints {@code commit-polish <version>}. */
  public static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"commit-polish " + version()};
    }
  }
}
