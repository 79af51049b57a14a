package dev.commitpolish.standin;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * A stand-in for the {@code llamafile} executable itself (not a model): it takes llamafile 0.9's
 * command line and behaves like its legacy server on start-up, for testing launchers such as {@code
 * commit-polish server start}. Run through {@code src/main/scripts/llamafile-standin}.
 *
 * <ul>
 *   <li>The last of {@code --server/--cli/--chat/--embedding/--localscore} picks the program; only
 *       {@code --server} (or no mode flag) serves. {@code --server --embedding} runs "the embedding
 *       CLI": it prints a note and exits 1 without opening a port.
 *   <li>Flags llamafile 0.9 does not know (upstream-only {@code --jinja}, {@code --embeddings},
 *       {@code --no-webui}, {@code -fa}, …) make it print {@code error: unknown argument: X} and
 *       exit 1.
 *   <li>{@code -m FILE} must exist, else it prints a model-load failure and exits 1.
 *   <li>It "loads" for a while (port closed, connection refused), then binds {@code --port} or, if
 *       busy, the next of port+1 … port+10, and prints {@code llama server listening at
 *       http://HOST:PORT}.
 * </ul>
 *
 * <p>Stand-in-only knobs come from the environment, because the command line is llamafile's: {@code
 * LLAMAFILE_STANDIN_LOAD_MS} (load delay, default 300), {@code LLAMAFILE_STANDIN_REPLY} (scripted
 * reply), {@code LLAMAFILE_STANDIN_TPS} (generation pacing). The wrapper script honours {@code
 * LLAMAFILE_STANDIN_IGNORE_TERM=1} (ignore SIGTERM, to test a launcher's "firmly" path).
 */
public final class LlamafileStandIn {

  private static final Set<String> MODES =
      Set.of("--server", "--cli", "--chat", "--embedding", "--localscore");
  private static final Set<String> SWITCHES =
      Set.of(
          "--nobrowser",
          "--log-disable",
          "--metrics",
          "--slots-endpoint-disable",
          "--mlock",
          "--no-mmap",
          "--unsecure",
          "--no-warmup",
          "-cb",
          "--cont-batching",
          "-v",
          "--verbose",
          "--fast",
          "--precise",
          "--trap",
          "--ascii",
          "--nologo");
  private static final Set<String> VALUED =
      Set.of(
          "--host",
          "--port",
          "-c",
          "--ctx-size",
          "-m",
          "--model",
          "-t",
          "--threads",
          "-tb",
          "--threads-batch",
          "-np",
          "--parallel",
          "-a",
          "--alias",
          "--api-key",
          "--api-key-file",
          "-ngl",
          "--n-gpu-layers",
          "--gpu",
          "-to",
          "--timeout",
          "--chat-template",
          "--url-prefix",
          "-n",
          "--n-predict",
          "-b",
          "--batch-size",
          "--temp",
          "-s",
          "--seed",
          "--log-file");

  private LlamafileStandIn() {}

  /** Entry point. Exits 1 on llamafile-style argument errors and load failures. */
  public static void main(String[] args) throws InterruptedException {
    int code = run(args, System.getenv(), System.out, System.err);
    if (code >= 0) {
      System.exit(code);
    }
    Thread.currentThread().join(); // serving until killed
  }

  /** Runs the stand-in; returns an exit code, or -1 while the server keeps running. */
  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    String mode = null;
    String host = "127.0.0.1";
    int port = 8080;
    int nCtx = 8192;
    int slots = 1;
    String model = null;
    String alias = null;
    String apiKey = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (MODES.contains(a)) {
        mode = a; // the last mode flag wins (main.cpp determine_program)
      } else if (a.equals("--v2")) {
        err.println("error: the llamafile stand-in does not emulate the v2 server (--v2)");
        return 1;
      } else if (SWITCHES.contains(a)) {
        continue;
      } else if (VALUED.contains(a)) {
        if (i + 1 >= args.length) {
          err.println("error: missing argument for " + a);
          return 1;
        }
        String v = args[++i];
        try {
          switch (a) {
            case "--host":
              host = v;
              break;
            case "--port":
              port = Integer.parseInt(v);
              break;
            case "-c":
            case "--ctx-size":
              nCtx = Integer.parseInt(v);
              break;
            case "-np":
            case "--parallel":
              slots = Integer.parseInt(v);
              break;
            case "-m":
            case "--model":
              model = v;
              break;
            case "-a":
            case "--alias":
              alias = v;
              break;
            case "--api-key":
              apiKey = v;
              break;
            case "-t":
            case "--threads":
              Integer.parseInt(v);
              break;
            default:
              break;
          }
        } catch (NumberFormatException e) {
          err.println("error: invalid number for " + a + ": " + v);
          return 1;
        }
      } else {
        err.println("error: unknown argument: " + a);
        return 1;
      }
    }
    if (mode != null && !mode.equals("--server")) {
      err.println(
          "llamafile stand-in: "
              + mode
              + " selects the "
              + mode.substring(2)
              + " program, not the HTTP server (the last mode flag wins); exiting");
      return 1;
    }
    if (model == null) {
      err.println("error: no model specified; pass -m FILE.gguf");
      return 1;
    }
    if (!Files.isRegularFile(Path.of(model))) {
      err.println("llama_model_load: error loading model: failed to open " + model);
      err.println("llama_load_model_from_file: failed to load model");
      err.println(
          "{\"function\":\"load_model\",\"level\":\"ERR\",\"msg\":\"unable to load model\","
              + "\"model\":\""
              + model
              + "\"}");
      return 1;
    }
    long loadMs = longEnv(env, "LLAMAFILE_STANDIN_LOAD_MS", 300);
    out.println(
        "{\"build\":1500,\"commit\":\"standin\",\"function\":\"main\",\"level\":\"INFO\","
            + "\"msg\":\"build info\",\"tid\":\"1\",\"timestamp\":0}");
    out.println("llama_model_loader: loading model from " + model + " (stand-in)");
    out.flush();
    if (nCtx <= 0) {
      nCtx = 8192;
    }
    StandInServer.Builder b =
        StandInServer.builder()
            .profile(Profile.LLAMAFILE_0_9)
            .host(host)
            .port(port)
            .portAutoIncrement(port != 0)
            .nCtx(nCtx)
            .slots(Math.max(1, slots))
            .modelPath(model)
            .modelAlias(alias)
            .apiKey(apiKey)
            .loading(Duration.ofMillis(Math.max(1, loadMs)))
            .log(out);
    String reply = env.get("LLAMAFILE_STANDIN_REPLY");
    if (reply != null) {
      b.reply(reply);
    }
    String tps = env.get("LLAMAFILE_STANDIN_TPS");
    if (tps != null) {
      b.tokensPerSecond(Double.parseDouble(tps));
    }
    StandInServer s = b.start();
    Runtime.getRuntime().addShutdownHook(new Thread(s::close));
    final String bindHost = host;
    final int bindPort = port;
    s.bound.whenComplete(
        (p, e) -> {
          if (e != null) {
            // llamafile exits when it cannot bind any port of port..port+10.
            err.println(
                "error: couldn't bind HTTP server socket, hostname: "
                    + bindHost
                    + ", port: "
                    + bindPort);
            err.flush();
            System.exit(1);
          }
        });
    // The server prints "llama server listening at ..." itself once it binds.
    return -1;
  }

  private static long longEnv(Map<String, String> env, String name, long dflt) {
    String v = env.get(name);
    if (v == null || v.isBlank()) {
      return dflt;
    }
    return Long.parseLong(v.trim());
  }
}
