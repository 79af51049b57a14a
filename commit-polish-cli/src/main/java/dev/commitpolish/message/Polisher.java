package dev.commitpolish.message;

import dev.commitpolish.cli.Background;
import dev.commitpolish.cli.Env;
import dev.commitpolish.cli.Timing;
import dev.commitpolish.config.Config;
import dev.commitpolish.config.Urls;
import dev.commitpolish.diff.ChangedFile;
import dev.commitpolish.diff.DiffBudgeter;
import dev.commitpolish.diff.DiffSection;
import dev.commitpolish.diff.Exclusions;
import dev.commitpolish.diff.StagedPatch;
import dev.commitpolish.diff.TokenCounter;
import dev.commitpolish.git.FileChange;
import dev.commitpolish.git.StagedChanges;
import dev.commitpolish.llm.ChatChunk;
import dev.commitpolish.llm.ChatMessage;
import dev.commitpolish.llm.ChatRequest;
import dev.commitpolish.llm.ChatResponse;
import dev.commitpolish.llm.ChatStream;
import dev.commitpolish.llm.ContextWindowExceededException;
import dev.commitpolish.llm.LlmClient;
import dev.commitpolish.llm.LlmException;
import dev.commitpolish.llm.ModelRef;
import dev.commitpolish.llm.RetryPolicy;
import dev.commitpolish.llm.ServerProbe;
import dev.commitpolish.llm.TokenCount;
import dev.commitpolish.server.ServerHints;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The polish engine shared by the hook, {@code preview} and {@code polish}: draft + staged changes
 * + conventions in, a validated message out.
 *
 * <p>Steps: size the diff to the server's context ({@code /props} n_ctx, the configured default
 * when unknown), build the prompt, ask the model (streaming, {@code cache_prompt: true}), clean the
 * reply in code, validate it, and repair up to {@code max_retries} times with the problems fed
 * back. When no model answers, the {@link OfflinePolisher} repairs the draft instead; when nothing
 * valid comes out, the outcome carries the draft unchanged. It never throws for model, network or
 * validation failures — those are described in the {@link PolishOutcome}.
 *
 * <pre>{@code
 * Polisher p = Polisher.create(config, env);
 * PolishOutcome o = p.polish("fixed the login thing", git.stagedChanges(), conventions,
 *     Instant.now().plusSeconds(20), null);
 * if (o.polished()) write(o.message());
 * }</pre>
 *
 * <p>Round trips to the server: one {@code GET /props}, one streamed chat per attempt, and {@code
 * POST /tokenize} only when the diff had to be cut (to use the context fully and check the fit).
 */
public final class Polisher {

  /**
   * One quick retry: a local server either answers or it does not, and the commit is waiting.
   * LiteLLM's default (2 retries, 0.5 s doubling, Retry-After up to 60 s) would spend the hook's
   * whole deadline on a server that is down.
   */
  static final RetryPolicy RETRIES =
      new RetryPolicy(
          1,
          Duration.ofMillis(200),
          Duration.ofSeconds(1),
          Duration.ofMillis(100),
          Duration.ofSeconds(2));

  /** Tokens the chat template adds around two to four messages (ChatML-like markup), generously. */
  static final int TEMPLATE_TOKENS = 48;

  private final Config config;
  private final Env env;
  private CompletableFuture<OptionalInt> prefetchedContext;
  private MessageValidator validator;
  private Conventions validatorConventions;

  private Polisher(Config config, Env env) {
    this.config = Objects.requireNonNull(config, "config");
    this.env = Objects.requireNonNull(env, "env");
  }

  /** An engine for {@code config}; nothing is loaded or connected until {@link #polish} runs. */
  public static Polisher create(Config config, Env env) {
    return new Polisher(config, env);
  }

