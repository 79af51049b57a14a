package dev.commitpolish.polish;

import dev.commitpolish.git.FileChange;
import dev.commitpolish.git.Git;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What is staged, per file, for the summary shown before generating.
 *
 * @param files one entry per staged path, in git's order
 */
record Staged(List<File> files) {

  Staged {
    files = List.copyOf(files);
  }

  /**
   * One staged file.
   *
   * @param status git's letter: A, M, D, R, C, T
   * @param path the path (new path for renames)
   * @param oldPath the old path for renames and copies, else empty
   * @param added added lines, -1 for binary
   * @param deleted deleted lines, -1 for binary
   */
  record File(char status, String path, String oldPath, int added, int deleted) {}

  boolean isEmpty() {
    return files.isEmpty();
  }

  /** The summary's view of git's file list ({@link Git#stagedChanges(long)}, the hook's too). */
  static Staged of(List<FileChange> changes) {
    List<File> out = new ArrayList<>(changes.size());
    for (FileChange c : changes) {
      out.add(
          new File(
              c.status(),
              c.path(),
              c.moved() ? c.oldPath() : "",
              c.binary() ? -1 : c.added(),
              c.binary() ? -1 : c.deleted()));
    }
    return new Staged(out);
  }

  /** Lines for the summary: a headline and up to {@code max} files. */
  List<String> summary(int max, boolean unicode) {
    String minus = unicode ? "\u2212" : "-";
    List<String> lines = new ArrayList<>();
    int add = 0;
    int del = 0;
    int binary = 0;
    for (File f : files) {
      if (f.added() < 0) {
        binary++;
      } else {
        add += f.added();
        del += f.deleted();
      }
    }
    lines.add(
        String.format(
            Locale.ROOT,
            "%d file%s staged, +%d %s%d%s",
            files.size(),
            files.size() == 1 ? "" : "s",
            add,
            minus,
            del,
            binary == 0 ? "" : ", " + binary + " binary"));
    for (int i = 0; i < Math.min(max, files.size()); i++) {
      File f = files.get(i);
      String counts = f.added() < 0 ? "binary" : "+" + f.added() + " " + minus + f.deleted();
      String name = f.oldPath().isEmpty() ? f.path() : f.oldPath() + " -> " + f.path();
      lines.add("  " + f.status() + " " + name + "  " + counts);
    }
    if (files.size() > max) {
      lines.add("  " + (unicode ? "\u2026" : "...") + " and " + (files.size() - max) + " more");
    }
    return lines;
  }
}
