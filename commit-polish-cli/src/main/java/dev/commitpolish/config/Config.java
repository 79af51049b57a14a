package dev.commitpolish.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The effective commit-polish configuration: every value resolved from flags, environment, repo
 * file, user file and defaults (see {@link ConfigLoader}). Immutable; {@link #defaults()} is what
 * an empty configuration means.
 *
 * @param ai the model and how to reach it ({@code [ai]})
 * @param llamafile the local llamafile server ({@code [llamafile]})
 * @param validation validation and repair of the polished message ({@code [validation]})
 * @param hook behaviour of the prepare-commit-msg hook ({@code [hook]})
 * @param diff which parts of the staged diff reach the prompt ({@code [diff]})
 */
public record Config(Ai ai, Llamafile llamafile, Validation validation, Hook hook, Diff diff) {

  /** The default model: a llamafile server on loopback, as in the seed configuration. */
  public static final String DEFAULT_MODEL = "llamafile/gemma-3-3b";

  public Config {
    Objects.requireNonNull(ai, "ai");
    Objects.requireNonNull(llamafile, "llamafile");
    Objects.requireNonNull(validation, "validation");
    Objects.requireNonNull(hook, "hook");
    Objects.requireNonNull(diff, "diff");
  }

  /** The configuration used when no file, variable or flag sets anything. */
  public static Config defaults() {
    return new Config(
        Ai.defaults(),
        Llamafile.defaults(),
        Validation.defaults(),
        Hook.defaults(),
        Diff.defaults());
  }

  /**
   * {@code [ai]}: which model, with which sampling settings, at which endpoint.
   *
   * @param model provider-prefixed model name, e.g. {@code llamafile/gemma-3-3b}
   * @param temperature sampling temperature, 0 to 2
   * @param maxTokens completion token cap, 1 to 32768
   * @param apiBase the resolved endpoint (flag, {@code COMMIT_POLISH_API_BASE}, {@code [ai]
   *     api_base}, then for llamafile models {@code LLAMAFILE_API_BASE} and {@code [llamafile]
   *     api_base}); empty lets the client use the provider default
   * @param apiKey bearer key; a secret, never printed (see {@link #toString()})
   * @param allowRemote whether the diff may be sent to a non-loopback endpoint
   * @param requestTimeout cap for one model request
   */
  public record Ai(
      String model,
      double temperature,
      int maxTokens,
      Optional<String> apiBase,
      Optional<String> apiKey,
      boolean allowRemote,
      Duration requestTimeout) {

    public Ai {
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(apiBase, "apiBase");
      Objects.requireNonNull(apiKey, "apiKey");
      Objects.requireNonNull(requestTimeout, "requestTimeout");
      if (!(temperature >= 0 && temperature <= 2)) {
        throw new IllegalArgumentException("temperature must be between 0 and 2: " + temperature);
      }
      if (maxTokens < 1) {
        throw new IllegalArgumentException("maxTokens must be positive: " + maxTokens);
      }
    }

    /** Defaults: the seed's model, temperature 0.3, 200 tokens, loopback only, 60 s requests. */
    public static Ai defaults() {
      return new Ai(
          DEFAULT_MODEL,
          0.3,
          200,
          Optional.empty(),
          Optional.empty(),
          false,
          Duration.ofSeconds(60));
    }

    /** Redacts the API key: records print every component, and keys must never reach logs. */
    @Override
    public String toString() {
      return "Ai[model="
          + model
          + ", temperature="
          + temperature
          + ", maxTokens="
          + maxTokens
          + ", apiBase="
          + apiBase.orElse("")
          + ", apiKey="
          + (apiKey.isPresent() ? "****" : "")
          + ", allowRemote="
          + allowRemote
          + ", requestTimeout="
          + requestTimeout
          + "]";
    }
  }

  /**
   * {@code [llamafile]}: the local server commit-polish can start.
   *
   * @param path the llamafile executable
   * @param modelPath a GGUF weights file (for {@code -m})
   * @param apiBase {@code LLAMAFILE_API_BASE} or {@code [llamafile] api_base}
   * @param port the port to start the server on
   * @param contextSize {@code --ctx-size} for a server commit-polish starts
   * @param threads {@code --threads}; empty lets the server decide
   */
  public record Llamafile(
      Optional<Path> path,
      Optional<Path> modelPath,
      Optional<String> apiBase,
      int port,
      int contextSize,
      OptionalInt threads) {

    public Llamafile {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(modelPath, "modelPath");
      Objects.requireNonNull(apiBase, "apiBase");
      Objects.requireNonNull(threads, "threads");
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port must be 1..65535: " + port);
      }
    }

    /** Defaults: port 8080 (llamafile's own default), context 4096. */
    public static Llamafile defaults() {
      return new Llamafile(
          Optional.empty(), Optional.empty(), Optional.empty(), 8080, 4096, OptionalInt.empty());
    }
  }

  /**
   * {@code [validation]}: checking and repairing the model's message.
   *
   * @param autoDetect discover the repo's convention (commitlint, commitizen configs)
   * @param maxRetries repair attempts after the first answer
   * @param validatorCommand external validator argv (message on stdin); empty = none
   * @param systemPrompt replaces the built-in instructions
   */
  public record Validation(
      boolean autoDetect,
      int maxRetries,
      List<String> validatorCommand,
      Optional<String> systemPrompt) {

    public Validation {
      validatorCommand = List.copyOf(validatorCommand);
      Objects.requireNonNull(systemPrompt, "systemPrompt");
      if (maxRetries < 0) {
        throw new IllegalArgumentException("maxRetries must not be negative: " + maxRetries);
      }
    }

    /** Defaults: auto-detect on, 2 retries, no external validator, built-in prompt. */
    public static Validation defaults() {
      return new Validation(true, 2, List.of(), Optional.empty());
    }
  }

  /**
   * {@code [hook]}: the prepare-commit-msg hook.
   *
   * @param enabled false turns the hook into a no-op
   * @param strict exit non-zero on failure (aborting the commit) instead of keeping the original
   * @param deadline hard cap for the whole hook run
   * @param polishAmend also polish when git passes source {@code commit} (--amend, -c, -C)
   */
  public record Hook(boolean enabled, boolean strict, Duration deadline, boolean polishAmend) {

    public Hook {
      Objects.requireNonNull(deadline, "deadline");
    }

    /** Defaults: enabled, not strict, 20 s deadline, amend untouched. */
    public static Hook defaults() {
      return new Hook(true, false, Duration.ofSeconds(20), false);
    }
  }

  /**
   * {@code [diff]}: what of the staged diff is sent.
   *
   * @param exclude user globs excluded in addition to the built-in defaults
   * @param defaultContextTokens context size assumed when the server does not report one
   */
  public record Diff(List<String> exclude, int defaultContextTokens) {

    public Diff {
      exclude = List.copyOf(exclude);
      if (defaultContextTokens < 1) {
        throw new IllegalArgumentException(
            "defaultContextTokens must be positive: " + defaultContextTokens);
      }
    }

    /** Defaults: no extra globs, 2048 tokens. */
    public static Diff defaults() {
      return new Diff(List.of(), 2048);
    }
  }
}
