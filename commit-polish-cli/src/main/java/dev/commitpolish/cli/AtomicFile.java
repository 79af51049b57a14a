package dev.commitpolish.cli;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Replaces a file so that a reader (git, an editor, a client of the worker) sees the old content or
 * the new, never half of either: a temporary file in the same directory, renamed over the target.
 * The temporary file is owner-only from its creation and removed whatever happens.
 */
public final class AtomicFile {

  /** What a file gets when it is new and nothing else is asked for. */
  public static final Set<PosixFilePermission> READABLE =
      PosixFilePermissions.fromString("rw-r--r--");

  /** A script git runs. */
  public static final Set<PosixFilePermission> EXECUTABLE =
      PosixFilePermissions.fromString("rwxr-xr-x");

  /** A secret (the worker's state file): never readable by anyone else, not even briefly. */
  public static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private static final Set<PosixFilePermission> TEMP = OWNER_ONLY;

  private AtomicFile() {}

  /**
   * Replaces {@code file} with {@code bytes}, keeping the permissions of the file it replaces, or
   * {@link #READABLE} for a new one.
   */
  public static void replace(Path file, byte[] bytes) throws IOException {
    replace(file, bytes, READABLE);
  }

  /**
   * Replaces {@code file} with {@code bytes}, keeping the permissions of the file it replaces, or
   * {@code whenNew} for a new one (e.g. {@link #OWNER_ONLY} for a file that may hold an API key).
   * Setting them is best effort: a file system that refuses {@code chmod} (vfat) still gets the
   * content.
   */
  public static void replace(Path file, byte[] bytes, Set<PosixFilePermission> whenNew)
      throws IOException {
    Set<PosixFilePermission> perms = whenNew;
    if (Files.exists(file)) {
      try {
        perms = Files.getPosixFilePermissions(file);
      } catch (UnsupportedOperationException e) {
        perms = null; // not a POSIX file system: its defaults
      }
    }
    write(file, bytes, perms, false);
  }

  /**
   * Replaces {@code file} with {@code bytes}, mode {@code perms} exactly (on a file system without
   * POSIX permissions: its defaults, made executable when {@code perms} asks for it). Creates the
   * parent directories.
   */
  public static void write(Path file, byte[] bytes, Set<PosixFilePermission> perms)
      throws IOException {
    write(file, bytes, perms, true);
  }

  private static void write(Path file, byte[] bytes, Set<PosixFilePermission> perms, boolean strict)
      throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = createTemp(dir, "." + file.getFileName() + ".");
    try {
      Files.write(tmp, bytes, StandardOpenOption.TRUNCATE_EXISTING);
      if (perms != null && !perms.equals(TEMP)) {
        try {
          Files.setPosixFilePermissions(tmp, perms);
        } catch (UnsupportedOperationException e) {
          if (perms.contains(PosixFilePermission.OWNER_EXECUTE)
              && !tmp.toFile().setExecutable(true, false)) {
            throw new IOException("cannot make " + tmp + " executable", e);
          }
        } catch (IOException e) {
          if (strict) {
            throw e;
          }
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
          return Files.createFile(p, PosixFilePermissions.asFileAttribute(TEMP));
        } catch (UnsupportedOperationException e) {
          return Files.createFile(p);
        }
      } catch (FileAlreadyExistsException e) {
        if (attempt >= 10) {
          throw e;
        }
      }
    }
  }
}
