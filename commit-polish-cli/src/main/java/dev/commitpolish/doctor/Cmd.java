package dev.commitpolish.doctor;

import dev.commitpolish.cli.Env;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a short external command (git) for a check, with a timeout, in the command's Env. */
final class Cmd {

  /** Exit status and captured output; {@code exitCode} -1 when the program could not start. */
  record Result(int exitCode, String stdout, String stderr) {
    boolean ok() {
      return exitCode == 0;
    }
  }

  private Cmd() {}

  static Result run(Env env, List<String> argv) {
    var pb = new ProcessBuilder(argv).directory(env.cwd().toFile());
    pb.environment().clear();
    pb.environment().putAll(env.vars());
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      return new Result(
          -1, "", e.getMessage() == null ? "cannot run " + argv.get(0) : e.getMessage());
    }
    try {
      p.getOutputStream().close();
      // Read both streams concurrently so a chatty stderr cannot fill its pipe and stall us.
      CompletableFuture<String> err =
          CompletableFuture.supplyAsync(() -> slurp(p.getErrorStream()));
      String out = slurp(p.getInputStream());
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Result(-1, out, String.join(" ", argv) + " timed out after 10 s");
      }
      return new Result(p.exitValue(), out, err.join());
    } catch (IOException e) {
      return new Result(-1, "", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      return new Result(-1, "", "interrupted");
    }
  }

  private static String slurp(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
