package dev.commitpolish.llm;

import dev.commitpolish.llm.ApiBaseProblem.Severity;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks API base URLs for the mistakes users actually make (see the LiteLLM seed notes): a missing
 * {@code /v1}, a pasted {@code /v1/chat/completions}, port 8000 (vLLM's) for llamafile, and double
 * slashes. The client runs this before every request, so a bad base fails in microseconds with a
 * fix instead of as a confusing 404 from the server.
 */
public final class ApiBase {
  private static final String[] ENDPOINTS = {
    "/chat/completions", "/completions", "/embeddings", "/models", "/chat"
  };

  private ApiBase() {}

  /**
   * Returns the problems in {@code url} for {@code provider}; empty when the base looks right.
   * ERROR problems make the client refuse the request; WARNINGs do not.
   */
  public static List<ApiBaseProblem> check(Provider provider, String url) {
    List<ApiBaseProblem> out = new ArrayList<>();
    if (url == null || url.isBlank()) {
      out.add(
          new ApiBaseProblem(
              Severity.ERROR,
              "The api_base is empty.",
              "set "
                  + provider.apiBaseEnv()
                  + " or api_base, e.g. "
                  + provider.defaultApiBase().orElse("http://127.0.0.1:8080/v1")));
      return out;
    }
    String trimmed = url.trim();
    URI uri;
    try {
      uri = new URI(trimmed);
    } catch (URISyntaxException e) {
      out.add(
          new ApiBaseProblem(
              Severity.ERROR,
              "The api_base '" + redact(trimmed) + "' is not a valid URL (" + e.getReason() + ").",
              "use a URL like http://127.0.0.1:8080/v1"));
      return out;
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      out.add(
          new ApiBaseProblem(
              Severity.ERROR,
              "The api_base '"
                  + redact(trimmed)
                  + "' must be an absolute http:// or https:// URL with a host.",
              "use a URL like http://127.0.0.1:8080/v1"));
      return out;
    }
    String hostPort = scheme + "://" + uri.getRawAuthority();
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    boolean doubleSlash = path.contains("//");
    String fixedPath = collapseSlashes(path);
    while (fixedPath.endsWith("/")) {
      fixedPath = fixedPath.substring(0, fixedPath.length() - 1);
    }
    String endpoint = null;
    for (String e : ENDPOINTS) {
      if (fixedPath.toLowerCase(Locale.ROOT).endsWith(e)) {
        endpoint = e;
        fixedPath = fixedPath.substring(0, fixedPath.length() - e.length());
        break;
      }
    }
    boolean missingV1 = fixedPath.isEmpty() && provider != Provider.LITELLM_PROXY;
    if (missingV1) {
      fixedPath = "/v1";
    }
    boolean port8000 = provider == Provider.LLAMAFILE && uri.getPort() == 8000;
    String fixedHost = port8000 ? scheme + "://" + rebuildHost(uri, 8080) : hostPort;
    String fixed = fixedHost + fixedPath;
    String fixedRedacted = redact(fixed);

    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      out.add(
          new ApiBaseProblem(
              Severity.ERROR,
              "The api_base '" + redact(trimmed) + "' has a query or fragment.",
              "use " + fixedRedacted));
    }
    if (doubleSlash) {
      out.add(
          new ApiBaseProblem(
              Severity.ERROR,
              "The api_base '"
                  + redact(trimmed)
                  + "' contains a double slash, which servers treat as a different path.",
              "use " + fixedRedacted));
    }
    if (endpoint != null) {
      out.add(
          new ApiBaseProblem(
              Severity.ERROR,
              "The api_base '"
                  + redact(trimmed)
                  + "' ends with the endpoint '"
                  + endpoint
                  + "'; the client appends endpoint paths itself.",
              "use " + fixedRedacted));
    }
    if (missingV1) {
      out.add(
          new ApiBaseProblem(
              Severity.ERROR,
              "The api_base '"
                  + redact(trimmed)
                  + "' is missing the /v1 path of the OpenAI-compatible API (requests would 404).",
              "use " + fixedRedacted));
    } else if (provider.isLocal()
        && !fixedPath.isEmpty()
        && !fixedPath.toLowerCase(Locale.ROOT).endsWith("/v1")) {
      out.add(
          new ApiBaseProblem(
              Severity.WARNING,
              "The api_base '"
                  + redact(trimmed)
                  + "' does not end in /v1; fine only if the server runs under a URL prefix.",
              "usually " + redact(hostPort) + "/v1"));
    }
    if (port8000) {
      out.add(
          new ApiBaseProblem(
              Severity.WARNING,
              "Port 8000 is vLLM's default; llamafile listens on 8080 unless started with --port"
                  + " 8000.",
              "use " + fixedRedacted));
    }
    return out;
  }

  private static String collapseSlashes(String path) {
    StringBuilder sb = new StringBuilder(path.length());
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c != '/' || sb.length() == 0 || sb.charAt(sb.length() - 1) != '/') {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private static String rebuildHost(URI uri, int port) {
    String host = uri.getHost();
    String user = uri.getRawUserInfo();
    return (user == null ? "" : user + "@") + host + ":" + port;
  }

  /** Removes a trailing slash so that endpoint paths can be appended. */
  static String normalize(String base) {
    String b = base.trim();
    while (b.endsWith("/")) {
      b = b.substring(0, b.length() - 1);
    }
    return b;
  }

  /** The server root (for /health, /props, /tokenize): the base without a trailing /v1. */
  static String root(String base) {
    String b = normalize(base);
    return b.toLowerCase(Locale.ROOT).endsWith("/v1") ? b.substring(0, b.length() - 3) : b;
  }

  /** Strips user-info (credentials) from a URL so it can appear in messages and logs. */
  static String redact(String url) {
    if (url == null) {
      return "";
    }
    int scheme = url.indexOf("://");
    int at = url.indexOf('@');
    int slash = scheme < 0 ? -1 : url.indexOf('/', scheme + 3);
    if (scheme >= 0 && at > scheme && (slash < 0 || at < slash)) {
      return url.substring(0, scheme + 3) + "***@" + url.substring(at + 1);
    }
    return url;
  }
}
