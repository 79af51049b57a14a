package dev.commitpolish.install;

import dev.commitpolish.cli.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Puts our hook scripts into a hooks directory and takes them out again, keeping any hook that was
 * there before. Every change is reported as one line in {@link #actions()}.
 *
 * <p>A previous hook is kept by renaming it within the directory, never by copying: the rename
 * keeps its bytes, mode bits, owner and even a symlink as they were, so uninstall can put back
 * exactly what it found.
 */
final class HookFiles {

  private final Path dir;
  private final List<String> actions = new ArrayList<>();

  HookFiles(Path dir) {
    this.dir = dir;
  }

  /** One line per change made so far. */
  List<String> actions() {
    return List.copyOf(actions);
  }

  /** The hook file for {@code kind} in this directory. */
  Path target(HookKind kind) {
    return dir.resolve(kind.fileName());
  }

  /** Whether our script is installed for {@code kind}. */
  boolean isInstalled(HookKind kind) {
    return read(target(kind))
        .map(t -> HookScripts.isOurs(t) && !HookScripts.isForwarder(t))
        .orElse(false);
  }

  /** Whether the file for {@code kind} is one of our forwarding stubs (global directory). */
  private boolean isForwarder(HookKind kind) {
    return read(target(kind)).map(HookScripts::isForwarder).orElse(false);
  }

  /** Writes our hook for {@code kind}, chaining whatever hook is there now. */
  void install(HookKind kind, String script, ChainOrder order) {
    Path target = target(kind);
    Path previous = dir.resolve(kind.previousFileName());
    createDir();
    boolean exists = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
    if (exists && isInstalled(kind)) {
      if (read(target).orElse("").equals(script) && Files.isExecutable(target)) {
        actions.add("already installed: " + kind.fileName() + " hook " + target);
      } else {
        writeExecutable(target, script);
        actions.add("updated " + kind.fileName() + " hook: " + target);
      }
      return;
    }
    if (exists && !isForwarder(kind)) {
      if (Files.exists(previous, LinkOption.NOFOLLOW_LINKS)) {
        throw new InstallException(
            "cannot chain "
                + target
                + ": "
                + previous
                + " already exists (left from an earlier install?). Decide which one to keep,"
                + " move the other away, and run the install again.");
      }
      move(target, previous);
      actions.add(
          "kept existing "
              + kind.fileName()
              + " hook as "
              + previous
              + " (runs "
              + (order == ChainOrder.FIRST ? "before" : "after")
              + " commit-polish, same arguments"
              + (Files.isExecutable(previous)
                  ? ")"
                  : "; it is not executable, so neither git nor commit-polish runs it)"));
    } else if (Files.exists(previous, LinkOption.NOFOLLOW_LINKS)) {
      actions.add("chaining the earlier hook kept at " + previous);
    }
    writeExecutable(target, script);
    actions.add("installed " + kind.fileName() + " hook: " + target);
  }

  /**
   * Removes our hook for {@code kind} and puts back the previous one, if any.
   *
   * @return false when our hook was not there (nothing changed)
   */
  boolean uninstall(HookKind kind) {
    Path target = target(kind);
    Path previous = dir.resolve(kind.previousFileName());
    boolean exists = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
    if (exists && isForwarder(kind)) {
      return false;
    }
    if (exists && !isInstalled(kind)) {
      actions.add("left alone: " + target + " is not commit-polish's hook");
      return false;
    }
    if (exists) {
      delete(target);
    }
    if (Files.exists(previous, LinkOption.NOFOLLOW_LINKS)) {
      move(previous, target);
      actions.add("restored previous " + kind.fileName() + " hook: " + target);
      return true;
    }
    if (exists) {
      actions.add("removed " + kind.fileName() + " hook: " + target);
    }
    return exists;
  }

  /** Writes a forwarding stub for every hook name that has no file yet. */
  void installForwarders(List<String> skip) {
    createDir();
    int n = 0;
    for (String name : HookScripts.FORWARDED_HOOKS) {
      Path p = dir.resolve(name);
      if (skip.contains(name) || Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      writeExecutable(p, HookScripts.forwarder());
      n++;
    }
    if (n > 0) {
      actions.add(
          "added "
              + n
              + " forwarding hooks to "
              + dir
              + " (they run each repository's own .git/hooks)");
    }
  }

  /** Writes one forwarding stub, e.g. after our real hook of that name was removed. */
  void installForwarder(String name) {
    writeExecutable(dir.resolve(name), HookScripts.forwarder());
  }

  /** Removes our forwarding stubs; leaves every other file alone. */
  void uninstallForwarders() {
    int n = 0;
    for (String name : HookScripts.FORWARDED_HOOKS) {
      Path p = dir.resolve(name);
      if (read(p).map(HookScripts::isForwarder).orElse(false)) {
        delete(p);
        n++;
      }
    }
    if (n > 0) {
      actions.add("removed " + n + " forwarding hooks from " + dir);
    }
  }

  /** Removes the directory when nothing is left in it. */
  void removeDirIfEmpty() {
    try (var s = Files.list(dir)) {
      if (s.findAny().isEmpty()) {
        Files.delete(dir);
        actions.add("removed empty directory " + dir);
      }
    } catch (IOException e) {
      // Not empty, gone already, or not ours to delete: all fine to leave as is.
    }
  }

  /** The file's text, empty when it is missing, not a regular file, or unreadable. */
  static Optional<String> read(Path p) {
    try {
      if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
        return Optional.empty();
      }
      return Optional.of(new String(Files.readAllBytes(p), StandardCharsets.UTF_8));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private void createDir() {
    try {
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir);
        actions.add("created directory " + dir);
      }
    } catch (IOException e) {
      throw new InstallException("cannot create the hooks directory " + dir + ": " + e);
    }
  }

  /** Atomically replaces {@code target}: temp file in the same directory, then rename. */
  private static void writeExecutable(Path target, String content) {
    try {
      AtomicFile.write(target, content.getBytes(StandardCharsets.UTF_8), AtomicFile.EXECUTABLE);
    } catch (IOException e) {
      throw new InstallException(
          "cannot write "
              + target
              + ": "
              + e.getMessage()
              + " (check the directory's permissions)");
    }
  }

  private static void move(Path from, Path to) {
    try {
      Files.move(from, to, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw new InstallException("cannot rename " + from + " to " + to + ": " + e.getMessage());
    }
  }

  private static void delete(Path p) {
    try {
      Files.delete(p);
    } catch (IOException e) {
      throw new InstallException("cannot delete " + p + ": " + e.getMessage());
    }
  }
}