  /** The endpoint requests go to: the configured one, else the provider's env var or default. */
  public Optional<String> endpoint() {
    if (config.ai().apiBase().isPresent()) {
      return config.ai().apiBase();
    }
    try {
      ModelRef ref = ModelRef.parse(config.ai().model());
      Optional<String> fromEnv = env.get(ref.provider().apiBaseEnv());
      return fromEnv.isPresent() ? fromEnv : ref.provider().defaultApiBase();
    } catch (LlmException e) {
      return Optional.empty();
    }
  }

  /**
   * True when {@code apiBase} is a loopback address ({@code localhost}, 127.0.0.0/8, ::1): the
   * configuration's own rule ({@link Urls#isLoopback}), so privacy is decided one way everywhere.
   */
  public static boolean isLoopback(String apiBase) {
    return Urls.isLoopback(apiBase);
  }

  /**
   * Polishes {@code draft}.
   *
   * @param draft the user's message without comment lines (may be empty: then the model writes one
   *     from the diff, and there is nothing for the offline polisher to repair)
   * @param changes what is being committed
   * @param conventions the repo's rules and history
   * @param deadline when everything must be over; model calls are cut off then
   * @param onToken receives streamed text deltas as they arrive (may be null)
   */
  public PolishOutcome polish(
      String draft,
      StagedChanges changes,
      Conventions conventions,
      Instant deadline,
      Consumer<String> onToken) {
    Instant start = Instant.now();
    Run run = new Run(draft, changes, conventions, deadline, onToken, start);
    return run.execute();
  }

  /**
   * Starts connecting to the model server in the background — the client, and {@code GET /props}
   * for the context size — so that round trip (and the first use of the HTTP classes) overlaps with
   * the caller's own work: reading the diff, discovering the conventions, checking the draft.
   * {@link #polish} then uses the answer. Does nothing for a remote endpoint that the configuration
   * does not allow (no request may go there).
   *
   * @param deadline the same deadline that will be passed to {@link #polish}
   * @return this
   */
  public synchronized Polisher prefetch(Instant deadline) {
    Optional<String> base = endpoint();
    // Loopback only: a remote endpoint is contacted when a message is really being written, not
    // on commits that end up skipped.
    if (prefetchedContext == null && base.isPresent() && isLoopback(base.get())) {
      prefetchedContext = Background.start("commit-polish-props", () -> contextSize(deadline));
    }
    return this;
  }

  /**
   * A client whose timeouts end at {@code deadline}, counted from now: built when a call is about
   * to be made, because the library counts them from each call's start.
   */
  private LlmClient client(Instant deadline) {
    return LlmClient.builder()
        .env(env.vars())
        .retryPolicy(RETRIES)
        .connectTimeout(Duration.ofSeconds(2))
        .requestTimeout(min(config.ai().requestTimeout(), remaining(deadline)))
        .deadline(remaining(deadline))
        .streamIdleTimeout(min(Duration.ofSeconds(30), remaining(deadline)))
        .build();
  }

  /** The server's n_ctx from {@code /props}; empty when it does not say or cannot be asked. */
  private OptionalInt contextSize(Instant deadline) {
    try {
      OptionalInt n =
          client(deadline).probe(config.ai().model(), endpoint().orElse(null)).contextSize();
      Timing.mark("/props answered");
      return n;
    } catch (LlmException | IllegalArgumentException e) {
      // /props missing or failing: the configured size is used; the chat call will tell
      // whether the server is there at all.
      return OptionalInt.empty();
    }
  }

  private synchronized CompletableFuture<OptionalInt> prefetchedContext() {
    return prefetchedContext;
  }

  private static Duration remaining(Instant deadline) {
    Duration d = Duration.between(Instant.now(), deadline);
    return d.isNegative() ? Duration.ZERO : d;
  }

