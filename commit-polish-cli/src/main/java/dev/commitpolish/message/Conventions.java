package dev.commitpolish.message;

import dev.commitpolish.conventional.ConventionDiscovery;
import dev.commitpolish.conventional.LintConfig;
import dev.commitpolish.git.GitException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the repository tells us about how its commits should look.
 *
 * @param lint the rules (config-conventional unless the repo configures commitlint or commitizen)
 * @param source where the rules came from, for diagnostics (e.g. "commitlint.config.js")
 * @param recentSubjects subjects of recent non-merge commits, newest first
 * @param branch the current branch, if any
 */
public record Conventions(
    LintConfig lint, String source, List<String> recentSubjects, Optional<String> branch) {

  private static final Pattern CONVENTIONAL = Pattern.compile("^(\\w+)(?:\\(([^)]+)\\))?!?: \\S.*");
  private static final Pattern TICKET =
      Pattern.compile("(?i)(?<![A-Za-z0-9])([A-Z][A-Z0-9]{1,9}-\\d+)(?![0-9])");

  public Conventions {
    Objects.requireNonNull(lint, "lint");
    Objects.requireNonNull(source, "source");
    recentSubjects = List.copyOf(recentSubjects);
    Objects.requireNonNull(branch, "branch");
  }

  /** How many recent subjects the prompt shows as the repository's own style. */
  public static final int RECENT_SUBJECTS = 20;

  /**
   * A repository's conventions as every command assembles them: its commitlint or commitizen rules
   * when {@code autoDetect} (else config-conventional), and its recent subjects and branch when git
   * can tell them — history is context, not a requirement.
   */
  public static Conventions of(
      boolean autoDetect,
      Path top,
      Map<String, String> env,
      Supplier<List<String>> recentSubjects,
      Supplier<Optional<String>> branch) {
    ConventionDiscovery.Result d =
        autoDetect
            ? ConventionDiscovery.discover(top, env)
            : new ConventionDiscovery.Result(
                LintConfig.configConventional(), "config-conventional", List.of());
    List<String> recent;
    Optional<String> b;
    try {
      recent = recentSubjects.get();
      b = branch.get();
    } catch (GitException e) {
      recent = List.of();
      b = Optional.empty();
    }
    return new Conventions(d.config(), d.source(), recent, b);
  }

  /** config-conventional, no history, no branch. */
  public static Conventions defaults() {
    return new Conventions(
        LintConfig.configConventional(), "config-conventional", List.of(), Optional.empty());
  }

  /** A ticket key such as {@code ABC-123} in the branch name ({@code feature/ABC-123-login}). */
  public Optional<String> ticket() {
    if (branch.isEmpty()) {
      return Optional.empty();
    }
    Matcher m = TICKET.matcher(branch.get());
    return m.find() ? Optional.of(m.group(1).toUpperCase(Locale.ROOT)) : Optional.empty();
  }

  /** True when at least half of (and at least 3) recent subjects are Conventional Commits. */
  public boolean historyFollowsConvention() {
    long conventional =
        recentSubjects.stream().filter(s -> CONVENTIONAL.matcher(s).matches()).count();
    return conventional >= 3 && conventional * 2 >= recentSubjects.size();
  }

  /**
   * Up to {@code n} recent conventional subjects, as style examples; empty unless history follows
   * the convention.
   */
  public List<String> styleExamples(int n) {
    if (!historyFollowsConvention()) {
      return List.of();
    }
    return recentSubjects.stream().filter(s -> CONVENTIONAL.matcher(s).matches()).limit(n).toList();
  }

  /** Scopes used at least twice in recent history, most used first (ties by name). */
  public List<String> commonScopes(int n) {
    if (!historyFollowsConvention()) {
      return List.of();
    }
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String s : recentSubjects) {
      Matcher m = CONVENTIONAL.matcher(s);
      if (m.matches() && m.group(2) != null) {
        counts.merge(m.group(2).strip(), 1, Integer::sum);
      }
    }
    List<Map.Entry<String, Integer>> entries = new ArrayList<>(counts.entrySet());
    entries.sort(
        Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
            .thenComparing(Map.Entry.comparingByKey()));
    return entries.stream().filter(e -> e.getValue() >= 2).limit(n).map(Map.Entry::getKey).toList();
  }

  /** Header limit to aim for: the lint limit, but never above git's customary 72. */
  public int headerTarget() {
    return Math.min(72, lint.headerMaxLength().orElse(72));
  }

  /** Body wrap column: 72, or the lint limit when it is lower. */
  public int bodyWrap() {
    return Math.min(72, lint.bodyMaxLineLength().orElse(72));
  }
}
