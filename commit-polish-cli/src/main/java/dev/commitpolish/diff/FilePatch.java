package dev.commitpolish.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The hunks of one file in a unified diff.
 *
 * @param path the file's path (after the change)
 * @param hunks the hunks in diff order
 */
record FilePatch(String path, List<Hunk> hunks) {

  FilePatch {
    Objects.requireNonNull(path, "path");
    hunks = List.copyOf(hunks);
  }

  /**
   * One {@code @@} hunk.
   *
   * @param index position within the file (0-based)
   * @param text the hunk, header line included, without a trailing newline
   * @param changed number of added plus removed lines
   */
  record Hunk(int index, String text, int changed) {}

  /**
   * Longest line kept verbatim; longer lines (minified code, data) are cut, they carry no intent.
   */
  static final int MAX_LINE = 400;

  /**
   * Splits a {@code git diff} patch into files. {@code paths} are the exact changed paths (from
   * {@code --numstat -z}); each {@code diff --git} header is matched to the path it ends with,
   * which is unambiguous even for names with spaces.
   */
  static List<FilePatch> parse(String patch, List<String> paths) {
    List<FilePatch> out = new ArrayList<>();
    String currentPath = null;
    List<Hunk> hunks = new ArrayList<>();
    StringBuilder hunk = null;
    int changed = 0;
    int pos = 0;
    int len = patch.length();
    while (pos < len) {
      int nl = patch.indexOf('\n', pos);
      int end = nl < 0 ? len : nl;
      String line = patch.substring(pos, end);
      pos = end + 1;
      if (line.startsWith("diff --git ") || line.startsWith("diff --cc ")) {
        if (hunk != null) {
          hunks.add(new Hunk(hunks.size(), hunk.toString(), changed));
          hunk = null;
        }
        if (currentPath != null) {
          out.add(new FilePatch(currentPath, hunks));
        }
        hunks = new ArrayList<>();
        currentPath = matchPath(line, paths);
        continue;
      }
      if (line.startsWith("@@")) {
        if (hunk != null) {
          hunks.add(new Hunk(hunks.size(), hunk.toString(), changed));
        }
        hunk = new StringBuilder(cut(line));
        changed = 0;
        continue;
      }
      if (hunk == null) {
        continue; // file header lines: index, mode, ---/+++, rename, Binary files ...
      }
      if (line.startsWith("+") || line.startsWith("-")) {
        changed++;
      }
      hunk.append('\n').append(cut(line));
    }
    if (hunk != null) {
      hunks.add(new Hunk(hunks.size(), hunk.toString(), changed));
    }
    if (currentPath != null) {
      out.add(new FilePatch(currentPath, hunks));
    }
    return out;
  }

  private static String cut(String line) {
    return line.length() <= MAX_LINE ? line : line.substring(0, MAX_LINE) + " …";
  }

  private static String matchPath(String header, List<String> paths) {
    String best = null;
    for (String p : paths) {
      if ((header.endsWith(" b/" + p)
              || header.endsWith("\"b/" + p + "\"")
              || header.endsWith(" " + p))
          && (best == null || p.length() > best.length())) {
        best = p;
      }
    }
    if (best != null) {
      return best;
    }
    // Not in the list (quoted name, or no list given): take what follows " b/".
    int b = header.lastIndexOf(" b/");
    if (b >= 0) {
      return header.substring(b + 3);
    }
    int q = header.lastIndexOf("\"b/");
    return q >= 0
        ? header.substring(q + 3, header.length() - (header.endsWith("\"") ? 1 : 0))
        : header;
  }
}
