package dev.commitpolish.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The result of {@link ConfigLoader#load}: the effective {@link Config}, where every value came
 * from, and the warnings found on the way.
 */
public final class LoadedConfig {

  /**
   * One effective key as {@code config show} prints it.
   *
   * @param key dotted TOML key
   * @param value the value in TOML syntax, {@code ****} for a set secret, empty when unset
   * @param origin {@code default}, {@code <file>:<line>}, {@code env NAME} or {@code flag --name}
   * @param set false when no layer set it and it has no default
   * @param secret whether the value is redacted
   * @param raw the typed value (String, Boolean, Long, Double, List of String), null when unset or
   *     secret
   */
  public record Entry(
      String key, String value, String origin, boolean set, boolean secret, Object raw) {
    public Entry {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(origin, "origin");
    }
  }

  private final Config config;
  private final List<ConfigProblem> warnings;
  private final Supplier<Map<String, Entry>> entrySource;
  private final List<ConfigFile> files;
  private Map<String, Entry> entries;

  /**
   * @param entries builds the entries on first use: their origins name file lines, which are looked
   *     up with a second (slower) parser that the hook's happy path should not load
   */
  LoadedConfig(
      Config config,
      List<ConfigProblem> warnings,
      Supplier<Map<String, Entry>> entries,
      List<ConfigFile> files) {
    this.config = config;
    this.warnings = List.copyOf(warnings);
    this.entrySource = Objects.requireNonNull(entries, "entries");
    this.files = List.copyOf(files);
  }

  private synchronized Map<String, Entry> entryMap() {
    if (entries == null) {
      entries =
          java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(entrySource.get()));
    }
    return entries;
  }

  /** A loaded configuration with only defaults, for tests and for callers without a repo. */
  public static LoadedConfig defaults() {
    return ConfigLoader.defaultsOnly();
  }

  /** The effective configuration. */
  public Config config() {
    return config;
  }

  /** Warnings as printable lines ({@code file:line:col: key: message}). */
  public List<String> warnings() {
    return warnings.stream().map(ConfigProblem::toString).toList();
  }

  /** Warnings with their locations. */
  public List<ConfigProblem> warningProblems() {
    return warnings;
  }

  /**
   * Where the effective value of {@code key} came from: {@code default}, {@code
   * ~/.config/commit-polish/config.toml:3}, {@code env COMMIT_POLISH_MODEL}, {@code flag --model}.
   *
   * @throws IllegalArgumentException for a key that does not exist
   */
  public String origin(String key) {
    Entry e = entryMap().get(key);
    if (e == null) {
      throw new IllegalArgumentException("no such configuration key: " + key);
    }
    return e.origin();
  }

  /** The entry for {@code key}, if it is a known key. */
  public Optional<Entry> entry(String key) {
    return Optional.ofNullable(entryMap().get(key));
  }

  /** Every key, in documentation order; secrets redacted. */
  public List<Entry> entries() {
    return List.copyOf(entryMap().values());
  }

  /** The files considered, highest precedence first, with whether each exists. */
  public List<ConfigFile> files() {
    return files;
  }
}
