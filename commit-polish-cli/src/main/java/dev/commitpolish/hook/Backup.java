package dev.commitpolish.hook;

import dev.commitpolish.cli.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;
import java.util.Set;

/**
 * Never lose anything: before the hook rewrites a message, the original is kept under the work
 * tree's git dir in {@code commit-polish/} — {@code original} (the user's words, comments removed),
 * {@code original-file} (the file byte for byte) and {@code polished} (what the hook wrote) — and
 * the rewrite itself is atomic (temp file in the same directory, then rename).
 */
final class Backup {

  static final String DIR = "commit-polish";
  static final String ORIGINAL = "original";
  static final String ORIGINAL_FILE = "original-file";
  static final String POLISHED = "polished";

  private Backup() {}

  /** Saves the three files under {@code gitDir/commit-polish/}, each atomically. */
  static void save(Path gitDir, byte[] originalFile, String draft, String polished)
      throws IOException {
    Path dir = gitDir.resolve(DIR);
    Files.createDirectories(dir);
    write(dir.resolve(ORIGINAL_FILE), originalFile);
    write(dir.resolve(ORIGINAL), (draft.strip() + "\n").getBytes(StandardCharsets.UTF_8));
    write(dir.resolve(POLISHED), (polished.strip() + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /** The saved original draft, if any. */
  static Optional<String> original(Path gitDir) throws IOException {
    return read(gitDir.resolve(DIR).resolve(ORIGINAL));
  }

  /** The saved polished message, if any. */
  static Optional<String> polished(Path gitDir) throws IOException {
    return read(gitDir.resolve(DIR).resolve(POLISHED));
  }

  private static Optional<String> read(Path p) throws IOException {
    if (!Files.isRegularFile(p)) {
      return Optional.empty();
    }
    return Optional.of(Files.readString(p, StandardCharsets.UTF_8));
  }

  /**
   * Replaces {@code file} with {@code content} atomically: a reader (git, the editor) sees the old
   * or the new file, never half of one. Permissions of the old file are kept.
   */
  static void writeAtomically(Path file, String content) throws IOException {
    write(file, content.getBytes(StandardCharsets.UTF_8));
  }

  private static void write(Path file, byte[] bytes) throws IOException {
    AtomicFile.replace(file, bytes);
  }

  /** True when {@code file} still holds exactly {@code original}. */
  static boolean unchanged(Path file, byte[] original) {
    try {
      return java.util.Arrays.equals(Files.readAllBytes(file), original);
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Whether the user lets us write {@code file}: its owner-write bit is set (checked on the bits,
   * not with {@code access(2)}, so a read-only file is respected even when running as root).
   */
  static boolean ownerWritable(Path file) {
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
      return perms.contains(PosixFilePermission.OWNER_WRITE);
    } catch (UnsupportedOperationException e) {
      return Files.isWritable(file);
    } catch (IOException e) {
      return false;
    }
  }
}
