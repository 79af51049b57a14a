package dev.commitpolish.polish;

import dev.commitpolish.cli.Env;
import java.util.Map;

/** The production {@link Generator}: the polish engine over the configured model. */
final class EngineGenerator {

  private EngineGenerator() {}

  static Generator create(Env env, Map<String, String> flagOverrides) {
    return (round, listener) -> {
      throw new Generator.GenerationException(
          "the model engine is not available in this build", "", null);
    };
  }
}
