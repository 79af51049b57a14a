package dev.commitpolish.doctor;

import dev.commitpolish.cli.Env;
import dev.commitpolish.config.Config;
import dev.commitpolish.llm.AuthenticationException;
import dev.commitpolish.llm.ChatRequest;
import dev.commitpolish.llm.LlmClient;
import dev.commitpolish.llm.LlmException;
import dev.commitpolish.llm.ModelRef;
import dev.commitpolish.llm.NotFoundException;
import dev.commitpolish.llm.Provider;
import dev.commitpolish.llm.Readiness;
import dev.commitpolish.llm.RequestTimeoutException;
import dev.commitpolish.llm.RetryPolicy;
import dev.commitpolish.llm.ServerProbe;
import dev.commitpolish.server.ServerHints;
import dev.commitpolish.ui.Terminal;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Server checks through the client library: readiness ({@code /health}), the model list ({@code
 * /v1/models}), the context size ({@code /props}) and a 1-token chat request with its latency.
 * Single attempts with short timeouts: doctor reports what is, it does not wait for things to get
 * better.
 */
final class LlmServerChecks implements ServerChecks {

  /** Below this, a typical diff plus instructions no longer fits; the budgeter cuts hard. */
  static final int SMALL_CONTEXT = 2048;

  @Override
  public List<CheckResult> run(Env env, Config config, ModelRef ref, String apiBase) {
    LlmClient client =
        LlmClient.builder()
            .env(env.vars())
            .retryPolicy(RetryPolicy.none())
            .connectTimeout(Duration.ofSeconds(2))
            .requestTimeout(Duration.ofSeconds(30))
            .deadline(Duration.ofSeconds(30))
            .build();
    ServerProbe probe = client.probe(ref.toString(), apiBase);
    List<CheckResult> out = new ArrayList<>();
    Readiness r = probe.readiness();
    if (r != Readiness.READY) {
      out.add(notReady(r, env, config, ref, apiBase));
      out.add(CheckResult.skip("model-listed", "needs a ready server"));
      out.add(CheckResult.skip("context", "needs a ready server"));
      out.add(CheckResult.skip("probe", "needs a ready server"));
      return out;
    }
    out.add(CheckResult.pass("server", "ready at " + probe.apiBase()));
    out.add(modelListed(probe, ref));
    out.add(context(probe, config));
    out.add(oneToken(client, config, ref, apiBase));
    return out;
  }

  private static CheckResult notReady(
      Readiness r, Env env, Config config, ModelRef ref, String apiBase) {
    if (r == Readiness.LOADING) {
      return CheckResult.fail(
          "server",
          "up at " + apiBase + " but still loading the model (503)",
          "wait until loading finishes (commit-polish server status), then run doctor again");
    }
    String why = connectProblem(apiBase);
    return CheckResult.fail("server", why + " at " + apiBase, whenDown(env, config, ref, apiBase));
  }

