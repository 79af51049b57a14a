package dev.commitpolish.llm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Routes model names to deployments from a LiteLLM proxy-style {@code config.yaml}, so a team's
 * existing config works unchanged:
 *
 * <pre>{@code
 * model_list:
 *   - model_name: commit-model
 *     litellm_params:
 *       model: llamafile/gemma-3-3b
 *       api_base: http://127.0.0.1:8080/v1
 *       weight: 3
 *   - model_name: commit-model
 *     litellm_params:
 *       model: hosted_vllm/qwen2.5-3b
 *       api_base: os.environ/VLLM_BASE
 *       api_key: os.environ/VLLM_KEY
 * router_settings:
 *   num_retries: 2
 *   timeout: 30
 *   fallbacks: [{commit-model: [backup-model]}]
 * }</pre>
 *
 * <pre>{@code
 * Router router = Router.fromYaml(Path.of("config.yaml"), System.getenv());
 * ChatResponse r = router.chat(ChatRequest.builder("commit-model").user("hi").build());
 * }</pre>
 *
 * <p>Several entries with one {@code model_name} form a group; each attempt picks a deployment by
 * weight (LiteLLM's simple-shuffle: {@code weight}, else {@code rpm}, else {@code tpm}, else
 * uniform), preferring deployments that have not failed in this call, with no backoff when
 * switching deployment. After the group's retries, {@code fallbacks} groups are tried in order (at
 * most 5); {@code context_window_fallbacks} on context-window errors.
 */
public final class Router {
  private static final int MAX_FALLBACKS = 5;

  /** One deployment of a model group. The API key is kept but never exposed. */
  public static final class Deployment {
    private final String modelName;
    private final Target target;
    private final Map<String, Double> weights;
    private final String id;

    Deployment(String modelName, Target target, Map<String, Double> weights, String id) {
      this.modelName = modelName;
      this.target = target;
      this.weights = weights;
      this.id = id;
    }

    /** The group (public) name. */
    public String modelName() {
      return modelName;
    }

    /** The {@code provider/model} this deployment calls. */
    public String model() {
      return target.label();
    }

    /** The resolved API base (credentials stripped). */
    public String apiBase() {
      return target.redactedBase();
    }

    /** {@code model_info.id}, when given. */
    public Optional<String> id() {
      return Optional.ofNullable(id);
    }

    Target target() {
      return target;
    }

    Double weight(String key) {
      return weights.get(key);
    }

    @Override
    public String toString() {
      return modelName + " -> " + model() + " @ " + apiBase();
    }
  }

  private final Map<String, List<Deployment>> groups;
  private final int numRetries;
  private final Duration timeout;
  private final Map<String, List<String>> fallbacks;
  private final Map<String, List<String>> contextFallbacks;
  private final LlmClient client;
  private final Random random;

  private Router(
      Map<String, List<Deployment>> groups,
      int numRetries,
      Duration timeout,
      Map<String, List<String>> fallbacks,
      Map<String, List<String>> contextFallbacks,
      LlmClient.Builder base) {
    this.groups = groups;
    this.numRetries = numRetries;
    this.timeout = timeout;
    this.fallbacks = fallbacks;
    this.contextFallbacks = contextFallbacks;
    LlmClient.Builder b = base.copy().retryPolicy(base.retryPolicy().withMaxRetries(numRetries));
    if (timeout != null) {
      b.requestTimeout(timeout);
    }
    Random r = new Random();
    this.client = b.random(b.randomOr(r)).build();
    this.random = b.randomOr(r);
  }

  /** Loads a config file; {@code os.environ/VAR} values are looked up in {@code env}. */
  public static Router fromYaml(Path path, Map<String, String> env) {
    return fromYaml(path, env, LlmClient.builder());
  }

  /** Loads config text; {@code os.environ/VAR} values are looked up in {@code env}. */
  public static Router fromYaml(String yaml, Map<String, String> env) {
    return fromYaml(yaml, env, LlmClient.builder());
  }

  /**
   * Loads a config file with client settings (clock, sleeper, random for the weighted pick,
   * deadline, timeouts) taken from {@code base}; the config's num_retries and timeout override the
   * builder's.
   */
  public static Router fromYaml(Path path, Map<String, String> env, LlmClient.Builder base) {
    try {
      return parse(Files.readString(path, StandardCharsets.UTF_8), path.toString(), env, base);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read router config " + path + ": " + e.getMessage(), e);
    }
  }

  /** Like {@link #fromYaml(Path, Map, LlmClient.Builder)} for config text. */
  public static Router fromYaml(String yaml, Map<String, String> env, LlmClient.Builder base) {
    return parse(yaml, "config.yaml", env, base);
  }

  /** The model group names, in file order. */
  public List<String> modelNames() {
    return List.copyOf(groups.keySet());
  }

  /** The deployments of a group (empty when unknown). */
  public List<Deployment> deployments(String modelName) {
    return groups.getOrDefault(modelName, List.of());
  }

  /** Retries per group (router_settings.num_retries; default 2). */
  public int numRetries() {
    return numRetries;
  }

