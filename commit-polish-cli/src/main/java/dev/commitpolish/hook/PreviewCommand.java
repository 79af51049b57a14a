package dev.commitpolish.hook;

import dev.commitpolish.cli.CommitPolishCommand;
import dev.commitpolish.cli.Env;
import dev.commitpolish.config.Config;
import dev.commitpolish.config.ConfigException;
import dev.commitpolish.config.ConfigLoader;
import dev.commitpolish.diff.ChangedFile;
import dev.commitpolish.diff.Exclusions;
import dev.commitpolish.diff.PatchStats;
import dev.commitpolish.diff.StagedPatch;
import dev.commitpolish.git.FileChange;
import dev.commitpolish.git.Git;
import dev.commitpolish.git.GitException;
import dev.commitpolish.git.StagedChanges;
import dev.commitpolish.message.Conventions;
import dev.commitpolish.message.PolishOutcome;
import dev.commitpolish.message.Polisher;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code commit-polish preview}: what the hook would write, without committing anything. */
@Command(
    name = "preview",
    mixinStandardHelpOptions = true,
    description = {
      "Print the polished message for a draft and a diff (stdout: the message only).",
      "The diff is the staged changes unless --diff names a file (or - for stdin). The same"
          + " engine as the hook: the model when it answers, else the offline polisher.",
      "Exit 0 when a valid message was printed, 1 otherwise."
    },
    footer = {
      "",
      "Examples:",
      "  commit-polish preview -m 'fixed the login thing'",
      "  git diff HEAD~1 | commit-polish preview --diff - -m 'wip'",
      "  commit-polish preview --json -m 'fix typo'",
      "  commit-polish preview --show-prompt   # what would be sent to the model"
    })
public final class PreviewCommand implements Callable<Integer> {

  @ParentCommand private CommitPolishCommand root;

  @Option(
      names = {"-m", "--message"},
      paramLabel = "DRAFT",
      description = "The draft to polish (default: none; the model writes from the diff).")
  private String draft = "";

  @Option(
      names = "--diff",
      paramLabel = "FILE",
      description =
          "Read the diff from FILE, or from stdin with '-', instead of the staged changes.")
  private String diffFile;

  @Option(names = "--json", description = "Print one JSON object with the details.")
  private boolean json;

  @Option(names = "--show-prompt", description = "Also print the prompt sent to the model.")
  private boolean showPrompt;

  @Option(names = "--show-diff", description = "Also print the diff section as budgeted.")
  private boolean showDiff;

  @Option(names = "--model", paramLabel = "MODEL", description = "Override [ai] model.")
  private String model;

  @Option(names = "--api-base", paramLabel = "URL", description = "Override the endpoint.")
  private String apiBase;

  InputStream stdin = System.in;

  @Override
  public Integer call() throws IOException {
    Env env = root.env();
    PrintStream out = root.out();
    PrintStream err = root.err();
    Git git = Git.open(env);
    Optional<Path> top = Optional.empty();
    boolean inRepo = false;
    try {
      inRepo = git.isInsideWorkTree();
      if (inRepo) {
        top = Optional.of(git.topLevel());
      }
    } catch (GitException e) {
      inRepo = false;
    }
    Map<String, String> flags = new LinkedHashMap<>();
    if (model != null) {
      flags.put("ai.model", model);
    }
    if (apiBase != null) {
      flags.put("ai.api_base", apiBase);
    }
    Config config;
    try {
      config = ConfigLoader.load(env, top, flags).config();
    } catch (ConfigException e) {
      err.println("commit-polish preview: " + e.getMessage());
      return 1;
    }
    StagedChanges changes;
    if (diffFile != null) {
      byte[] bytes =
          diffFile.equals("-") ? readAll(stdin) : Files.readAllBytes(env.cwd().resolve(diffFile));
      String patch = new String(bytes, StandardCharsets.UTF_8);
      List<FileChange> files = new ArrayList<>();
      for (ChangedFile f : PatchStats.files(patch)) {
        files.add(
            new FileChange(f.path(), f.oldPath(), f.status(), f.added(), f.deleted(), f.binary()));
      }
      changes = new StagedChanges(files, patch, false, false);
    } else if (inRepo) {
      changes = StagedPatch.stagedChanges(git, Exclusions.defaults(config.diff().exclude()));
    } else {
      err.println(
          "commit-polish preview: not in a git repository; pass --diff FILE (or - for stdin)");
      return 1;
    }
    // The hook's conventions exactly (PolishStep): with auto_detect off too, the recent subjects
    // and the branch are part of the prompt.
    Conventions conventions =
        top.isPresent()
            ? Conventions.of(
                config.validation().autoDetect(),
                top.get(),
                env.vars(),
                () -> git.recentSubjects(Conventions.RECENT_SUBJECTS),
                git::branch)
            : Conventions.defaults();
    Polisher polisher = Polisher.create(config, env);
    PolishOutcome o =
        polisher.polish(
            draft, changes, conventions, Instant.now().plus(config.ai().requestTimeout()), null);
    if (json) {
      out.println(PreviewJson.of(o, showPrompt, showDiff));
    } else {
      if (showPrompt) {
        o.prompt()
            .ifPresent(
                p -> out.print("----- prompt -----\n" + p.render() + "----- message -----\n"));
      } else if (showDiff) {
        o.diff()
            .ifPresent(d -> out.print("----- diff -----\n" + d.text() + "\n----- message -----\n"));
      }
      out.println(o.message());
      if (!o.polished() || o.engine() == PolishOutcome.Engine.OFFLINE) {
        o.error().ifPresent(e -> err.println("commit-polish preview: " + PolishStep.describe(e)));
      }
      if (!o.valid() && !o.errors().isEmpty()) {
        err.println("commit-polish preview: not valid: " + String.join("; ", o.errors()));
      }
    }
    return o.valid() ? 0 : 1;
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    in.transferTo(b);
    return b.toByteArray();
  }
}
