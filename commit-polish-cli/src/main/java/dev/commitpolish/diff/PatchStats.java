package dev.commitpolish.diff;

import java.util.ArrayList;
import java.util.List;

/**
 * The per-file summary of a unified diff read from text (for {@code preview --diff FILE}), where
 * git's {@code --numstat} is not available: paths from the {@code diff --git} headers, status from
 * {@code new file} / {@code deleted file} / {@code rename} lines, +/− by counting lines.
 */
public final class PatchStats {

  private PatchStats() {}

  /** Every file of {@code patch}, in order. */
  public static List<ChangedFile> files(String patch) {
    List<ChangedFile> out = new ArrayList<>();
    String path = null;
    String oldPath = null;
    char status = 'M';
    int added = 0;
    int deleted = 0;
    boolean binary = false;
    boolean inHunk = false;
    for (String line : patch.split("\n", -1)) {
      if (line.startsWith("diff --git ")) {
        if (path != null) {
          out.add(new ChangedFile(path, oldPath, status, added, deleted, binary));
        }
        String rest = line.substring("diff --git ".length());
        int b = rest.lastIndexOf(" b/");
        path = b >= 0 ? rest.substring(b + 3) : rest;
        oldPath = null;
        status = 'M';
        added = 0;
        deleted = 0;
        binary = false;
        inHunk = false;
        continue;
      }
      if (path == null) {
        continue;
      }
      if (!inHunk) {
        if (line.startsWith("new file mode")) {
          status = 'A';
        } else if (line.startsWith("deleted file mode")) {
          status = 'D';
        } else if (line.startsWith("rename from ")) {
          status = 'R';
          oldPath = line.substring("rename from ".length());
        } else if (line.startsWith("rename to ")) {
          path = line.substring("rename to ".length());
        } else if (line.startsWith("Binary files ") || line.startsWith("GIT binary patch")) {
          binary = true;
        } else if (line.startsWith("@@")) {
          inHunk = true;
        }
        continue;
      }
      if (line.startsWith("+")) {
        added++;
      } else if (line.startsWith("-")) {
        deleted++;
      }
    }
    if (path != null) {
      out.add(new ChangedFile(path, oldPath, status, added, deleted, binary));
    }
    return out;
  }
}