  /** Per-attempt timeout from router_settings.timeout, when set. */
  public Optional<Duration> timeout() {
    return Optional.ofNullable(timeout);
  }

  /** Fallback groups per group. */
  public Map<String, List<String>> fallbacks() {
    return fallbacks;
  }

  /**
   * Sends a chat request whose {@code model} is a group name.
   *
   * @throws BadRequestException when the group is unknown
   */
  public ChatResponse chat(ChatRequest request) {
    Engine e = client.engine();
    return Engine.Outcome.timed(
        e.run(
            stages(request.model()),
            contextFallback(),
            (t, l, now) -> Calls.chat(e, t, request, l, now)));
  }

  /** {@link #chat} on a background thread. */
  public CompletableFuture<ChatResponse> chatAsync(ChatRequest request) {
    return CompletableFuture.supplyAsync(() -> chat(request), client.executor());
  }

  /** Streams a chat request whose {@code model} is a group name. */
  public ChatStream chatStream(ChatRequest request) {
    Engine e = client.engine();
    Engine.Outcome<StreamReader> o =
        e.run(
            stages(request.model()),
            contextFallback(),
            (t, l, now) -> Calls.chatStream(e, t, request, l, now));
    o.value().call(o.startNanos(), o.attempts());
    return new ChatStream(o.value());
  }

  private List<Supplier<Stage>> stages(String group) {
    if (!groups.containsKey(group)) {
      throw new BadRequestException(
          "Unknown model '"
              + group
              + "': the router config defines "
              + String.join(", ", groups.keySet())
              + ".",
          new ErrorInfo(400, "", "", group, "", false, null, -1, -1),
          null);
    }
    List<Supplier<Stage>> out = new ArrayList<>();
    out.add(() -> groupStage(group));
    List<String> fb = new ArrayList<>(fallbacks.getOrDefault(group, List.of()));
    fb.addAll(fallbacks.getOrDefault("*", List.of()));
    fb.remove(group);
    for (String f : fb.subList(0, Math.min(fb.size(), MAX_FALLBACKS))) {
      out.add(() -> groupStage(f));
    }
    return out;
  }

  private Function<String, Supplier<Stage>> contextFallback() {
    return name -> {
      List<String> to = contextFallbacks.get(name);
      return to == null || to.isEmpty() ? null : () -> groupStage(to.get(0));
    };
  }

  private Stage groupStage(String group) {
    List<Deployment> ds = groups.get(group);
    if (ds == null) {
      throw new BadRequestException(
          "Fallback model group '" + group + "' is not defined in the router config.",
          new ErrorInfo(400, "", "", group, "", false, null, -1, -1),
          null);
    }
    return new Stage() {
      @Override
      public String name() {
        return group;
      }

      @Override
      public Target pick(List<Target> failed) {
        List<Deployment> healthy = new ArrayList<>();
        for (Deployment d : ds) {
          if (!failed.contains(d.target())) {
            healthy.add(d);
          }
        }
        return weightedPick(healthy.isEmpty() ? ds : healthy, random).target();
      }

      @Override
      public boolean hasAlternative(List<Target> failed) {
        return ds.stream().anyMatch(d -> !failed.contains(d.target()));
      }

      @Override
      public int maxRetries() {
        return numRetries;
      }
    };
  }

  /** LiteLLM simple-shuffle: the key is chosen by the first candidate; missing values count 0. */
  static Deployment weightedPick(List<Deployment> candidates, Random random) {
    if (candidates.size() == 1) {
      return candidates.get(0);
    }
    String key = null;
    for (String k : new String[] {"weight", "rpm", "tpm"}) {
      if (candidates.get(0).weight(k) != null) {
        key = k;
        break;
      }
    }
    if (key != null) {
      double sum = 0;
      for (Deployment d : candidates) {
        Double w = d.weight(key);
        sum += w == null ? 0 : Math.max(0, w);
      }
      if (sum > 0) {
        double r = random.nextDouble() * sum;
        for (Deployment d : candidates) {
          Double w = d.weight(key);
          r -= w == null ? 0 : Math.max(0, w);
          if (r < 0) {
            return d;
          }
        }
        return candidates.get(candidates.size() - 1);
      }
    }
    return candidates.get(random.nextInt(candidates.size()));
  }

  // ---------------------------------------------------------------- parsing

