package dev.commitpolish.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The configuration could not be loaded: {@link #errors()} says where and why. Unchecked so the
 * hook can catch it at one place and keep the user's message.
 */
public final class ConfigException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient List<ConfigProblem> errors;
  private final transient List<ConfigProblem> warnings;

  /** Creates the exception from at least one error. */
  public ConfigException(List<ConfigProblem> errors, List<ConfigProblem> warnings) {
    super(format(errors));
    this.errors = List.copyOf(errors);
    this.warnings = List.copyOf(warnings);
  }

  /** The errors, in the order they were found (files from lowest to highest precedence). */
  public List<ConfigProblem> errors() {
    return errors;
  }

  /** Warnings found while loading (unknown keys, ignored repo settings...). */
  public List<ConfigProblem> warnings() {
    return warnings;
  }

  private static String format(List<ConfigProblem> errors) {
    if (errors.size() == 1) {
      return "invalid configuration: " + errors.get(0);
    }
    return "invalid configuration ("
        + errors.size()
        + " errors):\n"
        + errors.stream().map(p -> "  " + p).collect(Collectors.joining("\n"));
  }
}
