package dev.commitpolish.daemon;

import dev.commitpolish.cli.Caller;
import dev.commitpolish.cli.Env;
import dev.commitpolish.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Gets a worker's lint path loaded and compiled, and the JDK's first-use costs on the hook's path
 * paid, before commits need them.
 *
 * <p>A worker serves a few dozen commits before it goes idle, and the JIT compiles a method only
 * after ~200 calls: most of a lint would run interpreted for the worker's whole life. Measured on
 * the benchmark machine, a lint's run inside a fresh worker took ~1.3 ms, after 400 lints ~0.9 ms,
 * and the whole {@code commit-polish lint} ~1 ms less. So the worker lints a set of messages once
 * before clients can reach it (class loading) and a few hundred times more in the background right
 * after (a fraction of a second of CPU, once per worker).
 *
 * <p>Hermetic: it runs in private directories of its own (inside the worker's 0700 runtime
 * directory) with their own configs, {@code HOME} and {@code XDG_CONFIG_HOME} pointing there and an
 * empty {@code PATH}, so it reads no file of the user's and starts no process (a JavaScript config
 * would start npx). Between lints it waits while a client's request runs.
 */
final class Warmup {

  /** Run in the background: enough for C1's thresholds on the lint path (~0.2 s of CPU here). */
  static final int ROUNDS = 400;

  /** Every part of the parser and the rules: type, scope, breaking, body, footers, ignores. */
  private static final List<String> MESSAGES =
      List.of(
          "fix(auth): refresh expired session token on login\n",
          "feat(api)!: drop the v1 endpoints\n\nBREAKING CHANGE: clients must use /v2\n",
          "Feat: Add token refresh.\n",
          "chore: bump deps\n\nThe lock file was out of date and CI failed to install.\n\n"
              + "Refs: #42\nSigned-off-by: A Developer <dev@example.com>\n",
          "update stuff",
          "docs(readme): explain the hook, the worker, the kill switches and the configuration"
              + " keys in far more words than a header may have\n",
          "Merge branch 'main' into feature/login\n",
          "fixup! fix(auth): refresh expired session token on login\n",
          "refactor(parser)\n\nbody without a subject\n",
          "revert: feat(api): add token refresh\n\nThis reverts commit 1234567.\n");

  /**
   * The config forms repositories use, one directory each: a JavaScript project's package.json next
   * to a JSON commitlint config that overrides two rules (JSON is read by two different parsers), a
   * YAML config, and commitizen's pyproject.toml. Each directory is its own HOME, so discovery
   * stops there.
   */
  private static final Map<String, Map<String, String>> CONFIGS =
      Map.of(
          "json",
          Map.of(
              "package.json",
              "{\"name\": \"warm\", \"private\": true, \"devDependencies\": {}}\n",
              ".commitlintrc.json",
              "{\"extends\": [\"@commitlint/config-conventional\"],"
                  + " \"rules\": {\"header-max-length\": [2, \"always\", 72],"
                  + " \"scope-enum\": [1, \"always\", [\"api\", \"auth\", \"parser\"]]}}\n"),
          "yaml",
          Map.of(
              ".commitlintrc.yaml",
              "extends:\n  - '@commitlint/config-conventional'\nrules:\n"
                  + "  type-enum: [2, always, [feat, fix, docs, chore, refactor, revert]]\n"),
          "commitizen",
          Map.of(
              "pyproject.toml",
              "[tool.commitizen]\nname = \"cz_conventional_commits\"\nversion = \"1.0.0\"\n"));

  private final Path dir;
  private final PrintStream sink =
      new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
  private final List<Env> envs;

  /** A warm-up in {@code dir}, which it creates (and which {@link #cleanUp} removes). */
  Warmup(Path dir) {
    // normalized: discovery stops its upward walk at HOME, compared as a path
    dir = dir.toAbsolutePath().normalize();
    this.dir = dir;
    this.envs =
        CONFIGS.keySet().stream()
            .sorted()
            .map(dir::resolve)
            .map(
                d ->
                    new Env(
                        Map.of(
                            "HOME", d.toString(),
                            "XDG_CONFIG_HOME", d.resolve(".config").toString(),
                            "PATH", ""),
                        d))
            .toList();
  }

  /** Lints every message once in each directory: classes are loaded before a client comes. */
  void once() {
    try {
      cleanUp();
      for (var c : CONFIGS.entrySet()) {
        Path d = Files.createDirectories(dir.resolve(c.getKey()));
        for (var f : c.getValue().entrySet()) {
          Files.writeString(d.resolve(f.getKey()), f.getValue());
        }
      }
    } catch (IOException e) {
      return; // warming is an optimisation only: the first commits are a little slower
    }
    for (Env env : envs) {
      for (String m : MESSAGES) {
        lint(env, m);
      }
    }
    jdkFirstUses();
  }

  /**
   * The JDK's own first-use costs on a hook's path: the first process started (a hook starts five
   * git processes) initialises the process machinery, the first HTTP client the TLS defaults and
   * its selector. Measured here: the first commit through a fresh worker ~30 ms faster. The process
   * is {@code /bin/sh -c :} with an empty environment: it reads nothing and does nothing.
   */
  private static void jdkFirstUses() {
    try {
      var pb = new ProcessBuilder("/bin/sh", "-c", ":").redirectErrorStream(true);
      pb.environment().clear();
      Process p = pb.start();
      p.getInputStream().close();
      p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
    } catch (IOException e) {
      // no /bin/sh: the first hook pays for it
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    java.net.http.HttpClient.newHttpClient();
  }

  /**
   * Lints {@link #ROUNDS} more messages, waiting while {@code busy} (a client's request runs),
   * until done or {@code stopping}; then removes the directory.
   *
   * @return how many it linted
   */
  int rounds(BooleanSupplier busy, BooleanSupplier stopping) {
    int i = 0;
    try {
      for (; i < ROUNDS && !stopping.getAsBoolean(); i++) {
        while (busy.getAsBoolean() && !stopping.getAsBoolean()) {
          Thread.sleep(5);
        }
        lint(envs.get(i % envs.size()), MESSAGES.get(i % MESSAGES.size()));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      cleanUp();
    }
    return i;
  }

  private void lint(Env env, String message) {
    if (!Files.isDirectory(env.cwd(), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return; // removed under us: discovery would walk up into the user's directories
    }
    try {
      Main.run(
          new String[] {"lint"},
          sink,
          sink,
          env,
          new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)),
          new Caller() {});
    } catch (RuntimeException e) {
      // warming is an optimisation only
    }
  }

  /** Removes the directory; a worker killed before it did leaves it to the next one. */
  void cleanUp() {
    if (!Files.isDirectory(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      // a leftover directory of a few bytes; the next worker of this build tries again
    }
  }
}
