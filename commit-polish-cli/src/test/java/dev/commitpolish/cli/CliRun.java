package dev.commitpolish.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * One in-process run of the CLI with its output captured: what the command tests share.
 *
 * @param code the exit code
 * @param out what was printed on stdout
 * @param err what was printed on stderr
 */
public record CliRun(int code, String out, String err) {

  /** Runs {@code commit-polish <args>} in {@code env} through {@link Main#run}. */
  public static CliRun of(Env env, String... args) {
    var o = new ByteArrayOutputStream();
    var e = new ByteArrayOutputStream();
    int code =
        Main.run(
            args,
            new PrintStream(o, true, StandardCharsets.UTF_8),
            new PrintStream(e, true, StandardCharsets.UTF_8),
            env);
    return new CliRun(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
  }
}
