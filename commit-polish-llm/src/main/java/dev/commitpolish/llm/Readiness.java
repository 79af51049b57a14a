package dev.commitpolish.llm;

/** Whether a server can take requests now. */
public enum Readiness {
  /** {@code /health} (or {@code /v1/models}) answered 200. */
  READY,
  /** The server answered 503 (e.g. "Loading model"): up, but not yet usable. */
  LOADING,
  /**
   * Nothing usable answers: connection refused (llamafile refuses connections while it loads),
   * unknown host, or a timeout.
   */
  DOWN
}
