package dev.commitpolish.llm;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Optional per-token prices used to compute {@link ChatResponse#cost()}. Keys are {@code
 * provider/model} as requested (e.g. {@code openai/gpt-4o-mini}); a bare model name also matches.
 * Local providers always cost 0. Nothing is downloaded: LiteLLM's network fetch of its price map at
 * import is its most reported start-up problem.
 */
public final class PriceTable {
  private final Map<String, double[]> prices;

  private PriceTable(Map<String, double[]> prices) {
    this.prices = prices;
  }

  /** An empty table: remote calls have unknown cost. */
  public static PriceTable empty() {
    return new PriceTable(Map.of());
  }

  /** Starts a table. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The cost of a call, or empty when unknown.
   *
   * @param provider the provider that answered
   * @param model the model as requested (without prefix) or {@code provider/model}
   */
  public OptionalDouble cost(Provider provider, String model, Usage usage) {
    if (provider.isLocal()) {
      return OptionalDouble.of(0.0);
    }
    double[] p = prices.get(provider.prefix() + "/" + model);
    if (p == null) {
      p = prices.get(model);
    }
    if (p == null) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(p[0] * usage.promptTokens() + p[1] * usage.completionTokens());
  }

  /** Builder for {@link PriceTable}. */
  public static final class Builder {
    private final Map<String, double[]> prices = new LinkedHashMap<>();

    private Builder() {}

    /** Sets USD prices per input and output token for {@code model}. */
    public Builder price(String model, double inputPerToken, double outputPerToken) {
      if (inputPerToken < 0 || outputPerToken < 0) {
        throw new IllegalArgumentException("prices must not be negative");
      }
      prices.put(
          Objects.requireNonNull(model, "model"), new double[] {inputPerToken, outputPerToken});
      return this;
    }

    /** Builds the table. */
    public PriceTable build() {
      return new PriceTable(Map.copyOf(prices));
    }
  }
}
