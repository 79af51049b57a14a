package dev.commitpolish.llm;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The OpenAI-compatible providers the client can route to, selected by the model prefix ({@code
 * llamafile/gemma-3-3b}). Defaults and environment variables follow LiteLLM.
 */
public enum Provider {
  /** llamafile / llama.cpp server. No key needed; {@code Bearer fake-api-key} is sent. */
  LLAMAFILE(
      "llamafile", "http://127.0.0.1:8080/v1", "LLAMAFILE_API_BASE", "LLAMAFILE_API_KEY", true),
  /** Ollama's OpenAI-compatible endpoint ({@code /v1}). */
  OLLAMA("ollama", "http://localhost:11434/v1", "OLLAMA_API_BASE", "OLLAMA_API_KEY", true),
  /** LM Studio's local server. */
  LM_STUDIO(
      "lm_studio", "http://localhost:1234/v1", "LM_STUDIO_API_BASE", "LM_STUDIO_API_KEY", true),
  /** A self-hosted vLLM server; {@code HOSTED_VLLM_API_BASE} (or api_base) is required. */
  HOSTED_VLLM("hosted_vllm", null, "HOSTED_VLLM_API_BASE", "HOSTED_VLLM_API_KEY", true),
  /** A LiteLLM proxy (a team's shared gateway); base and usually key are required. */
  LITELLM_PROXY("litellm_proxy", null, "LITELLM_PROXY_API_BASE", "LITELLM_PROXY_API_KEY", false),
  /** Any OpenAI-compatible server via explicit api_base, else api.openai.com (key required). */
  OPENAI("openai", "https://api.openai.com/v1", "OPENAI_API_BASE", "OPENAI_API_KEY", false);

  private final String prefix;
  private final String defaultApiBase;
  private final String apiBaseEnv;
  private final String apiKeyEnv;
  private final boolean local;

  Provider(
      String prefix, String defaultApiBase, String apiBaseEnv, String apiKeyEnv, boolean local) {
    this.prefix = prefix;
    this.defaultApiBase = defaultApiBase;
    this.apiBaseEnv = apiBaseEnv;
    this.apiKeyEnv = apiKeyEnv;
    this.local = local;
  }

  /** The model prefix, e.g. {@code "lm_studio"}. */
  public String prefix() {
    return prefix;
  }

  /** The default base URL, empty when the base must be configured. */
  public Optional<String> defaultApiBase() {
    return Optional.ofNullable(defaultApiBase);
  }

  /** Environment variable holding the base URL, e.g. {@code LLAMAFILE_API_BASE}. */
  public String apiBaseEnv() {
    return apiBaseEnv;
  }

  /** Environment variable holding the API key, e.g. {@code LLAMAFILE_API_KEY}. */
  public String apiKeyEnv() {
    return apiKeyEnv;
  }

  /** True for self-hosted servers, whose calls cost 0. */
  public boolean isLocal() {
    return local;
  }

  /** Looks a prefix up ({@code "llamafile"} → {@link #LLAMAFILE}); case-sensitive like LiteLLM. */
  public static Optional<Provider> fromPrefix(String prefix) {
    for (Provider p : values()) {
      if (p.prefix.equals(prefix)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** Comma-separated list of all prefixes, for error messages. */
  static String prefixList() {
    return Arrays.stream(values()).map(p -> p.prefix + "/").collect(Collectors.joining(", "));
  }
}
