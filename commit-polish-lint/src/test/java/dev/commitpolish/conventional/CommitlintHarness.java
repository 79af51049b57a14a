package dev.commitpolish.conventional;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The real commitlint, pinned, installed from npm into {@code ~/.cache/commit-polish/commitlint-
 * 21.2.4} (reused when present). Tests are skipped when node/npm are missing, except under {@code
 * CI=true}, where that is a failure.
 */
final class CommitlintHarness {

  static final String VERSION = "21.2.4";

  final Path dir;

  private CommitlintHarness(Path dir) {
    this.dir = dir;
  }

  /** Installs (once) and returns the harness, or skips/fails when node is unavailable. */
  static synchronized CommitlintHarness get() throws Exception {
    if (instance != null) {
      return instance;
    }
    boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
    boolean haveNode = onPath("node") && onPath("npm");
    if (!haveNode) {
      String msg = "node and npm are required for the differential test against real commitlint";
      if (ci) {
        throw new AssertionError(msg + " (CI=true: not skipping)");
      }
      Assumptions.assumeTrue(false, msg + "; skipping");
    }
    Path dir =
        Path.of(
            System.getProperty("user.home"), ".cache", "commit-polish", "commitlint-" + VERSION);
    Files.createDirectories(dir);
    if (!installed(dir)) {
      Files.writeString(
          dir.resolve("package.json"), "{\"name\":\"cp-commitlint-cache\",\"private\":true}\n");
      Result r =
          run(
              dir,
              null,
              600,
              "npm",
              "install",
              "--no-audit",
              "--no-fund",
              "--engine-strict=false",
              "@commitlint/cli@" + VERSION,
              "@commitlint/config-conventional@" + VERSION);
      if (r.exit != 0 || !installed(dir)) {
        throw new AssertionError("npm install of commitlint " + VERSION + " failed:\n" + r.err);
      }
    }
    Files.writeString(
        dir.resolve(".commitlintrc.json"), "{\"extends\":[\"@commitlint/config-conventional\"]}\n");
    try (InputStream in = CommitlintHarness.class.getResourceAsStream("/commitlint/batch.mjs")) {
      Files.copy(in, dir.resolve("batch.mjs"), StandardCopyOption.REPLACE_EXISTING);
    }
    instance = new CommitlintHarness(dir);
    return instance;
  }

  private static CommitlintHarness instance;

  private static boolean installed(Path dir) throws IOException {
    for (String pkg : List.of("cli", "config-conventional", "lint", "load")) {
      Path pj = dir.resolve("node_modules/@commitlint/" + pkg + "/package.json");
      if (!Files.exists(pj) || !Files.readString(pj).contains("\"version\": \"" + VERSION + "\"")) {
        return false;
      }
    }
    return true;
  }

  private static boolean onPath(String exe) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String p : path.split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(p, exe))) {
        return true;
      }
    }
    return false;
  }

  /** One message to lint; commentChar null = stdin mode. */
  record Case(String message, String commentChar) {}

  /** commitlint's verdict: rule names with level, and messages. */
  record Verdict(boolean valid, List<Problem> errors, List<Problem> warnings, String crash) {}

  /** Lints all cases with the real library in one node process, config loaded from {@code cwd}. */
  List<Verdict> lintBatch(Path cwd, List<Case> cases) throws Exception {
    Path tmp = Files.createTempDirectory("commitlint-batch");
    try {
      List<Object> list = new ArrayList<>();
      for (Case c : cases) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("message", c.message());
        m.put("commentChar", c.commentChar());
        list.add(m);
      }
      Map<String, Object> in = new LinkedHashMap<>();
      in.put("cwd", cwd.toString());
      in.put("cases", list);
      Path inFile = tmp.resolve("in.json");
      Path outFile = tmp.resolve("out.json");
      Files.writeString(inFile, JSON.std.asString(in));
      Result r =
          run(
              dir,
              null,
              300,
              "node",
              dir.resolve("batch.mjs").toString(),
              inFile.toString(),
              outFile.toString());
      if (r.exit != 0) {
        throw new AssertionError("commitlint batch failed: " + r.err);
      }
      List<Object> out = JSON.std.listFrom(Files.readString(outFile));
      List<Verdict> verdicts = new ArrayList<>();
      for (Object o : out) {
        Map<?, ?> m = (Map<?, ?>) o;
        if (m.get("crash") != null) {
          verdicts.add(new Verdict(false, List.of(), List.of(), String.valueOf(m.get("crash"))));
          continue;
        }
        verdicts.add(
            new Verdict(
                Boolean.TRUE.equals(m.get("valid")),
                problems(m.get("errors")),
                problems(m.get("warnings")),
                null));
      }
      return verdicts;
    } finally {
      try (var s = Files.walk(tmp)) {
        s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static List<Problem> problems(Object o) {
    List<Problem> out = new ArrayList<>();
    for (Object p : (List<?>) o) {
      Map<?, ?> m = (Map<?, ?>) p;
      out.add(
          new Problem(
              ((Number) m.get("level")).intValue(),
              String.valueOf(m.get("name")),
              String.valueOf(m.get("message"))));
    }
    return out;
  }

  /** Runs the real {@code commitlint} binary with the message on stdin, in {@code cwd}. */
  Result cli(Path cwd, String stdin, String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add("node");
    cmd.add(dir.resolve("node_modules/@commitlint/cli/cli.js").toString());
    cmd.addAll(List.of(args));
    return run(cwd, stdin, 60, cmd.toArray(String[]::new));
  }

  record Result(int exit, String out, String err) {}

  static Result run(Path cwd, String stdin, int timeoutSeconds, String... cmd) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
    pb.environment().put("NO_COLOR", "1");
    pb.environment().put("FORCE_COLOR", "0");
    Path out = Files.createTempFile("cl-out", ".txt");
    Path err = Files.createTempFile("cl-err", ".txt");
    try {
      pb.redirectOutput(out.toFile()).redirectError(err.toFile());
      Process p = pb.start();
      try (var os = p.getOutputStream()) {
        if (stdin != null) {
          os.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      }
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(
            "timed out after " + timeoutSeconds + "s: " + String.join(" ", cmd));
      }
      return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
