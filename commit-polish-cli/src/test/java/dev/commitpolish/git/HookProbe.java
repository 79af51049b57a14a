package dev.commitpolish.git;

import dev.commitpolish.cli.Env;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Test support: run by a real prepare-commit-msg hook (a separate JVM started by git) to report
 * what {@link Git} sees from inside the hook, with the environment git gave it. Writes {@code
 * key=value} lines to {@code $PROBE_OUT} and exits with {@code $PROBE_EXIT} (default 0; non-zero
 * aborts the commit so the test can inspect a repository that did not move).
 */
public final class HookProbe {

  private HookProbe() {}

  public static void main(String[] args) throws IOException {
    Env env = new Env(System.getenv(), Path.of("").toAbsolutePath());
    Git git = Git.open(env);
    var lines = new ArrayList<String>();
    lines.add("args=" + String.join(" ", args));
    lines.add("state=" + git.state());
    StagedChanges sc = git.stagedChanges();
    lines.add(
        "files="
            + sc.files().stream()
                .map(f -> f.status() + ":" + f.path() + (f.submodule() ? ":sub" : ""))
                .collect(Collectors.joining(",")));
    lines.add("initial=" + sc.initialCommit());
    lines.add("branch=" + git.branch().orElse(""));
    lines.add("toplevel=" + git.topLevel());
    lines.add("gitdir=" + git.gitDir());
    lines.add("hooks=" + git.gitPath("hooks"));
    Path msgFile = env.cwd().resolve(args[0]);
    String message = Files.readString(msgFile, StandardCharsets.UTF_8);
    lines.add("comment=" + git.commentString(message));
    lines.add("messageHasSemicolonComment=" + message.contains("\n; "));
    Files.write(Path.of(System.getenv("PROBE_OUT")), lines, StandardCharsets.UTF_8);
    String exit = System.getenv("PROBE_EXIT");
    System.exit(exit == null ? 0 : Integer.parseInt(exit));
  }

  /** Installs a hook running this probe into {@code hooksDir}. */
  static void install(Path hooksDir) throws IOException {
    Files.createDirectories(hooksDir);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String cp = System.getProperty("java.class.path");
    Path hook = hooksDir.resolve("prepare-commit-msg");
    Files.writeString(
        hook,
        "#!/bin/sh\n[ -n \"$PROBE_OUT\" ] || exit 0\nexec '"
            + java
            + "' -Xshare:auto -XX:TieredStopAtLevel=1 -cp '"
            + cp
            + "' "
            + HookProbe.class.getName()
            + " \"$@\"\n");
    hook.toFile().setExecutable(true);
  }

  /** Reads the probe's report. */
  static java.util.Map<String, String> read(Path out) throws IOException {
    var m = new java.util.LinkedHashMap<String, String>();
    for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
      int eq = line.indexOf('=');
      m.put(line.substring(0, eq), line.substring(eq + 1));
    }
    return m;
  }

  static List<String> files(java.util.Map<String, String> report) {
    String f = report.get("files");
    return f.isEmpty() ? List.of() : List.of(f.split(","));
  }
}
