package dev.commitpolish.config;

import dev.commitpolish.llm.LlmException;
import dev.commitpolish.llm.ModelRef;
import dev.commitpolish.llm.Provider;
import java.util.Arrays;
import java.util.List;

/**
 * Model-name checks for configuration. The llm library decides which providers exist ({@link
 * ModelRef#parse}), so a name that loads here is one the client can route.
 */
final class Models {

  /** Provider prefixes the llm library routes, in its order. */
  static final List<String> PROVIDERS =
      Arrays.stream(Provider.values()).map(Provider::prefix).toList();

  private Models() {}

  /** Null when {@code model} is acceptable, else what is wrong with it (short, no advice). */
  static String problem(String model) {
    String m = model.strip();
    try {
      ModelRef.parse(m);
      return null;
    } catch (LlmException | IllegalArgumentException e) {
      // The library's message is written for API callers; config errors say it in file terms.
      if (m.isEmpty()) {
        return "the model name is empty";
      }
      int slash = m.indexOf('/');
      if (slash < 0) {
        return "\"" + m + "\" has no provider prefix (e.g. \"llamafile/" + m + "\")";
      }
      if (slash == 0 || slash == m.length() - 1) {
        return "\"" + m + "\" is incomplete";
      }
      return "unknown provider \"" + m.substring(0, slash) + "\" in \"" + m + "\"";
    }
  }

  /** Whether a valid model name's provider is self-hosted (llamafile, ollama, ...). */
  static boolean isLocal(String model) {
    return Provider.fromPrefix(provider(model)).map(Provider::isLocal).orElse(false);
  }

  /** The provider part of a valid model name. */
  static String provider(String model) {
    int slash = model.indexOf('/');
    return slash < 0 ? "" : model.substring(0, slash);
  }
}
