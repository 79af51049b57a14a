package dev.commitpolish.llm;

import java.util.Objects;

/**
 * A parsed model string: the provider before the first {@code /} and the wire model after it. Inner
 * slashes are kept, as in LiteLLM: {@code llamafile/mistralai/mistral-7b-instruct-v0.2} sends model
 * {@code mistralai/mistral-7b-instruct-v0.2}.
 *
 * @param provider the provider selected by the prefix
 * @param model the model name sent to the server (never empty)
 */
public record ModelRef(Provider provider, String model) {

  /** Validates both parts. */
  public ModelRef {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(model, "model");
    if (model.isBlank()) {
      throw new IllegalArgumentException("model must not be blank");
    }
  }

  /**
   * Parses {@code provider/model}.
   *
   * @throws BadRequestException when the prefix is missing or unknown; the message lists the
   *     providers and suggests {@code llamafile/}
   */
  public static ModelRef parse(String spec) {
    String s = spec == null ? "" : spec.trim();
    int slash = s.indexOf('/');
    if (slash <= 0 || slash == s.length() - 1) {
      String why =
          s.isEmpty()
              ? "No model given."
              : slash < 0
                  ? "Model '" + s + "' has no provider prefix."
                  : "Model '" + s + "' is incomplete.";
      throw fail(s, why + suggestion(s));
    }
    String prefix = s.substring(0, slash);
    String rest = s.substring(slash + 1);
    for (Provider p : Provider.values()) {
      if (p.prefix().equals(prefix)) {
        return new ModelRef(p, rest);
      }
    }
    throw fail(s, "Unknown provider '" + prefix + "' in model '" + s + "'." + suggestion(s));
  }

  private static String suggestion(String s) {
    String example = s.isEmpty() || s.endsWith("/") ? "gemma-3-3b" : s;
    return " Use one of the providers "
        + Provider.prefixList()
        + " e.g. 'llamafile/"
        + example
        + "' for a local llamafile server.";
  }

  private static BadRequestException fail(String model, String msg) {
    return new BadRequestException(
        "LLM Provider NOT provided or unknown. " + msg,
        new ErrorInfo(400, "", "", model, "", false, null, -1, -1),
        null);
  }

  /** The full {@code provider/model} string. */
  @Override
  public String toString() {
    return provider.prefix() + "/" + model;
  }
}
