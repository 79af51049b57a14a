package dev.commitpolish.conventional;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The rules a message is checked against: a commitlint rule set (in configuration order, which is
 * the order problems are reported in), commitlint's ignore/parser settings, or a commitizen check.
 * Immutable; the {@code with*} methods return copies.
 */
public final class LintConfig {

  /** commitlint's default help URL. */
  public static final String DEFAULT_HELP_URL =
      "https://github.com/conventional-changelog/commitlint/#what-is-commitlint";

  /** config-conventional's {@code type-enum}. */
  public static final List<String> CONVENTIONAL_TYPES =
      List.of(
          "build",
          "chore",
          "ci",
          "docs",
          "feat",
          "fix",
          "perf",
          "refactor",
          "revert",
          "style",
          "test");

  private final Map<String, RuleConfig> rules;
  private final boolean defaultIgnores;
  private final String helpUrl;
  private final String commentChar;
  private final CommitizenRules commitizen;

  private LintConfig(
      Map<String, RuleConfig> rules,
      boolean defaultIgnores,
      String helpUrl,
      String commentChar,
      CommitizenRules commitizen) {
    for (String name : rules.keySet()) {
      if (!Rules.ALL.containsKey(name)) {
        throw new IllegalArgumentException(
            "Found rules without implementation: "
                + name
                + ". Supported rules are: "
                + String.join(", ", Rules.ALL.keySet())
                + ".");
      }
    }
    this.rules = Collections.unmodifiableMap(new LinkedHashMap<>(rules));
    this.defaultIgnores = defaultIgnores;
    this.helpUrl = Objects.requireNonNull(helpUrl, "helpUrl");
    this.commentChar = commentChar;
    this.commitizen = commitizen;
  }

  /** {@code @commitlint/config-conventional} 21.2.4, exactly (rule order included). */
  public static LintConfig configConventional() {
    Map<String, RuleConfig> r = new LinkedHashMap<>();
    r.put("body-leading-blank", RuleConfig.of(1, "always"));
    r.put("body-max-line-length", RuleConfig.of(2, "always", 100));
    r.put("footer-leading-blank", RuleConfig.of(1, "always"));
    r.put("footer-max-line-length", RuleConfig.of(2, "always", 100));
    r.put("header-max-length", RuleConfig.of(2, "always", 100));
    r.put("header-trim", RuleConfig.of(2, "always"));
    r.put(
        "subject-case",
        RuleConfig.of(
            2, "never", List.of("sentence-case", "start-case", "pascal-case", "upper-case")));
    r.put("subject-empty", RuleConfig.of(2, "never"));
    r.put("subject-full-stop", RuleConfig.of(2, "never", "."));
    r.put("type-case", RuleConfig.of(2, "always", "lower-case"));
    r.put("type-empty", RuleConfig.of(2, "never"));
    r.put("type-enum", RuleConfig.of(2, "always", CONVENTIONAL_TYPES));
    return new LintConfig(r, true, DEFAULT_HELP_URL, null, null);
  }

  /** A commitlint config with exactly these rules and commitlint's defaults otherwise. */
  public static LintConfig of(Map<String, RuleConfig> rules) {
    return new LintConfig(rules, true, DEFAULT_HELP_URL, null, null);
  }

  /** A commitizen ({@code cz check}) config. */
  public static LintConfig commitizen(CommitizenRules cz) {
    return new LintConfig(Map.of(), true, DEFAULT_HELP_URL, null, Objects.requireNonNull(cz));
  }

  /** A copy with {@code name} set (replacing it in place, or appended, like commitlint's merge). */
  public LintConfig withRule(String name, RuleConfig rule) {
    Map<String, RuleConfig> r = new LinkedHashMap<>(rules);
    r.put(name, rule);
    return new LintConfig(r, defaultIgnores, helpUrl, commentChar, commitizen);
  }

  /** A copy with commitlint's {@code defaultIgnores} set. */
  public LintConfig withDefaultIgnores(boolean value) {
    return new LintConfig(rules, value, helpUrl, commentChar, commitizen);
  }

  /** A copy with commitlint's {@code helpUrl}. */
  public LintConfig withHelpUrl(String url) {
    return new LintConfig(rules, defaultIgnores, url, commentChar, commitizen);
  }

  /** A copy with {@code parserPreset.parserOpts.commentChar} (used outside edit mode). */
  public LintConfig withCommentChar(String cc) {
    return new LintConfig(rules, defaultIgnores, helpUrl, cc, commitizen);
  }

