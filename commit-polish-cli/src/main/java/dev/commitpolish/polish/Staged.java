package dev.commitpolish.polish;

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

  /**
   * Parses {@code git diff --cached -z --name-status} and {@code git diff --cached -z --numstat}
   * output for the same index (both NUL-separated so any path survives).
   */
  static Staged parse(String nameStatusZ, String numstatZ) {
    List<File> out = new ArrayList<>();
    String[] ns = nameStatusZ.split("\0");
    String[] nums = numstatZ.split("\0");
    int j = 0;
    for (int i = 0; i < ns.length; i++) {
      String st = ns[i];
      if (st.isEmpty()) {
        continue;
      }
      char status = st.charAt(0);
      String oldPath = "";
      String path;
      if (status == 'R' || status == 'C') {
        oldPath = ns[++i];
        path = ns[++i];
      } else {
        path = ns[++i];
      }
      int added = -1;
      int deleted = -1;
      // numstat: "a\td\tpath" or, for renames, "a\td\t" followed by old and new path fields.
      if (j < nums.length) {
        String[] parts = nums[j].split("\t", 3);
        if (parts.length >= 2) {
          added = parts[0].equals("-") ? -1 : Integer.parseInt(parts[0]);
          deleted = parts[1].equals("-") ? -1 : Integer.parseInt(parts[1]);
        }
        j += parts.length == 3 && parts[2].isEmpty() ? 3 : 1;
      }
      out.add(new File(status, path, oldPath, added, deleted));
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
