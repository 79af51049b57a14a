package dev.commitpolish.standin;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the stand-in from the command line until killed.
 *
 * <pre>
 * java -jar commit-polish-standin.jar --profile llamafile-0.9 --port 0 --n-ctx 2048 --reply "fix: x"
 * </pre>
 *
 * <p>Prints the profile's listening line ({@code llama server listening at http://127.0.0.1:PORT}
 * or {@code main: server is listening on http://127.0.0.1:PORT - starting the main loop}) on stdout
 * once the port is open; with {@code --port 0} that line carries the chosen port.
 */
public final class StandInMain {

  static final String USAGE =
      String.join(
          "\n",
          "usage: commit-polish-standin [options]",
          "  --profile NAME          llamafile-0.9 (default) | llamacpp",
          "  --host HOST             listen address (default 127.0.0.1)",
          "  --port N                port, 0 = pick a free one (default 8080)",
          "  --port-auto-increment   if the port is busy try the next 10 (llamafile does)",
          "  --n-ctx N               per-slot context size in tokens (default 8192)",
          "  --slots N               parallel slots (default 1 llamafile, 4 llamacpp)",
          "  --alias NAME            model alias (/v1/models id; llama.cpp response model)",
          "  --model PATH            model path as given with -m (default model.gguf)",
          "  --api-key KEY           require this API key like --api-key",
          "  --loading-ms N          loading window after start (default 0)",
          "  --prefill-tps R         prompt tokens per second (0 = instant)",
          "  --tps R                 generated tokens per second (0 = instant)",
          "  --reply TEXT            scripted reply; repeat for a queue (the last repeats)",
          "  --no-embeddings         llamacpp: answer embeddings with 501",
          "  --log-requests          print one line per request on stdout",
          "  -h, --help              this help",
          "",
          "A stand-in for the llamafile 0.9.x / llama.cpp servers, for tests. Not a model.");

  private StandInMain() {}

  /** Entry point; exits 2 on a usage error. */
  public static void main(String[] args) throws InterruptedException {
    StandInServer s;
    try {
      s = start(args, System.out);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    if (s == null) {
      System.out.println(USAGE);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(s::close));
    Thread.currentThread().join();
  }

  /** Parses {@code args} and starts a server logging to {@code out}; null after --help. */
  static StandInServer start(String[] args, PrintStream out) {
    StandInServer.Builder b = StandInServer.builder().port(8080).log(null);
    List<String> replies = new ArrayList<>();
    boolean logRequests = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "-h":
        case "--help":
          return null;
        case "--profile":
          b.profile(Profile.parse(value(args, ++i, a)));
          break;
        case "--host":
          b.host(value(args, ++i, a));
          break;
        case "--port":
          b.port(intValue(args, ++i, a));
          break;
        case "--port-auto-increment":
          b.portAutoIncrement(true);
          break;
        case "--n-ctx":
        case "-c":
          b.nCtx(intValue(args, ++i, a));
          break;
        case "--slots":
          b.slots(intValue(args, ++i, a));
          break;
        case "--alias":
          b.modelAlias(value(args, ++i, a));
          break;
        case "--model":
          b.modelPath(value(args, ++i, a));
          break;
        case "--api-key":
          b.apiKey(value(args, ++i, a));
          break;
        case "--loading-ms":
          b.loading(Duration.ofMillis(intValue(args, ++i, a)));
          break;
        case "--prefill-tps":
          b.prefillTokensPerSecond(doubleValue(args, ++i, a));
          break;
        case "--tps":
          b.tokensPerSecond(doubleValue(args, ++i, a));
          break;
        case "--reply":
          replies.add(value(args, ++i, a));
          break;
        case "--no-embeddings":
          b.embeddings(false);
          break;
        case "--log-requests":
          logRequests = true;
          break;
        default:
          throw new IllegalArgumentException("unknown argument: " + a);
      }
    }
    if (!replies.isEmpty()) {
      b.replies(replies.toArray(String[]::new));
    }
    b.log(logRequests ? out : null);
    StandInServer s = b.start();
    if (!logRequests) {
      // Print the listening line once the port is open (after a llamafile loading window).
      Thread t =
          new Thread(
              () -> {
                try {
                  if (s.awaitListening(Duration.ofDays(1))) {
                    out.println(s.listeningLine());
                    out.flush();
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              "standin-announce");
      t.setDaemon(true);
      t.start();
    }
    return s;
  }

  static String value(String[] args, int i, String flag) {
    if (i >= args.length) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return args[i];
  }

  static int intValue(String[] args, int i, String flag) {
    String v = value(args, i, flag);
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " needs an integer, got '" + v + "'");
    }
  }

  static double doubleValue(String[] args, int i, String flag) {
    String v = value(args, i, flag);
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " needs a number, got '" + v + "'");
    }
  }
}
