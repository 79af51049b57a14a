package dev.commitpolish.conventional;

import java.util.Optional;

/**
 * How the message reached the linter, which decides comment handling exactly as commitlint does:
 * stdin and {@code --from/--to} strip no comments, {@code --edit} (the commit-msg hook) strips
 * lines starting with git's {@code core.commentChar} and everything from the scissors line on.
 *
 * @param commentChar the comment prefix to strip, or null for none
 */
public record LintOptions(String commentChar) {

  /** No comment stripping (commitlint reading stdin). */
  public static LintOptions stdin() {
    return new LintOptions(null);
  }

  /**
   * Commit-msg / {@code --edit} semantics.
   *
   * @param commentChar the value of {@code git config core.commentChar} used verbatim (commitlint
   *     does not resolve {@code auto} and ignores {@code core.commentString}); null or empty means
   *     {@code #}
   */
  public static LintOptions edit(String commentChar) {
    return new LintOptions(commentChar == null || commentChar.isEmpty() ? "#" : commentChar);
  }

  /** The comment prefix, when comments are stripped. */
  public Optional<String> comment() {
    return Optional.ofNullable(commentChar).filter(s -> !s.isEmpty());
  }
}
