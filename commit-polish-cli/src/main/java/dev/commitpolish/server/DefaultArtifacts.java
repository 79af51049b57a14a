package dev.commitpolish.server;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The downloads {@code commit-polish setup} uses by default. This is the ONE place their URLs and
 * checksums live; docs/server.md repeats them.
 */
final class DefaultArtifacts {

  private DefaultArtifacts() {}

  /**
   * A file to download.
   *
   * @param name what to call it in messages
   * @param url where to get it
   * @param fileName the name it lands under in the data directory
   * @param sha256 the expected SHA-256 (lower-case hex), empty when none is pinned
   * @param size expected size in bytes (0 = unknown), for the progress bar only
   */
  record Artifact(String name, String url, String fileName, Optional<String> sha256, long size) {
    Artifact {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(fileName, "fileName");
      sha256 = sha256.map(s -> s.toLowerCase(Locale.ROOT));
      sha256.ifPresent(
          s -> {
            if (!s.matches("[0-9a-f]{64}")) {
              throw new IllegalArgumentException("SHA-256 must be 64 hex digits: " + s);
            }
          });
    }
  }

  /**
   * llamafile 0.9.3 (2025-05-14), the last llamafile release, a portable (APE) executable for
   * Linux, macOS and the BSDs. No checksum is pinned: the project publishes none next to the
   * release asset, and we will not invent one; setup prints the SHA-256 it computed instead.
   */
  static final Artifact LLAMAFILE =
      new Artifact(
          "llamafile 0.9.3",
          "https://github.com/Mozilla-Ocho/llamafile/releases/download/0.9.3/llamafile-0.9.3",
          "llamafile",
          Optional.empty(),
          0);

  /**
   * Llama 3.2 1B Instruct, Q4_K_M GGUF (bartowski's quantisation, 807,694,464 bytes): a small
   * instruct model that writes usable commit subjects on a laptop CPU. The SHA-256 was taken from a
   * public record of an independently verified copy of this exact file (same name and size); it is
   * the Git LFS object id Hugging Face shows on the file's page, which is where to re-check it.
   */
  static final Artifact MODEL =
      new Artifact(
          "Llama 3.2 1B Instruct (Q4_K_M)",
          "https://huggingface.co/bartowski/Llama-3.2-1B-Instruct-GGUF/resolve/main/Llama-3.2-1B-Instruct-Q4_K_M.gguf",
          "Llama-3.2-1B-Instruct-Q4_K_M.gguf",
          Optional.of("6f85a640a97cf2bf5b8e764087b1e83da0fdb51d7c9fab7d0fece9385611df83"),
          807_694_464L);
}
