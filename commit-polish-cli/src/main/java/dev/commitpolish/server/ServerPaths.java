package dev.commitpolish.server;

import dev.commitpolish.cli.Env;
import java.nio.file.Path;

/**
 * Where the local model server's files live (XDG Base Directory spec; relative XDG values are
 * ignored as the spec requires).
 *
 * <ul>
 *   <li>state: {@code $XDG_STATE_HOME/commit-polish/} (default {@code
 *       ~/.local/state/commit-polish/}) holds {@code server.state} (pid, port, start time, model)
 *       and {@code server.log}.
 *   <li>data: {@code $XDG_DATA_HOME/commit-polish/} (default {@code ~/.local/share/commit-polish/})
 *       holds the downloaded {@code llamafile} and {@code models/*.gguf}.
 * </ul>
 */
public final class ServerPaths {

  private final Path stateDir;
  private final Path dataDir;

  private ServerPaths(Path stateDir, Path dataDir) {
    this.stateDir = stateDir;
    this.dataDir = dataDir;
  }

  /**
   * Resolves the directories from {@code env}.
   *
   * @throws IllegalStateException when neither the XDG variable nor HOME is an absolute path
   */
  public static ServerPaths of(Env env) {
    return new ServerPaths(
        xdg(env, "XDG_STATE_HOME", ".local/state"), xdg(env, "XDG_DATA_HOME", ".local/share"));
  }

  private static Path xdg(Env env, String var, String fallback) {
    return env.xdgDir(var, fallback)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "neither " + var + " nor HOME is set to an absolute path; set HOME or " + var))
        .resolve("commit-polish");
  }

  /** {@code $XDG_STATE_HOME/commit-polish}. */
  public Path stateDir() {
    return stateDir;
  }

  /** {@code $XDG_DATA_HOME/commit-polish}. */
  public Path dataDir() {
    return dataDir;
  }

  /** The pid/port/start-time record of the server commit-polish started. */
  public Path stateFile() {
    return stateDir.resolve("server.state");
  }

  /** The server's stdout and stderr. */
  public Path logFile() {
    return stateDir.resolve("server.log");
  }

  /** Where {@code setup} puts the llamafile executable. */
  public Path llamafile() {
    return dataDir.resolve("llamafile");
  }

  /** Where {@code setup} puts model weights. */
  public Path modelsDir() {
    return dataDir.resolve("models");
  }
}
