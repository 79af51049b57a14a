package dev.commitpolish.install;

import dev.commitpolish.cli.Env;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the commit-polish executable that an installed hook should run.
 *
 * <p>The hook should run the installation that installed it, by absolute path, so that a commit
 * made from an IDE or a shell with a different PATH still finds it. In order: {@code --launcher};
 * the system property {@value #HOME_PROPERTY} or the environment variable {@value #HOME_ENV} (set
 * by the launcher script) as {@code <home>/bin/commit-polish}; the launcher next to the running jar
 * ({@code <home>/lib/*.jar} or the checkout's {@code commit-polish-cli/target/*.jar}); and last the
 * bare name {@code commit-polish}, looked up on PATH when the hook runs.
 */
final class Launcher {

  static final String HOME_PROPERTY = "commit-polish.home";
  static final String HOME_ENV = "COMMIT_POLISH_HOME";
  static final String ON_PATH = "commit-polish";

  private Launcher() {}

  static String resolve(Env env, Optional<String> explicit) {
    if (explicit.isPresent()) {
      Path p = env.cwd().resolve(explicit.get()).toAbsolutePath().normalize();
      if (!Files.isRegularFile(p) || !Files.isExecutable(p)) {
        throw new InstallException(
            "--launcher " + explicit.get() + ": " + p + " is not an executable file");
      }
      return p.toString();
    }
    var homes = new ArrayList<String>();
    Optional.ofNullable(System.getProperty(HOME_PROPERTY)).ifPresent(homes::add);
    env.get(HOME_ENV).ifPresent(homes::add);
    for (String home : homes) {
      Path p = env.cwd().resolve(home).resolve("bin").resolve("commit-polish");
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return p.toAbsolutePath().normalize().toString();
      }
    }
    for (Path p : nextToJar()) {
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return p.toAbsolutePath().normalize().toString();
      }
    }
    return ON_PATH;
  }

  /**
   * Candidate launchers relative to the jar this class was loaded from (none from a classes dir).
   */
  private static List<Path> nextToJar() {
    try {
      var src = Launcher.class.getProtectionDomain().getCodeSource();
      if (src == null) {
        return List.of();
      }
      Path jar = Path.of(src.getLocation().toURI());
      if (!Files.isRegularFile(jar) || jar.getParent() == null) {
        return List.of();
      }
      Path jarDir = jar.getParent();
      var out = new ArrayList<Path>();
      if (jarDir.getParent() != null) {
        out.add(jarDir.getParent().resolve("bin").resolve("commit-polish"));
        // The checkout's own launcher, bin/commit-polish, runs commit-polish-cli/target/*.jar.
        if (jarDir.getFileName().toString().equals("target")
            && jarDir.getParent().getParent() != null) {
          out.add(jarDir.getParent().getParent().resolve("bin").resolve("commit-polish"));
        }
      }
      return out;
    } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
      return List.of();
    }
  }
}
