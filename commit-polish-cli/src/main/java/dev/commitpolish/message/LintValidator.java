package dev.commitpolish.message;

import dev.commitpolish.conventional.LintConfig;
import dev.commitpolish.conventional.LintOptions;
import dev.commitpolish.conventional.LintResult;
import dev.commitpolish.conventional.Linter;
import dev.commitpolish.conventional.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The built-in validator: the lint module's commitlint-compatible {@link Linter} with the repo's
 * rules. A message commitlint would merely <em>ignore</em> (a {@code Merge ...} or {@code fixup!}
 * subject) is not accepted as a polish result: the hook never produces those.
 */
public final class LintValidator implements MessageValidator {

  private final Linter linter;

  /** Validates against {@code config}. */
  public LintValidator(LintConfig config) {
    this.linter = new Linter(Objects.requireNonNull(config, "config"));
  }

  /** The linter's full result (stdin mode: the message has no comments). */
  public LintResult lint(String message) {
    return linter.lint(message, LintOptions.stdin());
  }

  @Override
  public List<String> problems(String message) {
    if (message.isBlank()) {
      return List.of("the message is empty");
    }
    LintResult r = lint(message);
    if (r.ignored()) {
      return List.of("the header must be '<type>(<scope>): <subject>'");
    }
    List<String> out = new ArrayList<>();
    for (Problem p : r.errors()) {
      out.add(p.message() + " [" + p.name() + "]");
    }
    return out;
  }
}
