package dev.commitpolish.server;

import dev.commitpolish.cli.Env;
import dev.commitpolish.config.Config;
import dev.commitpolish.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One-line fixes for "the local model server is not answering", shared by the hook and {@code
 * doctor} so both say the same thing.
 */
public final class ServerHints {

  private ServerHints() {}

  /**
   * The fix to print when the server is down: {@code commit-polish setup} when no llamafile is
   * installed (neither {@code [llamafile] path} nor the one setup downloads exists), else {@code
   * commit-polish server start}.
   */
  public static String startHint(Env env) {
    return isInstalled(env)
        ? "start the local model server: commit-polish server start"
        : "install a local model server: commit-polish setup";
  }

  /** Whether a llamafile executable is configured or was downloaded by setup. */
  public static boolean isInstalled(Env env) {
    Optional<Path> configured = Optional.empty();
    try {
      Config c = ConfigLoader.load(env).config();
      configured = c.llamafile().path();
    } catch (RuntimeException e) {
      // a broken config is reported elsewhere; fall back to the default location
    }
    if (configured.isPresent()) {
      return Files.isRegularFile(configured.get());
    }
    try {
      return Files.isRegularFile(ServerPaths.of(env).llamafile());
    } catch (IllegalStateException e) {
      return false;
    }
  }
}