  /** The rules in configuration order. */
  public Map<String, RuleConfig> rules() {
    return rules;
  }

  /** One rule's configuration. */
  public Optional<RuleConfig> rule(String name) {
    return Optional.ofNullable(rules.get(name));
  }

  public boolean defaultIgnores() {
    return defaultIgnores;
  }

  public String helpUrl() {
    return helpUrl;
  }

  /** The parser preset's comment char, if the config sets one. */
  public Optional<String> commentChar() {
    return Optional.ofNullable(commentChar);
  }

  /** The commitizen check, when this config came from commitizen. */
  public Optional<CommitizenRules> commitizen() {
    return Optional.ofNullable(commitizen);
  }

  private Optional<RuleConfig> active(String name) {
    return rule(name).filter(RuleConfig::enabled);
  }

  /**
   * The types a message may use: {@code type-enum} when it is on and "always", commitizen's types,
   * else config-conventional's list (what a model should be told to pick from).
   */
  public List<String> allowedTypes() {
    if (commitizen != null) {
      return commitizen.types();
    }
    return active("type-enum")
        .filter(r -> !r.never())
        .map(RuleConfig::stringList)
        .filter(l -> !l.isEmpty())
        .orElse(CONVENTIONAL_TYPES);
  }

  /** {@code header-max-length} (or commitizen's {@code message_length_limit}) when enforced. */
  public OptionalInt headerMaxLength() {
    if (commitizen != null) {
      int limit = commitizen.messageLengthLimit();
      return limit > 0 ? OptionalInt.of(limit) : OptionalInt.empty();
    }
    return intValue("header-max-length");
  }

  /** {@code body-max-line-length} when enforced. */
  public OptionalInt bodyMaxLineLength() {
    return intValue("body-max-line-length");
  }

  /** {@code scope-enum} values when the rule is on and "always"; empty = any scope. */
  public List<String> scopes() {
    Optional<RuleConfig> r = active("scope-enum").filter(x -> !x.never());
    if (r.isEmpty()) {
      return List.of();
    }
    Object v = r.get().value();
    if (v instanceof Map<?, ?> m && m.get("scopes") instanceof List<?> l) {
      return l.stream().map(String::valueOf).toList();
    }
    return r.get().stringList();
  }

  /** True when {@code scope-empty} is an error with "never" (a scope is required). */
  public boolean scopeRequired() {
    return rule("scope-empty").filter(x -> x.level() == 2 && x.never()).isPresent();
  }

  private OptionalInt intValue(String name) {
    return active(name)
        .filter(r -> r.level() == 2 && r.value() instanceof Number)
        .map(r -> OptionalInt.of(((Number) r.value()).intValue()))
        .orElse(OptionalInt.empty());
  }

  /**
   * The conventions as short instructions for a model prompt, e.g. {@code Types: feat, fix ...}.
   */
  public String promptGuidance() {
    List<String> lines = new ArrayList<>();
    lines.add(
        "Header format: <type>(<optional scope>)<optional !>: <subject>"
            + (scopeRequired() ? " (a scope is required)" : ""));
    lines.add("Allowed types: " + String.join(", ", allowedTypes()));
    if (!scopes().isEmpty()) {
      lines.add("Allowed scopes: " + String.join(", ", scopes()));
    }
    headerMaxLength().ifPresent(n -> lines.add("Header at most " + n + " characters"));
    if (commitizen == null) {
      active("subject-case")
          .filter(r -> r.level() == 2)
          .ifPresent(r -> lines.add("Subject starts with a lower-case letter"));
      active("subject-full-stop")
          .filter(r -> r.level() == 2)
          .ifPresent(r -> lines.add("Subject does not end with a period"));
      bodyMaxLineLength().ifPresent(n -> lines.add("Body lines at most " + n + " characters"));
      lines.add("Separate body and footers from the header with one blank line");
    } else {
      lines.add("Separate the body from the header with one blank line");
    }
    return String.join("\n", lines);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LintConfig c
        && rules.equals(c.rules)
        && defaultIgnores == c.defaultIgnores
        && helpUrl.equals(c.helpUrl)
        && Objects.equals(commentChar, c.commentChar)
        && Objects.equals(commitizen, c.commitizen);
  }

  @Override
  public int hashCode() {
    return Objects.hash(rules, defaultIgnores, helpUrl, commentChar, commitizen);
  }

  @Override
  public String toString() {
    return commitizen != null ? "LintConfig[commitizen " + commitizen + "]" : "LintConfig" + rules;
  }
}
