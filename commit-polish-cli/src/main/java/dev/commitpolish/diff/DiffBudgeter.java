package dev.commitpolish.diff;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Sizes the staged diff to a token budget: first a summary line (path, status, +/−) for every
 * changed file, then hunks, most informative first, until the budget is spent. Never exceeds the
 * budget as measured by the given counter; deterministic for equal inputs.
 *
 * <p>"Most informative first" means: source files before tests, before docs and build files; one
 * hunk per file before a second hunk of any file (breadth buys more intent per token than depth);
 * within a file, the hunk with the most changed lines first. The chosen hunks are printed in diff
 * order so the model reads a normal patch.
 */
public final class DiffBudgeter {

  /** Smallest remaining budget worth spending on a cut hunk. */
  static final int MIN_CUT_TOKENS = 24;

  private DiffBudgeter() {}

  /**
   * Builds the diff section.
   *
   * @param files every changed file, in git's order
   * @param patch the unified diff of the staged changes (may cover only non-excluded files, may be
   *     cut short)
   * @param exclusions files whose hunks are never shown
   * @param budget the most tokens the section may cost
   * @param counter a cheap, local token counter
   */
  public static DiffSection build(
      List<ChangedFile> files,
      String patch,
      Exclusions exclusions,
      int budget,
      TokenCounter counter) {
    List<String> paths = files.stream().map(ChangedFile::path).toList();
    Map<String, FilePatch> patches = new LinkedHashMap<>();
    for (FilePatch fp : FilePatch.parse(patch, paths)) {
      patches.putIfAbsent(fp.path(), fp);
    }
    Map<String, String> excluded = new HashMap<>();
    for (ChangedFile f : files) {
      Optional<String> why = exclusions.reason(f);
      FilePatch fp = patches.get(f.path());
      if (why.isEmpty()
          && fp != null
          && !fp.hunks().isEmpty()
          && Exclusions.looksGenerated(fp.hunks().get(0).text())) {
        why = Optional.of("generated");
      }
      why.ifPresent(w -> excluded.put(f.path(), w));
    }

    String summary = summary(files, excluded, budget, counter, true);
    int dropped = 0;
    if (counter.count(summary) > budget) {
      summary = summary(files, excluded, budget, counter, false);
      if (counter.count(summary) > budget) {
        SummaryCut cut = cutSummary(files, budget, counter);
        summary = cut.text();
        dropped = cut.dropped();
      }
    }
    int used = counter.count(summary);

    // Candidate hunks in priority order.
    record Candidate(ChangedFile file, FilePatch.Hunk hunk, int round, int rank) {}
    List<Candidate> candidates = new ArrayList<>();
    int totalHunks = 0;
    for (ChangedFile f : files) {
      FilePatch fp = patches.get(f.path());
      if (fp == null || excluded.containsKey(f.path())) {
        continue;
      }
      totalHunks += fp.hunks().size();
      List<FilePatch.Hunk> ordered = new ArrayList<>(fp.hunks());
      ordered.sort(
          Comparator.comparingInt((FilePatch.Hunk h) -> -h.changed())
              .thenComparingInt(FilePatch.Hunk::index));
      for (int r = 0; r < ordered.size(); r++) {
        candidates.add(new Candidate(f, ordered.get(r), r, rank(f.path())));
      }
    }
    Map<String, Integer> order = new HashMap<>();
    for (int i = 0; i < paths.size(); i++) {
      order.putIfAbsent(paths.get(i), i);
    }
    candidates.sort(
        Comparator.comparingInt(Candidate::round)
            .thenComparingInt(Candidate::rank)
            .thenComparingInt(c -> order.get(c.file().path()))
            .thenComparingInt(c -> c.hunk().index()));

    String heading = "\n\nDiff:";
    int headingCost = counter.count(heading);
    Map<String, Map<Integer, String>> chosen = new LinkedHashMap<>();
    int shown = 0;
    if (dropped == 0 && used + headingCost < budget) {
      used += headingCost;
      for (Candidate c : candidates) {
        String path = c.file().path();
        boolean firstOfFile = !chosen.containsKey(path);
        String fileHeader = "\n--- " + path;
        int headerCost = firstOfFile ? counter.count(fileHeader) : 0;
        String text = "\n" + c.hunk().text();
        int cost = counter.count(text);
        if (used + headerCost + cost <= budget) {
          chosen.computeIfAbsent(path, k -> new HashMap<>()).put(c.hunk().index(), c.hunk().text());
          used += headerCost + cost;
          shown++;
        } else if (firstOfFile && budget - used - headerCost >= MIN_CUT_TOKENS) {
          String cutText = cutHunk(c.hunk().text(), budget - used - headerCost, counter);
          if (cutText != null) {
            chosen.computeIfAbsent(path, k -> new HashMap<>()).put(c.hunk().index(), cutText);
            used += headerCost + counter.count("\n" + cutText);
            shown++;
          }
        }
      }
    }

    StringBuilder out = new StringBuilder(summary);
    if (!chosen.isEmpty()) {
      out.append(heading);
      for (ChangedFile f : files) {
        Map<Integer, String> hs = chosen.get(f.path());
        if (hs == null) {
          continue;
        }
        out.append("\n--- ").append(f.path());
        hs.entrySet().stream()
            .sorted(Map.Entry.comparingByKey())
            .forEach(e -> out.append('\n').append(e.getValue()));
      }
    }
    String text = out.toString();
    int tokens = counter.count(text);
    // Token counts of concatenated pieces can differ from the sum by a token at each seam; drop
    // hunks from the end until the whole is within budget (rare, and only by a few tokens).
    while (tokens > budget && text.lastIndexOf("\n@@") > 0) {
      text = text.substring(0, text.lastIndexOf("\n@@"));
      shown--;
      tokens = counter.count(text);
    }
    return new DiffSection(text, files.size(), Math.max(0, shown), totalHunks, dropped, tokens);
  }