  /**
   * The validator chain for {@code conventions} and the configured command. The same conventions
   * get the same validator, which remembers its verdicts: the hook checks the draft before
   * polishing and the polish checks it again, and a {@code validator_command} (an external program,
   * often node) must not run twice on the same text.
   */
  public synchronized MessageValidator validator(Conventions conventions, Duration timeout) {
    if (validator == null || validatorConventions != conventions) {
      MessageValidator v = new LintValidator(conventions.lint());
      List<String> cmd = config.validation().validatorCommand();
      if (!cmd.isEmpty()) {
        v = v.and(new CommandValidator(cmd, env.cwd(), env.vars(), timeout));
      }
      MessageValidator chain = v;
      Map<String, List<String>> seen = new java.util.concurrent.ConcurrentHashMap<>();
      validator = m -> seen.computeIfAbsent(m, chain::problems);
      validatorConventions = conventions;
    }
    return validator;
  }

  /** One polish, with its mutable bookkeeping. */
  private final class Run {
    private final String draft;
    private final StagedChanges changes;
    private final Conventions conventions;
    private final Instant deadline;
    private final Consumer<String> onToken;
    private final Instant start;
    private final Trailers draftParts;
    private final MessageValidator validator;
    private int attempts;
    private int lastPromptTokens;
    private int promptTokens;
    private int completionTokens;
    private Prompt firstPrompt;
    private DiffSection firstDiff;

    Run(
        String draft,
        StagedChanges changes,
        Conventions conventions,
        Instant deadline,
        Consumer<String> onToken,
        Instant start) {
      this.draft = draft == null ? "" : draft.strip();
      this.changes = changes;
      this.conventions = conventions;
      this.deadline = deadline;
      this.onToken = onToken;
      this.start = start;
      this.draftParts = Trailers.split(this.draft);
      this.validator = validator(conventions, Duration.ofSeconds(10));
    }

