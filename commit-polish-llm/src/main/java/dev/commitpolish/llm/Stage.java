package dev.commitpolish.llm;

import java.util.List;

/**
 * One step of a call plan: the primary model, a fallback model, or a Router model group with
 * several weighted deployments.
 */
interface Stage {
  /** Name used for context-window fallback lookups ({@code provider/model} or group name). */
  String name();

  /** The deployment for the next attempt, avoiding those that already failed when possible. */
  Target pick(List<Target> failed);

  /** Whether another, not yet failed deployment exists (then a retry needs no backoff). */
  boolean hasAlternative(List<Target> failed);

  /** Retries allowed within this stage. */
  int maxRetries();

  static Stage fixed(String name, Target t, int maxRetries) {
    return new Stage() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Target pick(List<Target> failed) {
        return t;
      }

      @Override
      public boolean hasAlternative(List<Target> failed) {
        return false;
      }

      @Override
      public int maxRetries() {
        return maxRetries;
      }
    };
  }
}
