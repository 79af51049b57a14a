package dev.commitpolish.conventional;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;

/**
 * Lints commit messages exactly as {@code commitlint} does with the given configuration (by default
 * {@code @commitlint/config-conventional}). Thread-safe and cheap to reuse.
 *
 * <pre>{@code
 * LintResult r = new Linter(LintConfig.configConventional()).lint("feat: Add x", LintOptions.stdin());
 * r.valid();     // false
 * r.errors();    // [Problem[level=2, name=subject-case, message=subject must not be sentence-case]]
 * }</pre>
 */
public final class Linter {

  /** commitlint's message when there is no input left after dropping whitespace-only messages. */
  public static final String INPUT_REQUIRED =
      "[input] is required: supply via stdin, or --env or --edit or --last or --from and --to";

  private final LintConfig config;
  private final java.util.regex.Pattern czPattern;

  public Linter(LintConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.czPattern = config.commitizen().map(CommitizenRules::compiled).orElse(null);
  }

  /**
   * Whether {@code message} is empty after JavaScript's {@code trim()} — how commitlint drops empty
   * input before linting (U+001C–U+001F, which Java counts as whitespace, are not).
   */
  public static boolean isBlank(String message) {
    for (int i = 0; i < message.length(); i++) {
      if (!JsText.isWhitespace(message.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** A linter with config-conventional. */
  public static Linter conventional() {
    return new Linter(LintConfig.configConventional());
  }

  public LintConfig config() {
    return config;
  }

  /**
   * Parses a message the way commitlint's parser does under these options.
   *
   * @throws IllegalArgumentException when the message is empty or whitespace only
   */
  public ParsedCommit parse(String message, LintOptions options) {
    return CommitParser.parse(message, commentChar(options));
  }

  private String commentChar(LintOptions options) {
    return options.comment().orElse(config.commentChar().orElse(null));
  }

  /**
   * Lints one message.
   *
   * <p>An empty or whitespace-only message, which the commitlint CLI rejects with {@link
   * #INPUT_REQUIRED} (exit 1) before linting, yields one error named {@code input-required}.
   */
  public LintResult lint(String message, LintOptions options) {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(options, "options");
    if (isBlank(message)) {
      return new LintResult(
          false, List.of(new Problem(2, "input-required", INPUT_REQUIRED)), List.of(), false, "");
    }
    if (config.commitizen().isPresent()) {
      return lintCommitizen(message, options, config.commitizen().get());
    }
    if (config.defaultIgnores() && Ignores.isIgnoredByDefault(JsText.trimEnd(message))) {
      return new LintResult(true, List.of(), List.of(), true, message);
    }
    ParsedCommit parsed = CommitParser.parse(message, commentChar(options));
    if (parsed.header() == null && parsed.body() == null && parsed.footer() == null) {
      return new LintResult(true, List.of(), List.of(), false, message);
    }
    List<Problem> errors = new ArrayList<>();
    List<Problem> warnings = new ArrayList<>();
    for (Map.Entry<String, RuleConfig> e : config.rules().entrySet()) {
      RuleConfig rc = e.getValue();
      if (!rc.enabled()) {
        continue;
      }
      Rules.Outcome o = Rules.ALL.get(e.getKey()).apply(parsed, rc.when(), rc.value());
      if (!o.valid()) {
        Problem p = new Problem(rc.level(), e.getKey(), o.message() == null ? "" : o.message());
        (rc.level() == 2 ? errors : warnings).add(p);
      }
    }
    return new LintResult(errors.isEmpty(), errors, warnings, false, rebuild(parsed));
  }

  /** {@code buildCommitMessage}: what commitlint echoes as the input. */
  private static String rebuild(ParsedCommit p) {
    String msg = p.header();
    if (JsText.truthy(p.body())) {
      msg = msg + "\n\n" + p.body();
    }
    if (JsText.truthy(p.footer())) {
      msg = msg + "\n\n" + p.footer();
    }
    return msg == null ? "" : msg;
  }

  private LintResult lintCommitizen(String message, LintOptions options, CommitizenRules cz) {
    // cz check --commit-msg-file drops comment lines and stops at the scissors line.
    String msg = message;
    if (options.comment().isPresent()) {
      String cc = options.comment().get();
      StringBuilder sb = new StringBuilder();
      for (String line : JsText.splitLines(message)) {
        if (line.equals(cc + " " + CommitParser.SCISSOR)) {
          break;
        }
        if (!line.startsWith(cc)) {
          sb.append(line).append('\n');
        }
      }
      msg = sb.toString();
    }
    msg = msg.strip();
    for (String prefix : cz.allowedPrefixes()) {
      if (msg.startsWith(prefix)) {
        return new LintResult(true, List.of(), List.of(), true, msg);
      }
    }
    List<Problem> errors = new ArrayList<>();
    if (cz.messageLengthLimit() > 0) {
      int nl = msg.indexOf('\n');
      String first = (nl < 0 ? msg : msg.substring(0, nl)).strip();
      if (first.length() > cz.messageLengthLimit()) {
        errors.add(
            new Problem(
                2,
                "commitizen-length",
                "commit message length exceeds the limit ("
                    + first.length()
                    + " > "
                    + cz.messageLengthLimit()
                    + ")"));
      }
    }
    if (errors.isEmpty()) {
      Matcher m = czPattern.matcher(msg);
      if (!m.lookingAt()) {
        errors.add(
            new Problem(
                2,
                "commitizen-pattern",
                "commit validation failed: the message does not match the pattern "
                    + cz.schemaPattern()));
      }
    }
    return new LintResult(errors.isEmpty(), errors, List.of(), false, msg);
  }
}
