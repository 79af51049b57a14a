package dev.commitpolish.polish;

import dev.commitpolish.cli.Env;
import dev.commitpolish.config.Config;
import dev.commitpolish.config.ConfigException;
import dev.commitpolish.config.ConfigLoader;
import dev.commitpolish.git.Git;
import dev.commitpolish.git.GitException;
import dev.commitpolish.git.StagedChanges;
import dev.commitpolish.message.Conventions;
import dev.commitpolish.message.PolishOutcome;
import dev.commitpolish.message.Polisher;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The production {@link Generator}: the hook's polish engine ({@link Polisher}) with an empty
 * draft, so the model writes the message from the staged diff, validated against the repo's
 * convention. Config, staged changes and conventions are read once and reused by "regenerate".
 */
final class EngineGenerator implements Generator {

  /** Each regenerate raises the temperature by this much (capped at 1.0) so the answer changes. */
  static final double TEMPERATURE_STEP = 0.2;

  private final Env env;
  private final Map<String, String> flagOverrides;
  private Config config;
  private StagedChanges staged;
  private Conventions conventions;

  private EngineGenerator(Env env, Map<String, String> flagOverrides) {
    this.env = env;
    this.flagOverrides = Map.copyOf(flagOverrides);
  }

  static Generator create(Env env, Map<String, String> flagOverrides) {
    return new EngineGenerator(env, flagOverrides);
  }

  @Override
  public Generation generate(int round, Listener listener) {
    prepare();
    Config c = round == 0 ? config : warmer(config, round);
    // Interactive: no hook deadline, but never wait forever: every attempt may use the full
    // request timeout.
    Duration budget = c.ai().requestTimeout().multipliedBy(c.validation().maxRetries() + 1L);
    PolishOutcome o =
        Polisher.create(c, env)
            .polish("", staged, conventions, Instant.now().plus(budget), listener::onToken);
    if (o.polished() && !o.message().isBlank()) {
      String note =
          o.engine() == PolishOutcome.Engine.OFFLINE
              ? "written without the model: " + o.error().map(e -> e.message()).orElse("offline")
              : "";
      return new Generation(o.message(), o.model(), o.completionTokens(), note);
    }
    if (o.error().isPresent()) {
      PolishOutcome.ModelError e = o.error().get();
      throw new GenerationException(e.message(), e.hint(), null);
    }
    throw new GenerationException(
        o.errors().isEmpty()
            ? "the model produced no usable message"
            : "the model's message failed validation: " + String.join("; ", o.errors()),
        "regenerate, or write the message yourself with git commit",
        null);
  }

  private void prepare() {
    if (config != null) {
      return;
    }
    Git git = Git.open(env);
    Path top;
    try {
      top = git.topLevel();
      staged = git.stagedChanges();
    } catch (GitException e) {
      throw new GenerationException("cannot read the staged changes: " + e.getMessage(), "", e);
    }
    try {
      config = ConfigLoader.load(env, Optional.of(top), flagOverrides).config();
    } catch (ConfigException e) {
      throw new GenerationException(e.getMessage(), "commit-polish config validate", e);
    }
    conventions =
        Conventions.of(
            config.validation().autoDetect(),
            top,
            env.vars(),
            () -> git.recentSubjects(Conventions.RECENT_SUBJECTS),
            git::branch);
  }

  static Config warmer(Config c, int round) {
    Config.Ai a = c.ai();
    double t = Math.min(1.0, Math.max(a.temperature(), 0.0) + TEMPERATURE_STEP * round);
    Config.Ai ai =
        new Config.Ai(
            a.model(),
            t,
            a.maxTokens(),
            a.apiBase(),
            a.apiKey(),
            a.allowRemote(),
            a.requestTimeout());
    return new Config(ai, c.llamafile(), c.validation(), c.hook(), c.diff());
  }
}
