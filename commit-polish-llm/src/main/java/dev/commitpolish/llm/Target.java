package dev.commitpolish.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A fully resolved destination for one attempt: provider, wire model, base URL and key.
 *
 * @param provider the provider
 * @param model the model sent on the wire (after the prefix)
 * @param apiBase normalized base URL (no trailing slash)
 * @param apiKey the key sent as Bearer (never logged)
 * @param warnings non-fatal api_base problems
 */
record Target(
    Provider provider, String model, String apiBase, String apiKey, List<ApiBaseProblem> warnings) {

  static final String FAKE_KEY = "fake-api-key";

  String label() {
    return provider.prefix() + "/" + model;
  }

  String redactedBase() {
    return ApiBase.redact(apiBase);
  }

  /**
   * Resolves a model reference the way LiteLLM's get_llm_provider does: explicit value, then the
   * provider's environment variable, then the provider default.
   *
   * @throws BadRequestException on a missing or broken api_base
   * @throws AuthenticationException when api.openai.com is used without a key
   */
  static Target resolve(ModelRef ref, String apiBase, String apiKey, Map<String, String> env) {
    Provider p = ref.provider();
    String base = nonBlank(apiBase);
    if (base == null) {
      base = nonBlank(env.get(p.apiBaseEnv()));
    }
    if (base == null && p == Provider.OPENAI) {
      base = nonBlank(env.get("OPENAI_BASE_URL"));
    }
    if (base == null) {
      base = p.defaultApiBase().orElse(null);
    }
    ErrorInfo info = new ErrorInfo(400, "", p.prefix(), ref.toString(), "", false, null, -1, -1);
    if (base == null) {
      throw new BadRequestException(
          "Missing API base for "
              + ref
              + ": set "
              + p.apiBaseEnv()
              + " or pass api_base, e.g. http://127.0.0.1:8000/v1.",
          info,
          null);
    }
    base = base.trim();
    if (p == Provider.OLLAMA && ApiBase.root(base).equals(ApiBase.normalize(base))) {
      // LiteLLM's OLLAMA_API_BASE convention is the bare host (it calls the native /api/*);
      // we use Ollama's OpenAI-compatible /v1, so accept the bare host and add /v1.
      String n = ApiBase.normalize(base);
      if (n.indexOf('/', n.indexOf("://") + 3) < 0) {
        base = n + "/v1";
      }
    }
    List<ApiBaseProblem> problems = ApiBase.check(p, base);
    // Plain loops, not streams: this runs on every call, often in a JVM that lives for one call.
    List<ApiBaseProblem> errors = new ArrayList<>();
    List<ApiBaseProblem> warnings = new ArrayList<>();
    for (ApiBaseProblem x : problems) {
      (x.severity() == ApiBaseProblem.Severity.ERROR ? errors : warnings).add(x);
    }
    if (!errors.isEmpty()) {
      StringBuilder sb = new StringBuilder("Refusing to call ").append(ref).append(": ");
      for (ApiBaseProblem e : errors) {
        sb.append(e.message()).append(" Fix: ").append(e.fix()).append(". ");
      }
      throw new BadRequestException(
          sb.toString().trim(),
          info.withTarget(p.prefix(), ref.toString(), ApiBase.redact(base)),
          null);
    }
    String key = nonBlank(apiKey);
    if (key == null) {
      key = nonBlank(env.get(p.apiKeyEnv()));
    }
    if (key == null) {
      if (p == Provider.OPENAI && base.contains("api.openai.com")) {
        throw new AuthenticationException(
            "No API key for "
                + ref
                + ": set OPENAI_API_KEY or pass api_key (or point api_base at your own server).",
            new ErrorInfo(
                401, "", p.prefix(), ref.toString(), ApiBase.redact(base), false, null, -1, -1),
            null);
      }
      // Servers without --api-key ignore the header, but some clients and proxies insist on one.
      key = FAKE_KEY;
    }
    return new Target(p, ref.model(), ApiBase.normalize(base), key, List.copyOf(warnings));
  }

  private static String nonBlank(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  @Override
  public String toString() {
    return "Target[" + label() + " @ " + redactedBase() + "]";
  }
}