  private static String summary(
      List<ChangedFile> files,
      Map<String, String> excluded,
      int budget,
      TokenCounter counter,
      boolean detailed) {
    int added = 0;
    int deleted = 0;
    for (ChangedFile f : files) {
      added += f.added();
      deleted += f.deleted();
    }
    StringBuilder sb =
        new StringBuilder("Changed files (")
            .append(files.size())
            .append(", +")
            .append(added)
            .append(" -")
            .append(deleted)
            .append("):");
    for (ChangedFile f : files) {
      sb.append('\n');
      if (detailed) {
        sb.append(f.summaryLine());
        String why = excluded.get(f.path());
        if (why != null && !f.binary()) {
          sb.append(" [").append(why).append(", diff not shown]");
        }
      } else {
        sb.append(f.status()).append(' ').append(f.path());
      }
    }
    return sb.toString();
  }

  private record SummaryCut(String text, int dropped) {}

  private static SummaryCut cutSummary(List<ChangedFile> files, int budget, TokenCounter counter) {
    StringBuilder sb = new StringBuilder("Changed files (" + files.size() + "):");
    int used = counter.count(sb.toString());
    int reserve = counter.count("\n... and 99999 more files");
    int i = 0;
    for (; i < files.size(); i++) {
      String line = "\n" + files.get(i).status() + " " + files.get(i).path();
      int cost = counter.count(line);
      if (used + cost + reserve > budget) {
        break;
      }
      sb.append(line);
      used += cost;
    }
    int dropped = files.size() - i;
    if (dropped > 0) {
      sb.append("\n... and ").append(dropped).append(" more files");
    }
    return new SummaryCut(sb.toString(), dropped);
  }

  /** The hunk's first lines that fit in {@code room} tokens, marked as cut; null if none fit. */
  private static String cutHunk(String hunk, int room, TokenCounter counter) {
    String marker = "\n… (hunk cut)";
    int used = counter.count(marker) + 1;
    String[] lines = hunk.split("\n", -1);
    StringBuilder sb = new StringBuilder();
    int kept = 0;
    for (String line : lines) {
      int cost = counter.count("\n" + line);
      if (used + cost > room) {
        break;
      }
      if (kept > 0) {
        sb.append('\n');
      }
      sb.append(line);
      used += cost;
      kept++;
    }
    if (kept < 2) {
      return null; // a header alone says nothing
    }
    return sb.append(marker).toString();
  }

  /** Source first, then tests, then docs, then build and config files. */
  static int rank(String path) {
    String l = path.toLowerCase(Locale.ROOT);
    String name = l.substring(l.lastIndexOf('/') + 1);
    if (l.endsWith(".md")
        || l.endsWith(".rst")
        || l.endsWith(".adoc")
        || l.endsWith(".txt")
        || l.startsWith("docs/")) {
      return 2;
    }
    if (l.contains("test") || l.contains("spec")) {
      return 1;
    }
    if (name.endsWith(".json")
        || name.endsWith(".yaml")
        || name.endsWith(".yml")
        || name.endsWith(".toml")
        || name.endsWith(".xml")
        || name.endsWith(".properties")
        || name.endsWith(".lock")
        || name.startsWith(".")) {
      return 3;
    }
    return 0;
  }
}
