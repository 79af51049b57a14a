package dev.commitpolish.llm;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Embedding vectors, in input order.
 *
 * @param vectors one vector per input
 * @param usage token counts (completion is 0)
 * @param model {@code provider/<model the server reported>}
 * @param provider the provider
 * @param latency wall time of the call
 * @param attempts HTTP attempts made
 */
public record EmbeddingResponse(
    List<double[]> vectors,
    Usage usage,
    String model,
    Provider provider,
    Duration latency,
    int attempts) {

  /** Validates and copies. */
  public EmbeddingResponse {
    vectors = List.copyOf(vectors);
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(latency, "latency");
  }

  /** The vector for input {@code i} (a copy). */
  public double[] vector(int i) {
    return vectors.get(i).clone();
  }
}
