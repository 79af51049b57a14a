package dev.commitpolish.message;

import dev.commitpolish.cli.Env;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An external validator ({@code [validation] validator_command}), run as an argv list — never
 * through a shell — with the message on stdin, e.g. {@code ["npx", "--no-install", "commitlint"]}
 * or {@code ["cz", "check", "--commit-msg-file", "{file}"]} ({@code {file}} is replaced by a
 * temporary file holding the message). Exit 0 means valid; otherwise its output (first lines) is
 * the problem list fed back to the model. A validator that cannot start or times out counts as a
 * problem, so a broken validator never lets an unchecked message through.
 */
public final class CommandValidator implements MessageValidator {

  private static final int MAX_LINES = 8;

  private final List<String> argv;
  private final Path cwd;
  private final Map<String, String> env;
  private final Duration timeout;

  /**
   * @param argv the command and its arguments
   * @param cwd directory to run in (the work-tree root)
   * @param env environment for the process
   * @param timeout how long one run may take
   */
  public CommandValidator(List<String> argv, Path cwd, Map<String, String> env, Duration timeout) {
    if (argv.isEmpty()) {
      throw new IllegalArgumentException("validator_command is empty");
    }
    this.argv = List.copyOf(argv);
    this.cwd = cwd;
    this.env = Map.copyOf(env);
    this.timeout = timeout;
  }

  @Override
  public List<String> problems(String message) {
    Path tmp = null;
    try {
      List<String> cmd = new ArrayList<>();
      for (String a : argv) {
        if (a.contains("{file}")) {
          if (tmp == null) {
            tmp = java.nio.file.Files.createTempFile("commit-polish-msg", ".txt");
            java.nio.file.Files.writeString(tmp, message + "\n", StandardCharsets.UTF_8);
          }
          a = a.replace("{file}", tmp.toString());
        }
        cmd.add(a);
      }
      // A bare name is looked up on the caller's PATH (the JDK would use this process's, which in
      // a resident worker is whichever commit started it); relative entries are skipped as git
      // and npx are, so a cloned repository cannot plant the validator.
      if (!cmd.get(0).contains("/")) {
        cmd.set(0, Env.which(env.get("PATH"), cmd.get(0)).map(Path::toString).orElse(cmd.get(0)));
      }
      ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true);
      pb.environment().clear();
      pb.environment().putAll(env);
      Process p = pb.start();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Thread reader = new Thread(() -> copy(p.getInputStream(), out), "validator-output");
      reader.setDaemon(true);
      reader.start();
      try (OutputStream in = p.getOutputStream()) {
        in.write((message + "\n").getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        // The validator does not read stdin ({file} mode): fine.
      }
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        // `npx commitlint` is npx plus node: the whole tree goes, as in Git's timeout, or it
        // would outlive the hook (for ever, in a resident worker).
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        return List.of(
            "validator " + argv.get(0) + " timed out after " + timeout.toSeconds() + " s");
      }
      reader.join(1000);
      if (p.exitValue() == 0) {
        return List.of();
      }
      List<String> lines = new ArrayList<>();
      for (String l : out.toString(StandardCharsets.UTF_8).split("\n")) {
        String s = l.strip();
        if (!s.isEmpty() && lines.size() < MAX_LINES) {
          lines.add(s);
        }
      }
      if (lines.isEmpty()) {
        lines.add(
            "validator " + argv.get(0) + " rejected the message (exit " + p.exitValue() + ")");
      }
      return lines;
    } catch (IOException e) {
      return List.of("validator " + argv.get(0) + " could not run: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of("validator " + argv.get(0) + " was interrupted");
    } finally {
      if (tmp != null) {
        try {
          java.nio.file.Files.deleteIfExists(tmp);
        } catch (IOException e) {
          // A leftover temp file is harmless.
        }
      }
    }
  }

  private static void copy(InputStream in, ByteArrayOutputStream out) {
    byte[] b = new byte[8192];
    try (in) {
      int n;
      while ((n = in.read(b)) > 0) {
        if (out.size() < 64 * 1024) {
          out.write(b, 0, n);
        }
      }
    } catch (IOException e) {
      // Process ended.
    }
  }
}