    PolishOutcome execute() {
      String model = config.ai().model();
      Optional<String> base = endpoint();
      boolean remote = base.isPresent() && !isLoopback(base.get());
      PromptBuilder builder = PromptBuilder.of(conventions, config.validation().systemPrompt());
      List<ChangedFile> files = StagedPatch.files(changes);
      Exclusions exclusions = Exclusions.defaults(config.diff().exclude());

      if (remote && !config.ai().allowRemote()) {
        // Build the prompt anyway so preview --show-prompt can show what would be sent.
        int budget = budget(config.diff().defaultContextTokens(), builder);
        firstDiff =
            DiffBudgeter.build(files, changes.patch(), exclusions, budget, TokenCounter.estimate());
        firstPrompt = builder.build(draft, conventions.ticket(), firstDiff);
        return offline(
            new PolishOutcome.ModelError(
                "RemoteNotAllowed",
                0,
                "endpoint " + hostOf(base.get()) + " is not loopback; the diff stays local",
                "set allow_remote = true in [ai] to allow it"),
            model);
      }

      LlmClient client;
      try {
        client = client(deadline);
      } catch (LlmException | IllegalArgumentException e) {
        return offline(modelError(e), model);
      }
      ServerProbe probe = client.probe(model, base.orElse(null));
      CompletableFuture<OptionalInt> early = prefetchedContext();
      OptionalInt reported = early != null ? Background.join(early) : contextSize(deadline);
      Timing.mark("context size known");
      int nCtx = reported.orElse(config.diff().defaultContextTokens());
      int budget = budget(nCtx, builder);
      DiffSection section =
          DiffBudgeter.build(files, changes.patch(), exclusions, budget, TokenCounter.estimate());
      if (!section.complete() && reported.isPresent()) {
        section = fitWithServerCount(probe, builder, files, exclusions, nCtx, budget, section);
      }
      Prompt prompt = builder.build(draft, conventions.ticket(), section);
      firstPrompt = prompt;
      firstDiff = section;
      String user = remote ? Redactor.redact(prompt.user()) : prompt.user();
      String system = remote ? Redactor.redact(prompt.system()) : prompt.system();

      List<ChatMessage> messages = new ArrayList<>();
      messages.add(ChatMessage.system(system));
      messages.add(ChatMessage.user(user));
      List<String> problems = List.of();
      boolean answered = false;
      boolean shrunk = false;
      String lastCandidate = "";
      int maxAttempts = 1 + config.validation().maxRetries();
      for (int i = 0; i < maxAttempts; i++) {
        if (remaining().isZero()) {
          break;
        }
        String reply;
        try {
          reply = chat(client, model, base, messages);
          Timing.mark("chat answered");
        } catch (ContextWindowExceededException e) {
          // The server's context is smaller than we were told (or than the configured default
          // when /props was silent). Its error says how large it is: re-budget once and resend.
          OptionalInt real = e.contextSize();
          if (answered || shrunk || real.isEmpty() || real.getAsInt() >= nCtx) {
            return answered
                ? kept(PolishOutcome.Engine.LLM, model, problems, Optional.of(modelError(e)))
                : offline(modelError(e), model);
          }
          shrunk = true;
          nCtx = real.getAsInt();
          DiffSection smaller =
              DiffBudgeter.build(
                  files,
                  changes.patch(),
                  exclusions,
                  budget(nCtx, builder),
                  TokenCounter.estimate());
          Prompt p = builder.build(draft, conventions.ticket(), smaller);
          firstPrompt = p;
          firstDiff = smaller;
          messages.set(1, ChatMessage.user(remote ? Redactor.redact(p.user()) : p.user()));
          i--;
          continue;
        } catch (LlmException e) {
          if (!answered) {
            return offline(modelError(e), model);
          }
          return kept(PolishOutcome.Engine.LLM, model, problems, Optional.of(modelError(e)));
        }
        answered = true;
        String cleaned =
            Cleanup.normalizeHeader(
                Cleanup.clean(
                    reply,
                    conventions.headerTarget(),
                    conventions.bodyWrap(),
                    draftParts.trailers()),
                conventions.lint().allowedTypes());
        lastCandidate = cleaned;
        problems =
            cleaned.isBlank()
                ? List.of("the reply contained no commit message")
                : validator.problems(cleaned);
        if (problems.isEmpty()) {
          return outcome(
              cleaned, PolishOutcome.Engine.LLM, model, true, List.of(), Optional.empty());
        }
        messages.add(ChatMessage.assistant(cleaned.isBlank() ? "(empty)" : cleaned));
        messages.add(ChatMessage.user(PromptBuilder.repairRequest(problems)));
        if (!fitsNextAttempt(messages, nCtx)) {
          break;
        }
      }
      Optional<PolishOutcome.ModelError> why =
          Optional.of(
              new PolishOutcome.ModelError(
                  "InvalidReply",
                  0,
                  lastCandidate.isBlank()
                      ? "the model's reply contained no commit message"
                      : "the model's message failed validation: " + String.join("; ", problems),
                  ""));
      return kept(PolishOutcome.Engine.LLM, model, problems, why);
    }

    private String chat(
        LlmClient client, String model, Optional<String> base, List<ChatMessage> messages) {
      ChatRequest.Builder req =
          ChatRequest.builder(model)
              .messages(messages)
              .temperature(config.ai().temperature())
              .maxTokens(config.ai().maxTokens())
              .extra("cache_prompt", true);
      base.ifPresent(req::apiBase);
      config.ai().apiKey().ifPresent(req::apiKey);
      attempts++;
      try (ChatStream stream = client.chatStream(req.build())) {
        for (ChatChunk c : stream) {
          if (onToken != null && !c.delta().isEmpty()) {
            onToken.accept(c.delta());
          }
        }
        ChatResponse r = stream.response();
        lastPromptTokens = r.usage().promptTokens();
        promptTokens += r.usage().promptTokens();
        completionTokens += r.usage().completionTokens();
        return r.content();
      }
    }

    /**
     * Whether the conversation with the two repair messages just added, plus max_tokens, still
     * fits: the server's count of the previous prompt (when it reported one) plus the estimate of
     * the two new messages.
     */
    private boolean fitsNextAttempt(List<ChatMessage> messages, int nCtx) {
      TokenCounter est = TokenCounter.estimate();
      int n = messages.size();
      int added =
          est.count(messages.get(n - 2).content()) + est.count(messages.get(n - 1).content());
      int before = 0;
      if (lastPromptTokens > 0) {
        before = lastPromptTokens;
      } else {
        for (ChatMessage m : messages.subList(0, n - 2)) {
          before += est.count(m.content());
        }
      }
      return before + added + TEMPLATE_TOKENS + config.ai().maxTokens() + margin(nCtx) <= nCtx;
    }

