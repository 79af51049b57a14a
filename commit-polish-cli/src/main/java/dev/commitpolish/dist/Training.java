package dev.commitpolish.dist;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Build-time training for the launcher's class-data sharing (AppCDS) archive.
 *
 * <p>Runs {@code commit-polish --version}, {@code --help}, two {@code hook} runs and a {@code lint}
 * (in a throw-away git repository, against a loopback server that answers like llamafile at once),
 * each in a forked JVM with {@code -XX:DumpLoadedClassList}, and writes the union of the loaded
 * classes — and, as {@code commit-polish-hook.classlist}, the union without {@code --help}, for the
 * small archive of the per-commit paths. The launcher later feeds that list to {@code java
 * -Xshare:dump}. A static archive is used rather than a dynamic one ({@code
 * -XX:ArchiveClassesAtExit}) because picocli ships Java 5 class files, which dynamic archives skip;
 * static archives take them.
 *
 * <p>Training never fails the build: a command that fails still contributes the classes it loaded,
 * and the list is written with whatever was gathered.
 *
 * <pre>java -cp ... dev.commitpolish.dist.Training OUT_CLASSLIST RUNTIME_CLASSPATH</pre>
 */
public final class Training {

  private Training() {}

  /**
   * Build entry point.
   *
   * @param args the class list to write and the runtime class path of the CLI
   */
  public static void main(String[] args) throws IOException, InterruptedException {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: Training OUT_CLASSLIST RUNTIME_CLASSPATH");
    }
    Path out = Path.of(args[0]);
    try {
      train(out, args[1]);
    } catch (IOException | RuntimeException e) {
      // never fail the build: an empty list only means the launcher runs without an archive
      System.out.println("[training] WARNING: training failed, start-up archive disabled: " + e);
      if (!Files.exists(out)) {
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, "");
      }
      Files.deleteIfExists(perCommitList(out)); // the launcher falls back to the full list
    }
  }

  private static void train(Path out, String classpath) throws IOException, InterruptedException {
    Path tmp = Files.createTempDirectory("commit-polish-training");
    HttpServer server = fakeServer();
    server.start();
    try {
      String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
      Path repo = tmp.resolve("repo");
      Map<String, String> env =
          Map.of(
              "HOME",
              tmp.resolve("home").toString(),
              "XDG_CONFIG_HOME",
              tmp.resolve("config").toString(),
              "XDG_CACHE_HOME",
              tmp.resolve("cache").toString(),
              "COMMIT_POLISH_API_BASE",
              base,
              "LLAMAFILE_API_BASE",
              base,
              "GIT_AUTHOR_NAME",
              "Training",
              "GIT_AUTHOR_EMAIL",
              "training@example.invalid",
              "GIT_COMMITTER_NAME",
              "Training",
              "GIT_COMMITTER_EMAIL",
              "training@example.invalid",
              "NO_COLOR",
              "1");
      Files.createDirectories(tmp.resolve("home"));
      Files.createDirectories(repo);
      // a user config file and a commitlint YAML config, so TOML and YAML parsing are trained too
      Path userConfig = Files.createDirectories(tmp.resolve("config/commit-polish"));
      Files.writeString(
          userConfig.resolve("config.toml"),
          "[ai]\nmodel = \"llamafile/gemma-3-3b\"\napi_base = \"" + base + "\"\n");
      Files.writeString(
          repo.resolve(".commitlintrc.yml"),
          "extends:\n  - '@commitlint/config-conventional'\n"
              + "rules:\n  header-max-length: [2, always, 72]\n");
      boolean gitOk = prepareRepo(repo, env);
      Path msg = repo.resolve(".git/COMMIT_EDITMSG");

      List<List<String>> runs = new ArrayList<>();
      runs.add(List.of("--version"));
      runs.add(List.of("--help"));
      if (gitOk) {
        // Both paths a commit takes: a message written from the diff (editor, empty draft), and
        // `git commit -m` with a draft that fails the convention (lint, repair, rewrite).
        Files.writeString(msg, "\n# Please enter the commit message for your changes.\n");
        runs.add(List.of("hook", msg.toString()));
        Path draft = repo.resolve(".git/TRAINING_MSG");
        Files.writeString(draft, "fixed the greeting thing\n");
        runs.add(List.of("hook", draft.toString(), "message"));
        // the commit-msg hook's lint (and so the linter, its text report and discovery)
        Path lintMsg = repo.resolve(".git/TRAINING_LINT");
        Files.writeString(lintMsg, "Fixed: the greeting thing.\n\n# a comment\n");
        runs.add(List.of("lint", "--edit", lintMsg.toString()));
      }
      Set<String> classes = new LinkedHashSet<>();
      Set<String> perCommit = new LinkedHashSet<>();
      int n = 0;
      for (List<String> run : runs) {
        Path list = tmp.resolve("run" + n++ + ".classlist");
        int code = fork(classpath, list, run, repo, env);
        int before = classes.size();
        if (Files.exists(list)) {
          List<String> loaded = Files.readAllLines(list, StandardCharsets.UTF_8);
          classes.addAll(loaded);
          if (!run.get(0).equals("--help")) {
            perCommit.addAll(loaded);
          }
        }
        System.out.printf(
            "[training] commit-polish %s -> exit %d, +%d classes%n",
            String.join(" ", run), code, classes.size() - before);
      }
      Files.createDirectories(out.toAbsolutePath().getParent());
      Files.write(out, classes, StandardCharsets.UTF_8);
      System.out.printf("[training] wrote %d entries to %s%n", classes.size(), out);
      Path hookList = perCommitList(out);
      Files.write(hookList, perCommit, StandardCharsets.UTF_8);
      System.out.printf("[training] wrote %d entries to %s%n", perCommit.size(), hookList);
    } finally {
      server.stop(0);
      deleteTree(tmp);
    }
  }

  /**
   * The class list of the per-commit paths only (the hook, lint, {@code --version}), next to the
   * full one: the launcher archives it separately, because a smaller archive starts faster.
   */
  static Path perCommitList(Path full) {
    return full.resolveSibling("commit-polish-hook.classlist");
  }

  private static boolean prepareRepo(Path repo, Map<String, String> env)
      throws IOException, InterruptedException {
    Files.writeString(repo.resolve("README.md"), "# training\n");
    if (git(repo, env, "init", "-q") != 0) {
      return false;
    }
    git(repo, env, "add", "README.md");
    git(repo, env, "commit", "-q", "-m", "chore: initial");
    // a conventional history, so the hook's style examples and scope suggestions are trained
    for (String subject : List.of("feat(readme): describe the project", "fix(readme): typo")) {
      Files.writeString(repo.resolve("README.md"), "# training\n" + subject + "\n");
      git(repo, env, "commit", "-q", "-a", "-m", subject);
    }
    Files.writeString(
        repo.resolve("README.md"),
        "# training\n\nA repository for the start-up training run.\n",
        StandardCharsets.UTF_8);
    Files.writeString(
        repo.resolve("Main.java"),
        "class Main {\n  public static void main(String[] a) {\n"
            + "    System.out.println(\"hi\");\n  }\n}\n");
    return git(repo, env, "add", "README.md", "Main.java") == 0;
  }

  private static int git(Path repo, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("git"));
    cmd.addAll(List.of(args));
    var pb = new ProcessBuilder(cmd).directory(repo.toFile()).redirectErrorStream(true);
    pb.environment().putAll(env);
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    try {
      Process p = pb.start();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return -1;
      }
      return p.exitValue();
    } catch (IOException e) {
      return -1; // no git: train without the hook run
    }
  }

  private static int fork(
      String classpath, Path list, List<String> args, Path cwd, Map<String, String> env)
      throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd =
        new ArrayList<>(
            List.of(
                java,
                "-XX:DumpLoadedClassList=" + list,
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-cp",
                classpath,
                "dev.commitpolish.cli.Main"));
    cmd.addAll(args);
    var pb = new ProcessBuilder(cmd).directory(cwd.toFile());
    pb.environment().putAll(env);
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return -1;
    }
    return p.exitValue();
  }

  /** A loopback server answering like llamafile, at once, with a valid commit message. */
  static HttpServer fakeServer() throws IOException {
    HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    s.createContext(
        "/",
        ex -> {
          try (ex) {
            String body = readBody(ex);
            String path = ex.getRequestURI().getPath();
            String reply = "feat: add a greeting program";
            if (path.endsWith("/chat/completions")
                && body.replace(" ", "").contains("\"stream\":true")) {
              String chunk =
                  "{\"id\":\"t\",\"object\":\"chat.completion.chunk\",\"created\":0,\"model\":\"m\","
                      + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\""
                      + reply
                      + "\"},\"finish_reason\":null}]}";
              String end =
                  "{\"id\":\"t\",\"object\":\"chat.completion.chunk\",\"created\":0,\"model\":\"m\","
                      + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}";
              send(ex, 200, "text/event-stream", "data: " + chunk + "\n\ndata: " + end + "\n\n");
            } else if (path.endsWith("/chat/completions")) {
              send(
                  ex,
                  200,
                  "application/json",
                  "{\"id\":\"t\",\"object\":\"chat.completion\",\"created\":0,\"model\":\"m\","
                      + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\""
                      + reply
                      + "\"},\"finish_reason\":\"stop\"}],"
                      + "\"usage\":{\"prompt_tokens\":50,\"completion_tokens\":6,\"total_tokens\":56}}");
            } else if (path.endsWith("/health")) {
              send(ex, 200, "application/json", "{\"status\":\"ok\"}");
            } else if (path.endsWith("/props")) {
              send(
                  ex,
                  200,
                  "application/json",
                  "{\"default_generation_settings\":{\"n_ctx\":4096},\"total_slots\":1}");
            } else if (path.endsWith("/tokenize")) {
              send(ex, 200, "application/json", "{\"tokens\":[1,2,3,4]}");
            } else if (path.endsWith("/models")) {
              send(
                  ex,
                  200,
                  "application/json",
                  "{\"object\":\"list\",\"data\":[{\"id\":\"gemma-3-3b\",\"object\":\"model\"}]}");
            } else {
              send(ex, 404, "text/plain", "File Not Found");
            }
          }
        });
    return s;
  }

  private static String readBody(HttpExchange ex) throws IOException {
    try (InputStream in = ex.getRequestBody()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static void send(HttpExchange ex, int status, String type, String body)
      throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, b.length);
    try (OutputStream o = ex.getResponseBody()) {
      o.write(b);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp dir left behind is harmless
    }
  }
}
