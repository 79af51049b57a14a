package dev.commitpolish.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** API base URL checks: syntax, and whether a URL stays on this machine. */
public final class Urls {

  private Urls() {}

  /** Null when {@code url} is a usable API base, else what is wrong with it. */
  static String problem(String url) {
    String u = url.strip();
    URI uri;
    try {
      uri = new URI(u);
    } catch (URISyntaxException e) {
      return "\"" + u + "\" is not a valid URL (" + e.getReason() + ")";
    }
    String scheme = uri.getScheme();
    if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
      return "\"" + u + "\" does not start with http:// or https://";
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      return "\"" + u + "\" has no host";
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      return "\"" + u + "\" has a query or fragment; give only the base URL";
    }
    String path = uri.getPath() == null ? "" : uri.getPath();
    if (path.endsWith("/chat/completions") || path.endsWith("/completions")) {
      // The client appends the endpoint path itself (LiteLLM does the same).
      return "\"" + u + "\" includes the endpoint path; give the base ending in /v1";
    }
    return null;
  }

  /**
   * Whether {@code url} names this machine: {@code localhost}, 127.0.0.0/8 or ::1. Decided from the
   * text only, never by resolving a name, so a DNS answer cannot turn a remote host local.
   */
  public static boolean isLoopback(String url) {
    String host;
    try {
      host = new URI(url.strip()).getHost();
    } catch (URISyntaxException e) {
      return false;
    }
    if (host == null) {
      return false;
    }
    host = host.toLowerCase(Locale.ROOT);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    if (host.equals("localhost") || host.endsWith(".localhost")) {
      return true;
    }
    if (host.equals("::1") || host.equals("0:0:0:0:0:0:0:1")) {
      return true;
    }
    String[] parts = host.split("\\.", -1);
    if (parts.length != 4 || !parts[0].equals("127")) {
      return false;
    }
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
        return false;
      }
      if (Integer.parseInt(p) > 255) {
        return false;
      }
    }
    return true;
  }
}