    /** Room kept for one repair round (previous answer + problems). */
    private int repairReserve() {
      return config.validation().maxRetries() > 0 ? Math.min(120, config.ai().maxTokens()) : 0;
    }

    /**
     * The diff budget: context − instructions − request head (draft, ticket) − max_tokens − margin.
     * The head is counted with the conservative estimate, so the budget errs small.
     */
    private int budget(int nCtx, PromptBuilder builder) {
      TokenCounter est = TokenCounter.estimate();
      int fixed =
          est.count(builder.system())
              + est.count(builder.userHead(draft, conventions.ticket()))
              + TEMPLATE_TOKENS;
      // Reserve room for one repair round so a retry fits without re-sending a smaller prompt.
      return Math.max(0, nCtx - fixed - config.ai().maxTokens() - margin(nCtx) - repairReserve());
    }

    /**
     * The diff was cut with the conservative estimate; ask the server how many tokens the cut
     * section really costs, re-cut with that ratio, and check the whole prompt with the server's
     * count, shrinking until it fits.
     */
    private DiffSection fitWithServerCount(
        ServerProbe probe,
        PromptBuilder builder,
        List<ChangedFile> files,
        Exclusions exclusions,
        int nCtx,
        int budget,
        DiffSection estimated) {
      try {
        TokenCount exact = probe.countTokens(estimated.text());
        if (exact.estimated() || exact.count() <= 0 || estimated.tokens() <= 0) {
          return estimated;
        }
        double ratio = Math.min(1.0, (double) exact.count() / estimated.tokens());
        TokenCounter scaled = TokenCounter.estimate().scaled(ratio * 1.03);
        int limit = nCtx - config.ai().maxTokens() - margin(nCtx) - repairReserve();
        int b = budget;
        DiffSection best = estimated;
        for (int round = 0; round < 3; round++) {
          DiffSection candidate = DiffBudgeter.build(files, changes.patch(), exclusions, b, scaled);
          Prompt p = builder.build(draft, conventions.ticket(), candidate);
          TokenCount total = probe.countTokens(p.system() + "\n" + p.user());
          if (total.estimated()) {
            return best;
          }
          int cost = total.count() + TEMPLATE_TOKENS;
          if (cost <= limit) {
            return candidate;
          }
          b -= (int) ((cost - limit) / ratio) + 16;
          if (b <= 0) {
            break;
          }
        }
        return best;
      } catch (LlmException e) {
        return estimated;
      }
    }

    private PolishOutcome offline(PolishOutcome.ModelError error, String model) {
      List<String> paths = changes.files().stream().map(FileChange::path).toList();
      List<String> scopes =
          conventions.lint().scopes().isEmpty()
              ? conventions.commonScopes(8)
              : conventions.lint().scopes();
      Optional<String> candidate =
          OfflinePolisher.polish(
              new OfflinePolisher.Input(
                  draft,
                  paths,
                  conventions.lint().allowedTypes(),
                  scopes,
                  conventions.headerTarget(),
                  conventions.bodyWrap()));
      if (candidate.isEmpty()) {
        return kept(
            PolishOutcome.Engine.OFFLINE, model, List.of("nothing to repair"), Optional.of(error));
      }
      List<String> problems = validator.problems(candidate.get());
      if (!problems.isEmpty()) {
        return kept(PolishOutcome.Engine.OFFLINE, model, problems, Optional.of(error));
      }
      return outcome(
          candidate.get(),
          PolishOutcome.Engine.OFFLINE,
          model,
          true,
          List.of(),
          Optional.of(error));
    }

