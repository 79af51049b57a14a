package dev.commitpolish.config;

import java.util.List;

/**
 * Model-name checks for configuration: the provider prefix must be one the client library routes
 * (LiteLLM style, {@code <provider>/<model>}, split once on the first slash).
 */
final class Models {

  /** Providers the llm library routes; keep in step with {@code dev.commitpolish.llm.Provider}. */
  static final List<String> PROVIDERS =
      List.of("llamafile", "ollama", "lm_studio", "hosted_vllm", "openai", "litellm_proxy");

  private Models() {}

  /** Null when {@code model} is acceptable, else what is wrong with it. */
  static String problem(String model) {
    String m = model.strip();
    if (m.isEmpty()) {
      return "the model name is empty";
    }
    int slash = m.indexOf('/');
    if (slash < 0) {
      return "\"" + m + "\" has no provider prefix (LiteLLM needs e.g. \"llamafile/" + m + "\")";
    }
    String provider = m.substring(0, slash);
    if (!PROVIDERS.contains(provider)) {
      return "unknown provider \"" + provider + "\" in \"" + m + "\"";
    }
    if (slash == m.length() - 1) {
      return "\"" + m + "\" has no model name after the provider";
    }
    return null;
  }

  /** The provider part of a valid model name. */
  static String provider(String model) {
    int slash = model.indexOf('/');
    return slash < 0 ? "" : model.substring(0, slash);
  }
}
