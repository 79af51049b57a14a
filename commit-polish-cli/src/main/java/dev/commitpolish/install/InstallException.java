package dev.commitpolish.install;

/**
 * A failure the user can act on; the message says what was wrong, where, and what to do. The
 * commands print it as one {@code commit-polish <command>: <message>} line and exit 1.
 */
final class InstallException extends RuntimeException {

  InstallException(String message) {
    super(message);
  }
}