    private PolishOutcome kept(
        PolishOutcome.Engine engine,
        String model,
        List<String> problems,
        Optional<PolishOutcome.ModelError> error) {
      boolean draftValid = !draft.isBlank() && validator.problems(draft).isEmpty();
      return new PolishOutcome(
          draft,
          engine,
          false,
          model,
          attempts,
          draftValid,
          draftValid ? List.of() : problems,
          promptTokens,
          completionTokens,
          Duration.between(start, Instant.now()),
          error,
          Optional.ofNullable(firstPrompt),
          Optional.ofNullable(firstDiff));
    }

    private PolishOutcome outcome(
        String message,
        PolishOutcome.Engine engine,
        String model,
        boolean valid,
        List<String> problems,
        Optional<PolishOutcome.ModelError> error) {
      boolean changed = !message.strip().equals(draft.strip());
      return new PolishOutcome(
          message,
          engine,
          changed && valid,
          model,
          attempts,
          valid,
          problems,
          promptTokens,
          completionTokens,
          Duration.between(start, Instant.now()),
          error,
          Optional.ofNullable(firstPrompt),
          Optional.ofNullable(firstDiff));
    }

    private Duration remaining() {
      Duration d = Duration.between(Instant.now(), deadline);
      return d.isNegative() ? Duration.ZERO : d;
    }
  }

  /** Safety margin for tokenizer differences and the template: 1/32 of the context, ≥ 32. */
  static int margin(int nCtx) {
    return Math.max(32, nCtx / 32);
  }

  /** "start the local model server: commit-polish server start" or the setup hint. */
  private String startHint() {
    try {
      return ServerHints.startHint(env);
    } catch (RuntimeException e) {
      return "start the server: commit-polish server start";
    }
  }

  private static Duration min(Duration a, Duration b) {
    Duration m = a.compareTo(b) <= 0 ? a : b;
    return m.isZero() || m.isNegative() ? Duration.ofMillis(1) : m;
  }

  private static String hostOf(String url) {
    try {
      String h = URI.create(url).getHost();
      return h == null ? url : h;
    } catch (IllegalArgumentException e) {
      return "(invalid URL)";
    }
  }

  /** Describes a model failure with the fix a user needs, never with secrets or diff content. */
  PolishOutcome.ModelError modelError(RuntimeException e) {
    if (e instanceof LlmException le) {
      String type = le.litellmName();
      int status = le.statusCode();
      String base = le.apiBase() == null ? "" : le.apiBase();
      String msg;
      String hint;
      switch (type) {
        case "APIConnectionError" -> {
          msg = "no server at " + (base.isEmpty() ? "the endpoint" : base);
          hint = startHint();
        }
        case "ServiceUnavailableError" -> {
          msg = "server is still loading the model";
          hint = "try again in a moment";
        }
        case "AuthenticationError" -> {
          msg = "the server rejected the API key (401)";
          hint = "set COMMIT_POLISH_API_KEY or [ai] api_key";
        }
        case "ContextWindowExceededError" -> {
          msg = "prompt larger than the server's context";
          hint = "raise the server's --ctx-size or lower [diff] default_context_tokens";
        }
        case "Timeout" -> {
          msg = "the model did not answer in time";
          hint = "raise [hook] deadline_seconds or use a smaller model";
        }
        case "NotFoundError" -> {
          msg = "endpoint or model not found (404)";
          hint = "check [ai] model and api_base: commit-polish doctor";
        }
        default -> {
          msg = (status > 0 ? status + " " : "") + "model call failed";
          hint = "see commit-polish doctor";
        }
      }
      String server = le.serverMessage();
      if (server != null && !server.isBlank() && !type.equals("APIConnectionError")) {
        String s = server.strip().replaceAll("\\s+", " ");
        msg += ": " + (s.length() > 80 ? s.substring(0, 80) + "…" : s);
      }
      return new PolishOutcome.ModelError(type, status, msg, hint);
    }
    return new PolishOutcome.ModelError(
        e.getClass().getSimpleName(),
        0,
        String.valueOf(e.getMessage()),
        "see commit-polish doctor");
  }
}
