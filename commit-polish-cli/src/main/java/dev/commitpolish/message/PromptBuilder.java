package dev.commitpolish.message;

import dev.commitpolish.diff.DiffSection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds the prompt. Instructions (the built-in Conventional Commits instructions with the repo's
 * rules, or the configured {@code system_prompt}) go first, the user's draft — the intent to keep —
 * next, and the diff last.
 */
public final class PromptBuilder {

  /** The built-in instructions; the repo's rules and style follow them. */
  static final String INSTRUCTIONS =
      String.join(
          "\n",
          "You are an expert software engineer who writes git commit messages.",
          "Write one commit message for the staged changes, in the Conventional Commits 1.0.0"
              + " format:",
          "<type>(<optional scope>): <subject>",
          "",
          "<optional body>",
          "",
          "Rules:",
          "- The author's draft is the intent: keep its meaning, fix its form.",
          "- Describe only what the diff shows. Never invent changes.",
          "- Subject: imperative mood (\"add\", not \"added\"), lower-case start, no period, at most"
              + " 72 characters.",
          "- Body (optional, only when the why is not obvious): explain what and why, not how; wrap"
              + " at 72 columns.",
          "- Mark breaking changes with ! after the type/scope and a \"BREAKING CHANGE:\" footer.",
          "- Do not add Signed-off-by or Co-authored-by lines.",
          "- Reply with the commit message only: no explanation, no quotes, no code fences.");

  private final String system;

  private PromptBuilder(String system) {
    this.system = system;
  }

  /**
   * A builder for {@code conventions}; {@code systemPrompt}, when present, replaces the built-in
   * instructions entirely (the repo's rules are then not added: the user owns the prompt).
   */
  public static PromptBuilder of(Conventions conventions, Optional<String> systemPrompt) {
    Objects.requireNonNull(conventions, "conventions");
    if (systemPrompt.isPresent() && !systemPrompt.get().isBlank()) {
      return new PromptBuilder(systemPrompt.get().strip());
    }
    StringBuilder sb = new StringBuilder(INSTRUCTIONS);
    sb.append("\n\nThis repository's rules:\n");
    for (String line : conventions.lint().promptGuidance().split("\n")) {
      sb.append("- ").append(line).append('\n');
    }
    List<String> examples = conventions.styleExamples(5);
    if (!examples.isEmpty()) {
      sb.append("\nRecent commit subjects here (match their style):\n");
      examples.forEach(e -> sb.append("- ").append(e).append('\n'));
    }
    List<String> scopes = conventions.commonScopes(8);
    if (!scopes.isEmpty() && conventions.lint().scopes().isEmpty()) {
      sb.append("\nScopes commonly used here: ").append(String.join(", ", scopes)).append('\n');
    }
    return new PromptBuilder(sb.toString().strip());
  }

  /** The instructions message. */
  public String system() {
    return system;
  }

  /**
   * The user message up to (not including) the diff section. Its size plus {@link #system()} is
   * what the diff budget is computed from.
   */
  public String userHead(String draft, Optional<String> ticket) {
    StringBuilder sb = new StringBuilder("Generate a commit message for this diff.\n");
    ticket.ifPresent(
        t ->
            sb.append("\nThe branch refers to ticket ")
                .append(t)
                .append("; you may add a footer \"Refs: ")
                .append(t)
                .append("\".\n"));
    // Trailers (Signed-off-by, --trailer) are re-appended verbatim after the model answers; the
    // model only needs the words.
    String d = Trailers.split(draft).text().strip();
    if (d.isEmpty()) {
      sb.append("\nThere is no draft: describe the change from the diff.\n");
    } else {
      sb.append("\nAuthor's draft (keep its intent):\n<<<\n").append(d).append("\n>>>\n");
    }
    sb.append('\n');
    return sb.toString();
  }

  /** The whole prompt. */
  public Prompt build(String draft, Optional<String> ticket, DiffSection diff) {
    return new Prompt(system, userHead(draft, ticket) + diff.text());
  }

  /** The follow-up message of a repair attempt: what was wrong with the previous answer. */
  static String repairRequest(List<String> problems) {
    StringBuilder sb = new StringBuilder("That message is not valid:\n");
    for (String p : problems) {
      sb.append("- ").append(p).append('\n');
    }
    return sb.append("Reply with the corrected commit message only.").toString();
  }
}
