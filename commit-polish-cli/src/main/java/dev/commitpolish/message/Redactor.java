package dev.commitpolish.message;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes likely secrets from prompt text before it goes to a non-loopback endpoint: private key
 * blocks, cloud and VCS tokens, {@code password=}-style assignments and {@code .env} values.
 * Best-effort by nature (it cannot know every format), so remote use stays opt-in.
 */
public final class Redactor {

  /** What replaces a secret. */
  public static final String MASK = "[REDACTED]";

  private static final Pattern PRIVATE_KEY =
      Pattern.compile(
          "-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----.*?(-----END [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----|\\z)",
          Pattern.DOTALL);

  private static final List<Pattern> TOKENS =
      List.of(
          Pattern.compile("\\b(?:AKIA|ASIA|AGPA|AIDA|AROA)[0-9A-Z]{16}\\b"), // AWS access key id
          Pattern.compile("\\bgh[pousr]_[A-Za-z0-9]{30,}\\b"), // GitHub tokens
          Pattern.compile("\\bgithub_pat_[A-Za-z0-9_]{40,}\\b"),
          Pattern.compile("\\bglpat-[A-Za-z0-9_-]{20,}\\b"), // GitLab
          Pattern.compile("\\bxox[abposr]-[A-Za-z0-9-]{10,}\\b"), // Slack
          Pattern.compile("\\bsk-(?:proj-|ant-)?[A-Za-z0-9_-]{20,}\\b"), // OpenAI, Anthropic
          Pattern.compile("\\bAIza[0-9A-Za-z_-]{35}\\b"), // Google API key
          Pattern.compile("\\b(?:sk|rk)_live_[0-9a-zA-Z]{20,}\\b"), // Stripe
          Pattern.compile("\\bnpm_[A-Za-z0-9]{36}\\b"),
          Pattern.compile(
              "\\beyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}\\b")); // JWT

  /** The password of {@code scheme://user:password@host}; group 1 is everything before it. */
  private static final Pattern URL_CREDENTIALS =
      Pattern.compile(
          "(?i)(\\b(?:https?|postgres(?:ql)?|mysql|mongodb(?:\\+srv)?|redis|amqp)://[^\\s:/@]+:)[^\\s@/]+@");

  /** {@code password = "x"}, {@code api_key: x}, {@code SECRET_TOKEN=x} … */
  private static final Pattern ASSIGNMENT =
      Pattern.compile(
          "(?i)((?:[A-Za-z0-9_.-]*(?:password|passwd|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|credentials?|auth)[A-Za-z0-9_.-]*)[\"']?\\s*(?:=|:|:=|=>)\\s*)([\"']?)([^\\s\"',;]{3,})");

  /** A line of an added or changed {@code .env} file: {@code +KEY=value}. */
  private static final Pattern DOTENV_LINE =
      Pattern.compile("(?m)^([+\\- ]?\\s*(?:export\\s+)?[A-Za-z_][A-Za-z0-9_]*\\s*=\\s*)(\\S.*)$");

  private Redactor() {}

  /** {@code text} with likely secrets replaced by {@value #MASK}. */
  public static String redact(String text) {
    String out = PRIVATE_KEY.matcher(text).replaceAll(MASK);
    for (Pattern p : TOKENS) {
      out = p.matcher(out).replaceAll(MASK);
    }
    // quoteReplacement: the user name is the diff's text, "$1" or "\\" in it must stay text
    out =
        URL_CREDENTIALS
            .matcher(out)
            .replaceAll(r -> Matcher.quoteReplacement(r.group(1) + MASK + "@"));
    out =
        ASSIGNMENT
            .matcher(out)
            .replaceAll(r -> Matcher.quoteReplacement(r.group(1) + r.group(2) + MASK));
    return redactDotenvSections(out);
  }

  /** Masks every value in the hunks of {@code .env}-like files of a diff section. */
  private static String redactDotenvSections(String text) {
    StringBuilder out = new StringBuilder();
    boolean inEnv = false;
    for (String line : text.split("\n", -1)) {
      if (line.startsWith("--- ")) {
        String path = line.substring(4);
        String name = path.substring(path.lastIndexOf('/') + 1);
        inEnv = name.equals(".env") || name.startsWith(".env.") || name.endsWith(".env");
      }
      if (inEnv && !line.startsWith("--- ") && !line.startsWith("@@")) {
        Matcher m = DOTENV_LINE.matcher(line);
        if (m.matches()) {
          line = m.group(1) + MASK;
        }
      }
      out.append(line).append('\n');
    }
    return out.substring(0, out.length() - 1);
  }
}
