package dev.commitpolish.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The process environment as a value, so commands and tests never read {@link System#getenv()} or
 * the working directory directly.
 *
 * @param vars environment variables
 * @param cwd the working directory commands resolve relative paths against
 */
public record Env(Map<String, String> vars, Path cwd) {

  public Env {
    vars = Map.copyOf(vars);
    Objects.requireNonNull(cwd, "cwd");
  }

  /** The real environment of this process. */
  public static Env system() {
    return new Env(System.getenv(), Path.of("").toAbsolutePath());
  }

  /** The value of {@code name}, empty when unset or blank. */
  public Optional<String> get(String name) {
    String v = vars.get(name);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
  }

  /** {@code name} found on this environment's {@code PATH}; see {@link #which(String, String)}. */
  public Optional<Path> which(String name) {
    return which(vars.get("PATH"), name);
  }

  /**
   * The first executable regular file {@code name} in the absolute entries of {@code path}.
   * Relative entries ("." or "") would resolve inside the repository being committed to, letting a
   * cloned repository plant its own {@code git} or validator; like Go's exec.LookPath, they are
   * skipped.
   */
  public static Optional<Path> which(String path, String name) {
    if (path != null) {
      for (String dir : path.split(java.io.File.pathSeparator)) {
        if (dir.isEmpty() || !Path.of(dir).isAbsolute()) {
          continue;
        }
        Path candidate = Path.of(dir, name);
        if (java.nio.file.Files.isRegularFile(candidate)
            && java.nio.file.Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  /** {@code HOME}, when it is an absolute path (a relative one would name a directory per cwd). */
  public Optional<Path> home() {
    return get("HOME").map(Path::of).filter(Path::isAbsolute);
  }

  /**
   * An XDG base directory: {@code $var} when it is an absolute path (the XDG spec says to ignore
   * relative values), else {@code $HOME/underHome}; empty when neither is usable.
   */
  public Optional<Path> xdgDir(String var, String underHome) {
    Optional<Path> v = get(var).map(Path::of).filter(Path::isAbsolute);
    return v.isPresent() ? v : home().map(h -> h.resolve(underHome));
  }

  /** {@code s} with a leading {@code ~} or {@code ~/} replaced by {@link #home()}. */
  public String expandHome(String s) {
    Optional<Path> home = home();
    if (home.isPresent() && (s.equals("~") || s.startsWith("~/"))) {
      return home.get() + s.substring(1);
    }
    return s;
  }

  /** {@code path} with the home directory shown as {@code ~}, for messages. */
  public String displayHome(Path path) {
    Optional<Path> home = home();
    if (home.isPresent()) {
      Path h = home.get().normalize();
      Path p = path.toAbsolutePath().normalize();
      if (p.startsWith(h) && !p.equals(h)) {
        return "~/" + h.relativize(p);
      }
    }
    return path.toString();
  }

  /** A copy with {@code name} set to {@code value}. */
  public Env with(String name, String value) {
    var copy = new java.util.HashMap<>(vars);
    copy.put(name, value);
    return new Env(copy, cwd);
  }

  /** A copy with another working directory. */
  public Env in(Path dir) {
    return new Env(vars, dir.toAbsolutePath());
  }
}
