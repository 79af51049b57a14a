package dev.commitpolish.conventional;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One rule's configuration, commitlint's {@code [level, when, value]} tuple.
 *
 * @param level 0 disabled, 1 warning, 2 error
 * @param when {@code "always"} or {@code "never"}; null only for a disabled {@code [0]} tuple
 * @param value the rule's value as JSON-like data (String, Number, Boolean, List, Map) or null
 */
public record RuleConfig(int level, String when, Object value) {

  public RuleConfig {
    if (level < 0 || level > 2) {
      throw new IllegalArgumentException(
          "level must be between 0 and 2 (0 disabled, 1 warning, 2 error), received " + level);
    }
    if (when == null ? level != 0 : !when.equals("always") && !when.equals("never")) {
      throw new IllegalArgumentException(
          "condition must be \"always\" or \"never\", received " + (when == null ? "none" : when));
    }
    value = immutable(value);
  }

  /** {@code [level, when]}. */
  public static RuleConfig of(int level, String when) {
    return new RuleConfig(level, when, null);
  }

  /** {@code [level, when, value]}. */
  public static RuleConfig of(int level, String when, Object value) {
    return new RuleConfig(level, when, value);
  }

  /** True when the rule runs (level 1 or 2). */
  public boolean enabled() {
    return level > 0;
  }

  /** True for {@code "never"}. */
  public boolean never() {
    return "never".equals(when);
  }

  /**
   * Reads a rule tuple as it appears in a JSON/YAML commitlint config, with commitlint's own
   * validation messages (from {@code @commitlint/lint}).
   *
   * @throws IllegalArgumentException when the tuple is malformed
   */
  public static RuleConfig fromTuple(String name, Object config) {
    if (!(config instanceof List<?> list)) {
      throw new IllegalArgumentException(
          "config for rule " + name + " must be array, received " + config);
    }
    if (list.isEmpty() || !(list.get(0) instanceof Number n) || !isInteger(n)) {
      throw new IllegalArgumentException(
          "level for rule "
              + name
              + " must be number, received "
              + (list.isEmpty() ? "undefined" : list.get(0)));
    }
    int level = n.intValue();
    if (level == 0 && list.size() == 1) {
      return new RuleConfig(0, null, null);
    }
    if (list.size() < 2 || list.size() > 3) {
      throw new IllegalArgumentException(
          "config for rule " + name + " must be 2 or 3 items long, received " + list);
    }
    if (level < 0 || level > 2) {
      throw new IllegalArgumentException(
          "level for rule " + name + " must be between 0 and 2, received " + level);
    }
    if (!(list.get(1) instanceof String when) || !(when.equals("always") || when.equals("never"))) {
      throw new IllegalArgumentException(
          "condition for rule "
              + name
              + " must be \"always\" or \"never\", received "
              + list.get(1));
    }
    return new RuleConfig(level, when, list.size() == 3 ? list.get(2) : null);
  }

  private static boolean isInteger(Number n) {
    return n.doubleValue() == Math.rint(n.doubleValue());
  }

  /** The value as a list of strings, or empty when it is not a list. */
  List<String> stringList() {
    if (value instanceof List<?> l) {
      List<String> out = new ArrayList<>();
      for (Object o : l) {
        out.add(String.valueOf(o));
      }
      return out;
    }
    return List.of();
  }

  private static Object immutable(Object v) {
    if (v instanceof List<?> l) {
      List<Object> copy = new ArrayList<>(l.size());
      for (Object o : l) {
        copy.add(immutable(o));
      }
      return Collections.unmodifiableList(copy);
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> copy = new LinkedHashMap<>();
      m.forEach((k, val) -> copy.put(String.valueOf(k), immutable(val)));
      return Collections.unmodifiableMap(copy);
    }
    return v;
  }
}
