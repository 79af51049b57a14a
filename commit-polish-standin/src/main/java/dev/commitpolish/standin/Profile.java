package dev.commitpolish.standin;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which server the stand-in imitates (reference {@code llama-server-api.md} §16).
 *
 * <p>The two profiles differ on the wire in the ways a client must absorb (§12): SSE dialect, error
 * bodies, context overflow, readiness and the {@code model} field.
 */
public enum Profile {
  /** The llamafile 0.9.x legacy server ({@code llamafile --server}). */
  LLAMAFILE_0_9("llamafile-0.9"),
  /** The current upstream llama.cpp {@code llama-server} (late-2025 builds). */
  LLAMACPP("llamacpp");

  private final String cliName;

  Profile(String cliName) {
    this.cliName = cliName;
  }

  /** The name used on the stand-in's command line, e.g. {@code llamafile-0.9}. */
  public String cliName() {
    return cliName;
  }

  /**
   * Parses a command-line name; accepts {@code llamafile-0.9}, {@code llamafile}, {@code llamacpp},
   * {@code llama.cpp} and {@code llamacpp-current}.
   *
   * @throws IllegalArgumentException listing the accepted names
   */
  public static Profile parse(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    switch (n) {
      case "llamafile-0.9":
      case "llamafile":
      case "llamafile_0_9":
        return LLAMAFILE_0_9;
      case "llamacpp":
      case "llama.cpp":
      case "llamacpp-current":
        return LLAMACPP;
      default:
        throw new IllegalArgumentException(
            "unknown profile '"
                + name
                + "'; use one of: "
                + Arrays.stream(values()).map(Profile::cliName).collect(Collectors.joining(", ")));
    }
  }

  boolean isLlamafile() {
    return this == LLAMAFILE_0_9;
  }
}
