package dev.commitpolish.hook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

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
    Path dir = file.toAbsolutePath().getParent();
    Path tmp = createTemp(dir, "." + file.getFileName() + ".");
    try {
      Files.write(tmp, bytes, StandardOpenOption.TRUNCATE_EXISTING);
      if (Files.exists(file)) {
        try {
          Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(file));
        } catch (UnsupportedOperationException e) {
          // Not a POSIX file system: default permissions are fine.
        }
      } else {
        try {
          Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
          // Not a POSIX file system.
        }
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * A new, empty, owner-only file in {@code dir}. Not Files.createTempFile: its SecureRandom
   * initialises the security providers, ~20 ms of a hook run; unpredictable names buy nothing in a
   * directory only the user can write, and CREATE_NEW still refuses an existing file.
   */
  private static Path createTemp(Path dir, String prefix) throws IOException {
    String base = prefix + ProcessHandle.current().pid() + ".";
    for (int attempt = 0; ; attempt++) {
      Path p =
          dir.resolve(base + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
      try {
        try {
          return Files.createFile(p, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (UnsupportedOperationException e) {
          return Files.createFile(p);
        }
      } catch (FileAlreadyExistsException e) {
        if (attempt >= 100) {
          throw e;
        }
      }
    }
  }

  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  /**
   * Whether the user lets us write {@code file}: its owner-write bit is set (checked on the bits,
   * not with {@code access(2)}, so a read-only file is respected even when running as root).
   */
  /** True when {@code file} still holds exactly {@code original}. */
  static boolean unchanged(Path file, byte[] original) {
    try {
      return java.util.Arrays.equals(Files.readAllBytes(file), original);
    } catch (IOException e) {
      return false;
    }
  }

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
