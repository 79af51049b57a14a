package dev.commitpolish.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A configuration file commit-polish reads (or would read if it existed).
 *
 * @param path absolute path
 * @param scope which layer the file belongs to
 * @param exists whether the file exists now
 */
public record ConfigFile(Path path, Scope scope, boolean exists) {

  /** The layers that come from files. */
  public enum Scope {
    /** {@code .commit-polish.toml} at the work-tree root: shared by a team, partly untrusted. */
    REPO,
    /** {@code $XDG_CONFIG_HOME/commit-polish/config.toml}. */
    USER,
    /** {@code COMMIT_POLISH_CONFIG=<file>}: replaces the user file. */
    EXPLICIT;

    /** Lower-case name for output. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public ConfigFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(scope, "scope");
  }
}
