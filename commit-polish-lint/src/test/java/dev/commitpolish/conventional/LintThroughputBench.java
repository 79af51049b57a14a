package dev.commitpolish.conventional;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark helper for bench/lint/run.sh (not a test).
 *
 * <ul>
 *   <li>{@code write FILE N}: writes N corpus messages, NUL-separated.
 *   <li>{@code lint FILE ROUNDS}: lints every message ROUNDS times in this process and prints
 *       {@code <messages linted> <ns per message> <errors seen>} for the fastest round.
 * </ul>
 */
public final class LintThroughputBench {

  private LintThroughputBench() {}

  public static void main(String[] args) throws IOException {
    if (args.length == 3 && args[0].equals("write")) {
      List<String> msgs = new ArrayList<>(MessageCorpus.handWritten());
      msgs.addAll(MessageCorpus.generated(42, Integer.parseInt(args[2]) - msgs.size()));
      Files.writeString(Path.of(args[1]), String.join("\0", msgs), StandardCharsets.UTF_8);
      return;
    }
    if (args.length == 3 && args[0].equals("lint")) {
      String[] msgs = Files.readString(Path.of(args[1]), StandardCharsets.UTF_8).split("\0", -1);
      int rounds = Integer.parseInt(args[2]);
      Linter linter = Linter.conventional();
      long best = Long.MAX_VALUE;
      int errors = 0;
      for (int r = 0; r < rounds; r++) {
        long t0 = System.nanoTime();
        int e = 0;
        for (String m : msgs) {
          e += linter.lint(m, LintOptions.stdin()).errors().size();
        }
        best = Math.min(best, System.nanoTime() - t0);
        errors = e;
      }
      System.out.println(msgs.length + " " + (best / msgs.length) + " " + errors);
      return;
    }
    System.err.println("usage: LintThroughputBench write FILE N | lint FILE ROUNDS");
    System.exit(2);
  }
}
