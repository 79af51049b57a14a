package dev.commitpolish.conventional;

import java.util.List;

/**
 * A commit message split the way commitlint's parser ({@code conventional-commits-parser} with the
 * conventionalcommits preset) splits it. Absent parts are {@code null}, as in commitlint; the body
 * may be {@code ""} when only blank lines precede the footer.
 *
 * @param header the first line left after comment/gpg filtering, or null
 * @param type the header's type, or null when the header does not match the pattern
 * @param scope the scope (greedy, may contain spaces and parentheses), or null
 * @param subject the text after {@code ": "}, or null
 * @param body the body, newline-trimmed, or null
 * @param footer the footer (every line from the first footer token or note on), or null
 * @param notes breaking-change notes, including one synthesized from a {@code !} header
 * @param references issue references such as {@code #12} found in the header, body and footer
 * @param raw the raw message the rules that look at blank lines read
 */
public record ParsedCommit(
    String header,
    String type,
    String scope,
    String subject,
    String body,
    String footer,
    List<Note> notes,
    List<String> references,
    String raw) {

  public ParsedCommit {
    notes = List.copyOf(notes);
    references = List.copyOf(references);
  }

  /** True when the header carries a breaking {@code !} or a breaking-change note is present. */
  public boolean breaking() {
    return !notes.isEmpty();
  }

  /**
   * A breaking-change note.
   *
   * @param title the keyword as written ({@code BREAKING CHANGE}, {@code BREAKING-CHANGE}, any
   *     case)
   * @param text the note text
   */
  public record Note(String title, String text) {}
}