  private static Router parse(
      String yaml, String label, Map<String, String> env, LlmClient.Builder base) {
    Objects.requireNonNull(env, "env");
    Object doc;
    try {
      doc = new Load(LoadSettings.builder().setLabel(label).build()).loadFromString(yaml);
    } catch (YamlEngineException e) {
      throw new IllegalArgumentException(label + ": not valid YAML: " + e.getMessage(), e);
    }
    Map<String, Object> root = Json.map(doc);
    if (root == null) {
      throw new IllegalArgumentException(label + ": expected a mapping with model_list");
    }
    List<Object> list = Json.list(root.get("model_list"));
    if (list == null || list.isEmpty()) {
      throw new IllegalArgumentException(label + ": model_list is missing or empty");
    }
    Map<String, List<Deployment>> groups = new LinkedHashMap<>();
    for (int i = 0; i < list.size(); i++) {
      String where = label + ": model_list[" + i + "]";
      Map<String, Object> entry = Json.map(list.get(i));
      if (entry == null) {
        throw new IllegalArgumentException(where + ": expected a mapping");
      }
      String name = text(entry.get("model_name"), env, where + ".model_name");
      if (name == null) {
        throw new IllegalArgumentException(where + ": model_name is missing");
      }
      Map<String, Object> params = Json.map(entry.get("litellm_params"));
      if (params == null) {
        throw new IllegalArgumentException(where + ": litellm_params is missing");
      }
      String model = text(params.get("model"), env, where + ".litellm_params.model");
      if (model == null) {
        throw new IllegalArgumentException(where + ": litellm_params.model is missing");
      }
      String apiBase = text(params.get("api_base"), env, where + ".litellm_params.api_base");
      String apiKey = text(params.get("api_key"), env, where + ".litellm_params.api_key");
      Target t;
      try {
        t = Target.resolve(ModelRef.parse(model), apiBase, apiKey, env);
      } catch (LlmException e) {
        throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
      }
      Map<String, Double> weights = new LinkedHashMap<>();
      for (String k : new String[] {"weight", "rpm", "tpm"}) {
        Object v = params.get(k);
        if (v instanceof Number n) {
          weights.put(k, n.doubleValue());
        } else if (v != null) {
          throw new IllegalArgumentException(
              where + ".litellm_params." + k + ": expected a number");
        }
      }
      String id = text(Json.path(entry, "model_info", "id"), env, where + ".model_info.id");
      groups
          .computeIfAbsent(name, k -> new ArrayList<>())
          .add(new Deployment(name, t, weights, id));
    }
    Map<String, Object> ls = orEmpty(Json.map(root.get("litellm_settings")));
    Map<String, Object> rs = orEmpty(Json.map(root.get("router_settings")));
    int retries = 2;
    Object nr = rs.get("num_retries") != null ? rs.get("num_retries") : ls.get("num_retries");
    if (nr != null) {
      retries = Json.integer(nr);
      if (retries < 0) {
        throw new IllegalArgumentException(label + ": num_retries must be a non-negative integer");
      }
    }
    Duration timeout = null;
    Object to = rs.get("timeout") != null ? rs.get("timeout") : ls.get("request_timeout");
    if (to != null) {
      if (!(to instanceof Number n) || n.doubleValue() <= 0) {
        throw new IllegalArgumentException(
            label + ": timeout must be a positive number of seconds");
      }
      double secs = n.doubleValue() == 6000 ? 600 : n.doubleValue(); // LiteLLM maps 6000 to 600
      timeout = Duration.ofMillis((long) (secs * 1000));
    }
    Map<String, List<String>> fb = fallbackMap(rs, ls, "fallbacks", label);
    List<Object> defaults = Json.list(ls.get("default_fallbacks"));
    if (defaults != null) {
      List<String> d = new ArrayList<>();
      defaults.forEach(o -> d.add(String.valueOf(o)));
      fb.put("*", d);
    }
    Map<String, List<String>> cfb = fallbackMap(rs, ls, "context_window_fallbacks", label);
    return new Router(groups, retries, timeout, Map.copyOf(fb), Map.copyOf(cfb), base);
  }

  private static Map<String, List<String>> fallbackMap(
      Map<String, Object> rs, Map<String, Object> ls, String key, String label) {
    Object raw = rs.get(key) != null ? rs.get(key) : ls.get(key);
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (raw == null) {
      return out;
    }
    List<Object> items = Json.list(raw);
    if (items == null) {
      Map<String, Object> single = Json.map(raw);
      items = single == null ? null : List.of(single);
    }
    if (items == null) {
      throw new IllegalArgumentException(
          label + ": " + key + " must be a list of {group: [groups]}");
    }
    for (Object item : items) {
      Map<String, Object> m = Json.map(item);
      if (m == null) {
        throw new IllegalArgumentException(label + ": " + key + " entries must be mappings");
      }
      for (Map.Entry<String, Object> e : m.entrySet()) {
        List<Object> to = Json.list(e.getValue());
        List<String> names = new ArrayList<>();
        if (to == null) {
          names.add(String.valueOf(e.getValue()));
        } else {
          to.forEach(o -> names.add(String.valueOf(o)));
        }
        out.put(e.getKey(), List.copyOf(names));
      }
    }
    return out;
  }

  private static Map<String, Object> orEmpty(Map<String, Object> m) {
    return m == null ? Map.of() : m;
  }

  /** A string value with {@code os.environ/VAR} resolved; null when absent. */
  private static String text(Object v, Map<String, String> env, String where) {
    if (v == null) {
      return null;
    }
    String s = String.valueOf(v);
    if (s.startsWith("os.environ/")) {
      String var = s.substring("os.environ/".length());
      String val = env.get(var);
      if (val == null || val.isBlank()) {
        throw new IllegalArgumentException(
            where + ": environment variable " + var + " (from os.environ/" + var + ") is not set");
      }
      return val;
    }
    return s;
  }
}