  /**
   * Says whether the port refused (nothing listening, or llamafile still loading) or was silent.
   */
  static String connectProblem(String apiBase) {
    try {
      URI u = URI.create(apiBase.trim());
      int port = u.getPort() > 0 ? u.getPort() : "https".equals(u.getScheme()) ? 443 : 80;
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(u.getHost(), port), 1500);
        return "not answering HTTP";
      }
    } catch (ConnectException e) {
      return "connection refused (nothing listening, or llamafile still loading)";
    } catch (SocketTimeoutException e) {
      return "no answer within 1.5 s";
    } catch (IOException | IllegalArgumentException e) {
      return "not reachable (" + e.getMessage() + ")";
    }
  }

  /**
   * The fix when nothing answers: start our server, or set one up first; for other providers, start
   * theirs.
   */
  static String whenDown(Env env, Config config, ModelRef ref, String apiBase) {
    if (ref.provider() != Provider.LLAMAFILE) {
      return "start the " + ref.provider().prefix() + " server at " + apiBase + " or fix api_base";
    }
    if (!Doctor.loopback(apiBase)) {
      return "check that the server at " + apiBase + " is running and reachable";
    }
    if (llamafileInstalled(env, config)) {
      return "commit-polish server start";
    }
    return "commit-polish setup (downloads llamafile and a model), then commit-polish server start";
  }

  private static boolean llamafileInstalled(Env env, Config config) {
    // The configured [llamafile] path wins (as for the hook's own hint); else what setup installs.
    if (config.llamafile().path().isPresent()) {
      return Files.isRegularFile(config.llamafile().path().get());
    }
    return ServerHints.isInstalled(env);
  }

  private static CheckResult modelListed(ServerProbe probe, ModelRef ref) {
    List<String> ids;
    try {
      ids = probe.models();
    } catch (LlmException e) {
      return CheckResult.warn("model-listed", "GET /v1/models failed: " + e.getMessage(), "");
    }
    if (ids.contains(ref.model())) {
      return CheckResult.pass("model-listed", ref.model() + " is served");
    }
    if (ids.isEmpty()) {
      return CheckResult.warn("model-listed", "the server lists no models", "");
    }
    // llamafile and llama.cpp serve one model whatever the request says, so a different name
    // still works; it only makes logs and `preview --json` misleading.
    return CheckResult.warn(
        "model-listed",
        "server lists " + String.join(", ", ids) + ", not " + ref.model(),
        "set [ai] model = \"" + ref.provider().prefix() + "/" + ids.get(0) + "\"");
  }

  private static CheckResult context(ServerProbe probe, Config config) {
    OptionalInt n = probe.contextSize();
    if (n.isEmpty()) {
      return CheckResult.warn(
          "context",
          "the server does not report its context size; assuming "
              + config.diff().defaultContextTokens()
              + " tokens",
          "set [diff] default_context_tokens to the server's -c value");
    }
    if (n.getAsInt() < SMALL_CONTEXT) {
      return CheckResult.warn(
          "context",
          "n_ctx " + n.getAsInt() + " per slot is small; large diffs will be cut hard",
          "restart the server with -c 4096 ([llamafile] context_size = 4096)");
    }
    return CheckResult.pass("context", "n_ctx " + n.getAsInt() + " tokens per slot");
  }

  private static CheckResult oneToken(
      LlmClient client, Config config, ModelRef ref, String apiBase) {
    ChatRequest.Builder req =
        ChatRequest.builder(ref.toString())
            .user("Reply with the word OK.")
            .maxTokens(1)
            .temperature(0)
            .apiBase(apiBase);
    config.ai().apiKey().ifPresent(req::apiKey);
    long start = System.nanoTime();
    try {
      client.chat(req.build());
    } catch (AuthenticationException e) {
      return CheckResult.fail(
          "probe",
          "401 from the server: it was started with --api-key",
          "set [ai] api_key (or " + ref.provider().apiKeyEnv() + ") to that key");
    } catch (NotFoundException e) {
      return CheckResult.fail(
          "probe",
          "404 for /chat/completions: " + e.getMessage(),
          "check api_base: it must end in /v1 (e.g. http://127.0.0.1:8080/v1)");
    } catch (RequestTimeoutException e) {
      return CheckResult.fail(
          "probe",
          "no reply within 30 s: " + e.getMessage(),
          "the server is busy or too slow; see commit-polish server logs");
    } catch (LlmException e) {
      return CheckResult.fail(
          "probe",
          e.getClass().getSimpleName() + ": " + e.getMessage(),
          "see commit-polish server logs");
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    Duration deadline = config.hook().deadline();
    String detail = "1-token reply in " + Terminal.formatDuration(took);
    if (took.compareTo(deadline.dividedBy(4)) > 0) {
      return CheckResult.warn(
          "probe",
          detail + ", slow for the hook's " + deadline.toSeconds() + " s deadline",
          "use a smaller model or raise [hook] deadline_seconds");
    }
    return CheckResult.pass("probe", detail);
  }
}
