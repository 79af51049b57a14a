package dev.commitpolish.hook;

import dev.commitpolish.cli.CommitPolishCommand;
import dev.commitpolish.git.Git;
import dev.commitpolish.git.GitException;
import dev.commitpolish.git.GitResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code commit-polish restore}: print or reinstate the message the hook replaced. */
@Command(
    name = "restore",
    mixinStandardHelpOptions = true,
    description = {
      "Print the message the hook replaced last (kept under the git dir in commit-polish/).",
      "With --apply, reword the last commit back to it (only when HEAD still has the message the"
          + " hook wrote, unless --force)."
    },
    footer = {
      "",
      "Examples:",
      "  commit-polish restore            # print the original message",
      "  commit-polish restore --apply    # git commit --amend back to the original message"
    })
public final class RestoreCommand implements Callable<Integer> {

  @ParentCommand private CommitPolishCommand root;

  @Option(names = "--apply", description = "Amend HEAD's message back to the original.")
  private boolean apply;

  @Option(names = "--force", description = "With --apply: amend even if HEAD's message differs.")
  private boolean force;

  @Override
  public Integer call() throws IOException {
    Git git = Git.open(root.env());
    Path gitDir;
    try {
      gitDir = git.gitDir();
    } catch (GitException e) {
      root.err().println("commit-polish restore: not in a git repository");
      return 1;
    }
    Optional<String> original = Backup.original(gitDir);
    if (original.isEmpty()) {
      root.err()
          .println(
              "commit-polish restore: nothing to restore (the hook has not rewritten a message in"
                  + " this repository)");
      return 1;
    }
    if (!apply) {
      root.out().print(original.get());
      return 0;
    }
    GitResult head = git.run("log", "-1", "--format=%B");
    if (!head.ok()) {
      root.err().println("commit-polish restore: there is no commit to amend");
      return 1;
    }
    String polished = Backup.polished(gitDir).orElse("");
    if (!force && !head.stdout().strip().equals(polished.strip())) {
      root.err()
          .println(
              "commit-polish restore: HEAD's message is not the one the hook wrote; not amending"
                  + " (use --force to amend anyway, or print with: commit-polish restore)");
      return 1;
    }
    Path tmp = Files.createTempFile(gitDir, "commit-polish-restore", ".txt");
    try {
      Files.writeString(tmp, original.get(), StandardCharsets.UTF_8);
      // The hook runs for --amend -F too (source "message"): switch it off for this commit.
      Git amend = Git.open(root.env().with("COMMIT_POLISH_SKIP", "1"));
      GitResult r =
          amend.run(
              List.of(
                  "commit",
                  "--amend",
                  "--only",
                  "--no-verify",
                  "--cleanup=whitespace",
                  "-F",
                  tmp.toString()));
      if (!r.ok()) {
        root.err()
            .println("commit-polish restore: git commit --amend failed: " + r.stderr().strip());
        return 1;
      }
      root.err().println("commit-polish restore: HEAD's message is the original again");
      return 0;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
