package dev.commitpolish.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real launcher, {@code bin/commit-polish}, as a process against the packaged build, in
 * both layouts (checkout and the unpacked distribution tarball). Runs in the integration-test
 * phase, after {@code package} made the jars, the class list, the tarball and the checkout's
 * archive.
 */
class LauncherIT {

  static Path root;
  static Path buildDir;
  static String version;

  @BeforeAll
  static void locate() {
    root = Path.of(System.getProperty("cp.root", "..")).toAbsolutePath().normalize();
    buildDir = Path.of(System.getProperty("cp.buildDir", "target")).toAbsolutePath().normalize();
    version = System.getProperty("cp.version", "0.1.0");
  }

  record Run(int code, String out, String err) {}

  static Run run(Path launcher, Map<String, String> extraEnv, String... args)
      throws IOException, InterruptedException {
    return runIn(null, launcher, extraEnv, args);
  }

  /** {@link #run} in {@code cwd} (null: this process's). */
  static Run runIn(Path cwd, Path launcher, Map<String, String> extraEnv, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("/bin/sh", launcher.toString()));
    cmd.addAll(List.of(args));
    var pb = new ProcessBuilder(cmd);
    if (cwd != null) {
      pb.directory(cwd.toFile());
    }
    Map<String, String> env = pb.environment();
    env.remove("JAVA_HOME");
    env.remove("COMMIT_POLISH_JAVA_OPTS");
    env.remove("COMMIT_POLISH_CDS_DIR");
    env.remove("COMMIT_POLISH_CDS");
    env.put("COMMIT_POLISH_BUILD_DIR", buildDir.toString());
    // no resident worker: these tests are about the launcher starting Java (DaemonIT covers it)
    env.remove("XDG_RUNTIME_DIR");
    env.put("COMMIT_POLISH_DAEMON", "0");
    env.putAll(extraEnv);
    Path outFile = Files.createTempFile("launcher", ".out");
    Path errFile = Files.createTempFile("launcher", ".err");
    pb.redirectOutput(outFile.toFile()).redirectError(errFile.toFile());
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Process p = pb.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("launcher hung: " + cmd);
    }
    var r =
        new Run(
            p.exitValue(),
            Files.readString(outFile, StandardCharsets.UTF_8),
            Files.readString(errFile, StandardCharsets.UTF_8));
    Files.delete(outFile);
    Files.delete(errFile);
    return r;
  }

  static Path real(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      return p;
    }
  }

  static Path checkoutLauncher() {
    return root.resolve("bin/commit-polish");
  }

  @Test
  void checkoutLauncherPrintsTheVersion(@TempDir Path home) throws Exception {
    Run r = run(checkoutLauncher(), Map.of("HOME", home.toString()), "--version");
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo("commit-polish " + version + "\n");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void buildMadeAnArchiveThatTheCheckoutLauncherUses(@TempDir Path home) throws Exception {
    try (Stream<Path> s = Files.list(buildDir.resolve("cds"))) {
      assertThat(s.filter(p -> p.toString().endsWith(".jsa"))).isNotEmpty();
    }
    Run r =
        run(
            checkoutLauncher(),
            Map.of(
                "HOME",
                home.toString(),
                // the build made the archive with the JDK that runs Maven, and so this test
                "JAVA_HOME",
                System.getProperty("java.home"),
                "COMMIT_POLISH_JAVA_OPTS",
                "-Xlog:class+load=info:stdout"),
            "--version");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("dev.commitpolish.cli.Main source: shared objects file");
    assertThat(home.resolve(".cache/commit-polish")).doesNotExist(); // nothing to create
  }

  @Test
  void createsTheArchiveInTheGivenDirAndSurvivesACorruptOne(@TempDir Path tmp) throws Exception {
    Path cds = tmp.resolve("cds");
    Map<String, String> env =
        Map.of(
            "HOME", tmp.toString(),
            "COMMIT_POLISH_CDS_DIR", cds.toString(),
            "COMMIT_POLISH_CDS_SYNC", "1");
    assertThat(run(checkoutLauncher(), env, "--version").code()).isZero();
    Path jsa;
    try (Stream<Path> s = Files.list(cds)) {
      jsa = s.filter(p -> p.toString().endsWith(".jsa")).findFirst().orElseThrow();
    }
    assertThat(jsa.getFileName().toString()).contains(Runtime.version().feature() + ".");
    try (Stream<Path> s = Files.list(cds)) {
      assertThat(s.map(p -> p.getFileName().toString())).allMatch(n -> n.endsWith(".jsa"));
    }

    jsa.toFile().setWritable(true);
    Files.writeString(jsa, "not an archive");
    Run r = run(checkoutLauncher(), env, "--version");
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo("commit-polish " + version + "\n");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void anUnwritableCacheNeverFailsTheCommand(@TempDir Path tmp) throws Exception {
    Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
    Run r =
        run(
            checkoutLauncher(),
            Map.of(
                "HOME", tmp.toString(),
                "COMMIT_POLISH_CDS_DIR", file.resolve("cds").toString(),
                "COMMIT_POLISH_CDS_SYNC", "1"),
            "--version");
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo("commit-polish " + version + "\n");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void distributionTarballRunsFromASymlinkAndMakesItsArchiveInTheBackground(@TempDir Path tmp)
      throws Exception {
    Path tarball = buildDir.resolve("commit-polish-" + version + ".tar.gz");
    assertThat(tarball).isRegularFile();
    Path opt = Files.createDirectories(tmp.resolve("opt"));
    Process tar =
        new ProcessBuilder("tar", "xzf", tarball.toString(), "-C", opt.toString()).start();
    assertThat(tar.waitFor()).isZero();
    Path home = opt.resolve("commit-polish-" + version);
    assertThat(home.resolve("lib/commit-polish.classlist")).isRegularFile();
    assertThat(home.resolve("share/man/man1/commit-polish.1.gz")).isRegularFile();
    Path bin = Files.createDirectories(tmp.resolve("usr/bin"));
    Path link =
        Files.createSymbolicLink(bin.resolve("commit-polish"), home.resolve("bin/commit-polish"));
    Path cache = tmp.resolve("cache");

    Run r =
        run(
            link,
            Map.of(
                "HOME", tmp.toString(),
                "XDG_CACHE_HOME", cache.toString(),
                "COMMIT_POLISH_BUILD_DIR", "/nonexistent"),
            "--version");
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo("commit-polish " + version + "\n");
    assertThat(r.err()).isEmpty();

    // the first run started `java -Xshare:dump` in the background; it finishes on its own
    Path dir = cache.resolve("commit-polish");
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    boolean made = false;
    while (!made && System.nanoTime() < until) {
      if (Files.isDirectory(dir)) {
        try (Stream<Path> s = Files.list(dir)) {
          made = s.anyMatch(p -> p.toString().endsWith(".jsa"));
        }
      }
      Thread.sleep(200);
    }
    assertThat(made).as("archive created under %s", dir).isTrue();
  }

  /**
   * Relative cache locations would name a directory inside the repository a hook runs in: an
   * archive planted there would be loaded into the JVM. They are ignored, nothing is written.
   */
  @Test
  void relativeCacheDirectoriesAreNeitherReadNorWritten(@TempDir Path tmp) throws Exception {
    Path otherBuild = tmp.resolve("build");
    // a copy of the build without its archives, so the launcher would look for (and make) one
    Files.createDirectories(otherBuild.resolve("lib"));
    try (Stream<Path> s = Files.list(buildDir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        Files.copy(p, otherBuild.resolve(p.getFileName()));
      }
    }
    try (Stream<Path> s = Files.list(buildDir.resolve("lib"))) {
      for (Path p : s.toList()) {
        Files.copy(p, otherBuild.resolve("lib").resolve(p.getFileName()));
      }
    }
    Path repo = Files.createDirectories(tmp.resolve("repo"));
    for (Map<String, String> env :
        List.of(
            Map.of("HOME", "home", "XDG_CACHE_HOME", "cache"),
            Map.of("HOME", tmp.toString(), "COMMIT_POLISH_CDS_DIR", "cds"))) {
      var extra = new HashMap<>(env);
      extra.put("COMMIT_POLISH_BUILD_DIR", otherBuild.toString());
      Run r = runIn(repo, checkoutLauncher(), extra, "--version");
      assertThat(r.code()).as(env + r.err()).isZero();
      assertThat(r.out()).isEqualTo("commit-polish " + version + "\n");
      try (Stream<Path> s = Files.list(repo)) {
        assertThat(s.toList()).as("written inside the repository with %s", env).isEmpty();
      }
    }
  }

  @Test
  void saysHowToGetJavaWhenThereIsNone(@TempDir Path tmp) throws Exception {
    // a PATH with the tools the launcher needs, but no java
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    for (String tool : List.of("readlink", "mkdir", "mv", "rm", "rmdir", "find")) {
      for (String d : List.of("/usr/bin/", "/bin/")) {
        if (Files.isExecutable(Path.of(d + tool))) {
          Files.createSymbolicLink(bin.resolve(tool), Path.of(d + tool));
          break;
        }
      }
    }
    Map<String, String> env = new HashMap<>();
    env.put("HOME", tmp.toString());
    env.put("PATH", bin.toString());
    Run r = run(checkoutLauncher(), env, "--version");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("no Java runtime found").contains("JAVA_HOME");
  }

  @Test
  void worksWithAnotherJdkFromJavaHome(@TempDir Path tmp) throws Exception {
    Path jvms = Path.of("/usr/lib/jvm");
    if (!Files.isDirectory(jvms)) {
      return;
    }
    List<Path> homes;
    try (Stream<Path> s = Files.list(jvms)) {
      // one run per real JDK (Debian links java-1.17.0-openjdk-amd64 to java-17-openjdk-amd64)
      homes =
          s.filter(p -> Files.isExecutable(p.resolve("bin/java")))
              .map(LauncherIT::real)
              .distinct()
              .sorted()
              .toList();
    }
    for (Path jdk : homes) {
      Run r =
          run(
              checkoutLauncher(),
              Map.of(
                  "HOME", tmp.toString(),
                  "JAVA_HOME", jdk.toString(),
                  "COMMIT_POLISH_CDS_DIR", tmp.resolve("cds").toString(),
                  "COMMIT_POLISH_CDS_SYNC", "1"),
              "--version");
      assertThat(r.code()).as("JAVA_HOME=%s: %s", jdk, r.err()).isZero();
      assertThat(r.out()).isEqualTo("commit-polish " + version + "\n");
      assertThat(r.err()).as("JAVA_HOME=%s", jdk).isEmpty();
    }
  }
}
