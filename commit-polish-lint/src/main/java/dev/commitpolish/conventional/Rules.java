package dev.commitpolish.conventional;

import static dev.commitpolish.conventional.JsText.NWS;
import static dev.commitpolish.conventional.JsText.truthy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Ports of the rules in {@code @commitlint/rules} 21.2.4 (with {@code @commitlint/ensure}). Each
 * rule returns whether it holds and commitlint's message for the failure.
 */
final class Rules {

  private Rules() {}

  /** A rule's verdict. */
  record Outcome(boolean valid, String message) {
    static final Outcome PASS = new Outcome(true, "");
  }

  @FunctionalInterface
  interface Rule {
    Outcome apply(ParsedCommit c, String when, Object value);
  }

  // ensure/max-line-length: "overly lenient" URL exemption; JS \b is an ASCII word boundary.
  private static final Pattern URL = Pattern.compile("(?<![A-Za-z0-9_])https?://" + NWS + "+");
  private static final Pattern BANG_HEADER =
      Pattern.compile("^(\\w*)(?:\\(" + JsText.DOT + "*\\))?!: " + JsText.DOT + "*\\z");
  private static final Pattern BREAKING_FOOTER =
      Pattern.compile(JsText.ML_START + "BREAKING[ -]CHANGE:");
  private static final Pattern CHERRY_PICK =
      Pattern.compile(
          "^\\(cherry picked from commit [0-9a-f]{7,64}\\)\\z", Pattern.CASE_INSENSITIVE);
  private static final Pattern TRAILER = Pattern.compile("^([A-Za-z0-9-]+)[ \\t]*:[ \\t]*(.*)$");

  static final Map<String, Rule> ALL = new LinkedHashMap<>();

  static {
    ALL.put("body-case", (c, w, v) -> caseRule("body", c.body(), w, v, false));
    ALL.put("body-empty", (c, w, v) -> emptyRule("body", c.body(), w, false));
    ALL.put("body-full-stop", (c, w, v) -> bodyFullStop(c, w, v));
    ALL.put("body-leading-blank", Rules::bodyLeadingBlank);
    ALL.put("body-max-length", (c, w, v) -> max("body", c.body(), v));
    ALL.put("body-max-line-length", (c, w, v) -> maxLine("body's lines", c.body(), v));
    ALL.put("body-min-length", (c, w, v) -> min("body", c.body(), v));
    ALL.put("breaking-change-exclamation-mark", Rules::breakingChangeExclamationMark);
    ALL.put("footer-empty", (c, w, v) -> emptyRule("footer", c.footer(), w, false));
    ALL.put("footer-leading-blank", Rules::footerLeadingBlank);
    ALL.put("footer-max-length", (c, w, v) -> max("footer", c.footer(), v));
    ALL.put("footer-max-line-length", (c, w, v) -> maxLine("footer's lines", c.footer(), v));
    ALL.put("footer-min-length", (c, w, v) -> min("footer", c.footer(), v));
    ALL.put("header-case", Rules::headerCase);
    ALL.put("header-full-stop", Rules::headerFullStop);
    ALL.put("header-max-length", Rules::headerMaxLength);
    ALL.put("header-min-length", Rules::headerMinLength);
    ALL.put("header-trim", Rules::headerTrim);
    ALL.put("references-empty", Rules::referencesEmpty);
    ALL.put("scope-case", Rules::scopeCase);
    ALL.put("scope-delimiter-style", Rules::scopeDelimiterStyle);
    ALL.put(
        "scope-empty", (c, w, v) -> emptyRule("scope", c.scope(), w == null ? "never" : w, true));
    ALL.put("scope-enum", Rules::scopeEnum);
    ALL.put("scope-max-length", (c, w, v) -> max("scope", c.scope(), v));
    ALL.put("scope-min-length", (c, w, v) -> min("scope", c.scope(), v));
    ALL.put("signed-off-by", Rules::signedOffBy);
    ALL.put("subject-case", (c, w, v) -> subjectCase(c, w, v));
    ALL.put("subject-empty", (c, w, v) -> emptyRule("subject", c.subject(), w, false));
    ALL.put("subject-exclamation-mark", Rules::subjectExclamationMark);
    ALL.put("subject-full-stop", Rules::subjectFullStop);
    ALL.put("subject-max-length", (c, w, v) -> max("subject", c.subject(), v));
    ALL.put("subject-min-length", (c, w, v) -> min("subject", c.subject(), v));
    ALL.put("trailer-exists", Rules::trailerExists);
    ALL.put("type-case", (c, w, v) -> caseRule("type", c.type(), w, v, false));
    ALL.put("type-empty", (c, w, v) -> emptyRule("type", c.type(), w, false));
    ALL.put("type-enum", Rules::typeEnum);
    ALL.put("type-max-length", (c, w, v) -> max("type", c.type(), v));
    ALL.put("type-min-length", (c, w, v) -> min("type", c.type(), v));
  }

  /** {@code @commitlint/message}: drop falsy parts, join with spaces. */
  static String message(String... parts) {
    return Arrays.stream(parts).filter(JsText::truthy).collect(Collectors.joining(" "));
  }

  private static boolean negated(String when) {
    return "never".equals(when);
  }

  // ---- ensure -------------------------------------------------------------------------------

  static boolean maxLength(String value, int max) {
    return value != null && value.length() <= max;
  }

  static boolean minLength(String value, int min) {
    return value != null && value.length() >= min;
  }

  static boolean maxLineLength(String value, int max) {
    if (value == null) {
      return false;
    }
    if (value.length() <= max) {
      return true; // no line can be longer than the whole text
    }
    for (String line : JsText.splitLines(value)) {
      // the length first: the URL search is only needed for a line that is too long
      if (line.length() > max && !URL.matcher(line).find()) {
        return false;
      }
    }
    return true;
  }

  static boolean ensureEnum(Object value, Object enums) {
    return value != null && enums instanceof List<?> l && l.contains(value);
  }

  private static int number(Object v) {
    if (v == null) {
      return 0;
    }
    if (v instanceof Number n) {
      return n.intValue();
    }
    try {
      return Integer.parseInt(String.valueOf(v).trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected a number as rule value, got " + v, e);
    }
  }

  private static String valueString(Object v) {
    if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      return Long.toString(n.longValue());
    }
    return String.valueOf(v);
  }

  // ---- generic shapes -----------------------------------------------------------------------

  private static Outcome max(String what, String input, Object v) {
    if (!truthy(input)) {
      return Outcome.PASS;
    }
    return new Outcome(
        maxLength(input, number(v)),
        what + " must not be longer than " + valueString(v == null ? 0 : v) + " characters");
  }

  private static Outcome min(String what, String input, Object v) {
    if (!truthy(input)) {
      return Outcome.PASS;
    }
    return new Outcome(
        minLength(input, number(v)),
        what + " must not be shorter than " + valueString(v == null ? 0 : v) + " characters");
  }

  private static Outcome maxLine(String what, String input, Object v) {
    if (!truthy(input)) {
      return Outcome.PASS;
    }
    if (maxLineLength(input, number(v))) {
      return Outcome.PASS;
    }
    return new Outcome(
        false, what + " must not be longer than " + valueString(v == null ? 0 : v) + " characters");
  }

  /**
   * type/subject/body-empty (default "always") and scope-empty (default "never", with its own
   * negation: "always" means must be empty).
   */
  private static Outcome emptyRule(String what, String input, String when, boolean scopeStyle) {
    boolean notEmpty = truthy(input);
    if (scopeStyle) {
      boolean neg = "always".equals(when);
      return new Outcome(
          neg ? !notEmpty : notEmpty, message(what, neg ? "must" : "may not", "be empty"));
    }
    boolean neg = negated(when);
    return new Outcome(
        neg ? notEmpty : !notEmpty, message(what, neg ? "may not" : "must", "be empty"));
  }

  private record CaseCheck(String when, String target) {}

  private static List<CaseCheck> caseChecks(Object value) {
    List<Object> raw =
        value instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>(Arrays.asList(value));
    List<CaseCheck> out = new ArrayList<>();
    for (Object o : raw) {
      if (o instanceof Map<?, ?> m) {
        Object w = m.get("when");
        out.add(new CaseCheck(w == null ? null : String.valueOf(w), String.valueOf(m.get("case"))));
      } else {
        out.add(new CaseCheck("always", String.valueOf(o)));
      }
    }
    return out;
  }

  private static Outcome caseVerdict(
      String what,
      String when,
      List<CaseCheck> checks,
      java.util.function.Predicate<CaseCheck> holds) {
    List<CaseCheck> matches = new ArrayList<>();
    for (CaseCheck check : checks) {
      boolean r = holds.test(check);
      if (negated(check.when()) ? !r : r) {
        matches.add(check);
      }
    }
    boolean result = !matches.isEmpty();
    List<CaseCheck> reported = negated(when) && result ? matches : checks;
    String list = reported.stream().map(CaseCheck::target).collect(Collectors.joining(", "));
    return new Outcome(
        negated(when) ? !result : result,
        message(what + " must", negated(when) ? "not" : null, "be " + list));
  }

  private static Outcome caseRule(
      String what, String input, String when, Object value, boolean unused) {
    if (!truthy(input)) {
      return Outcome.PASS;
    }
    return caseVerdict(
        what,
        when,
        caseChecks(value == null ? List.of() : value),
        ch -> CaseTransform.ensureCase(input, ch.target()));
  }

  // ---- individual rules ---------------------------------------------------------------------

  private static Outcome bodyFullStop(ParsedCommit c, String when, Object value) {
    String input = c.body();
    if (!truthy(input)) {
      return Outcome.PASS;
    }
    String stop = value == null ? "." : String.valueOf(value);
    boolean hasStop = String.valueOf(input.charAt(input.length() - 1)).equals(stop);
    boolean neg = negated(when);
    return new Outcome(
        neg ? !hasStop : hasStop, message("body", neg ? "may not" : "must", "end with full stop"));
  }

  private static Outcome bodyLeadingBlank(ParsedCommit c, String when, Object value) {
    if (!truthy(c.body())) {
      return Outcome.PASS;
    }
    boolean neg = negated(when);
    List<String> lines = JsText.splitLines(c.raw());
    String leading = lines.size() > 1 ? lines.get(1) : null;
    boolean ok = "".equals(leading);
    return new Outcome(
        neg ? !ok : ok, message("body", neg ? "may not" : "must", "have leading blank line"));
  }

  private static Outcome footerLeadingBlank(ParsedCommit c, String when, Object value) {
    if (!truthy(c.footer())) {
      return Outcome.PASS;
    }
    boolean neg = negated(when);
    List<String> raw = JsText.splitLines(c.raw());
    List<String> footerLines = JsText.splitLines(c.footer());
    int offset = raw.indexOf(footerLines.get(0));
    // rawLines.slice(offset - 1)[0]: slice(-2) when not found takes the second-to-last line.
    int from = offset - 1;
    if (from < 0) {
      from = Math.max(raw.size() + from, 0);
    }
    String leading = from < raw.size() ? raw.get(from) : null;
    boolean ok = "".equals(leading);
    return new Outcome(
        neg ? !ok : ok, message("footer", neg ? "may not" : "must", "have leading blank line"));
  }

  private static Outcome breakingChangeExclamationMark(ParsedCommit c, String when, Object value) {
    if (!truthy(c.header()) && !truthy(c.footer())) {
      return Outcome.PASS;
    }
    boolean bang = truthy(c.header()) && BANG_HEADER.matcher(c.header()).find();
    boolean footer = truthy(c.footer()) && BREAKING_FOOTER.matcher(c.footer()).find();
    boolean neg = negated(when == null ? "always" : when);
    boolean check = bang == footer;
    return new Outcome(
        neg ? !check : check,
        message(
            "breaking changes",
            neg ? "must not" : "must",
            "have both an exclamation mark in the header",
            "and BREAKING CHANGE in the footer",
            "to identify a breaking change"));
  }

  private static final Pattern HEADER_CASE_START =
      Pattern.compile("^[a-z]", Pattern.CASE_INSENSITIVE);

  private static Outcome headerCase(ParsedCommit c, String when, Object value) {
    String header = c.header();
    if (header == null || !HEADER_CASE_START.matcher(header).find()) {
      return Outcome.PASS;
    }
    return caseVerdict(
        "header",
        when,
        caseChecks(value == null ? List.of() : value),
        ch -> CaseTransform.ensureCase(header, ch.target()));
  }

  private static Outcome headerFullStop(ParsedCommit c, String when, Object value) {
    String header = c.header();
    String stop = value == null ? "." : String.valueOf(value);
    boolean hasStop =
        header != null
            && !header.isEmpty()
            && String.valueOf(header.charAt(header.length() - 1)).equals(stop);
    boolean neg = negated(when);
    return new Outcome(
        neg ? !hasStop : hasStop,
        message("header", neg ? "may not" : "must", "end with full stop"));
  }

  private static String jsLength(String s) {
    return s == null ? "undefined" : Integer.toString(s.length());
  }

  private static Outcome headerMaxLength(ParsedCommit c, String when, Object value) {
    return new Outcome(
        maxLength(c.header(), number(value)),
        "header must not be longer than "
            + valueString(value == null ? 0 : value)
            + " characters, current length is "
            + jsLength(c.header()));
  }

  private static Outcome headerMinLength(ParsedCommit c, String when, Object value) {
    return new Outcome(
        minLength(c.header(), number(value)),
        "header must not be shorter than "
            + valueString(value == null ? 0 : value)
            + " characters, current length is "
            + jsLength(c.header()));
  }

  private static Outcome headerTrim(ParsedCommit c, String when, Object value) {
    String header = c.header();
    if (!truthy(header)) {
      return Outcome.PASS;
    }
    boolean start = header.length() > JsText.trimStart(header).length();
    boolean end = header.length() > JsText.trimEnd(header).length();
    if (start && end) {
      return new Outcome(false, message("header", "must not be surrounded by whitespace"));
    }
    if (start) {
      return new Outcome(false, message("header", "must not start with whitespace"));
    }
    if (end) {
      return new Outcome(false, message("header", "must not end with whitespace"));
    }
    return Outcome.PASS;
  }

  private static Outcome referencesEmpty(ParsedCommit c, String when, Object value) {
    boolean neg = "always".equals(when);
    boolean notEmpty = !c.references().isEmpty();
    return new Outcome(
        neg ? !notEmpty : notEmpty, message("references", neg ? "must" : "may not", "be empty"));
  }

  private static Pattern delimiterRegex(List<String> delimiters) {
    String joined =
        delimiters.stream()
            .map(d -> d.equals(",") ? ", ?" : Pattern.quote(d))
            .collect(Collectors.joining("|"));
    return Pattern.compile(joined);
  }

  private static List<String> jsSplit(String s, Pattern p) {
    return Arrays.asList(p.split(s, -1));
  }

  private static Outcome scopeCase(ParsedCommit c, String when, Object value) {
    String scope = c.scope();
    if (!truthy(scope)) {
      return Outcome.PASS;
    }
    boolean objectConfig = value instanceof Map<?, ?>;
    Object cases = objectConfig ? ((Map<?, ?>) value).get("cases") : value;
    List<String> delimiters = List.of("/", "\\", ",");
    if (objectConfig
        && ((Map<?, ?>) value).get("delimiters") instanceof List<?> d
        && !d.isEmpty()) {
      delimiters = d.stream().map(String::valueOf).toList();
    }
    Pattern delim = delimiterRegex(delimiters);
    List<String> segments = jsSplit(scope, delim);
    return caseVerdict(
        "scope",
        when,
        caseChecks(cases == null ? List.of() : cases),
        ch ->
            segments.stream()
                .allMatch(
                    seg ->
                        delim.matcher(seg).find() || CaseTransform.ensureCase(seg, ch.target())));
  }

  private static final Pattern NON_SCOPE_CHARS = Pattern.compile("[^A-Za-z0-9-_]+");

  private static Outcome scopeDelimiterStyle(ParsedCommit c, String when, Object value) {
    String scope = c.scope();
    if (!truthy(scope)) {
      return Outcome.PASS;
    }
    List<String> delimiters =
        value instanceof List<?> l && !l.isEmpty()
            ? l.stream().map(String::valueOf).toList()
            : List.of("/", "\\", ",");
    Set<String> found = new java.util.LinkedHashSet<>();
    Matcher m = NON_SCOPE_CHARS.matcher(scope);
    while (m.find()) {
      String d = m.group();
      found.add(JsText.trim(d).equals(",") ? "," : d);
    }
    boolean all = found.stream().allMatch(delimiters::contains);
    boolean never = "never".equals(when);
    return new Outcome(
        never ? !all : all,
        message(
            "scope delimiters must "
                + (never ? "not " : "")
                + "be one of ["
                + String.join(", ", delimiters)
                + "]"));
  }

  private static Outcome scopeEnum(ParsedCommit c, String when, Object value) {
    String scope = c.scope();
    List<?> scopes;
    List<String> delimiters = List.of("/", "\\", ",");
    if (value instanceof Map<?, ?> m) {
      scopes = m.get("scopes") instanceof List<?> l ? l : List.of();
      if (m.get("delimiters") instanceof List<?> d && !d.isEmpty()) {
        delimiters = d.stream().map(String::valueOf).toList();
      }
    } else {
      scopes = value instanceof List<?> l ? l : List.of();
    }
    if (!truthy(scope) || scopes.isEmpty()) {
      return Outcome.PASS;
    }
    List<String> parts = jsSplit(scope, delimiterRegex(delimiters));
    String list = scopes.stream().map(String::valueOf).collect(Collectors.joining(", "));
    boolean valid;
    String msg;
    if ("never".equals(when)) {
      valid = parts.stream().noneMatch(scopes::contains) && !scopes.contains(scope);
      msg = message("scope must", "not", "be one of [" + list + "]");
    } else {
      valid = parts.stream().allMatch(scopes::contains) || scopes.contains(scope);
      msg = message("scope must", "be one of [" + list + "]");
    }
    return new Outcome(valid, msg);
  }

  private static Outcome signedOffBy(ParsedCommit c, String when, Object value) {
    String prefix = value == null ? "" : String.valueOf(value);
    List<String> lines = new ArrayList<>();
    for (String ln : JsText.splitLines(c.raw() == null ? "" : c.raw())) {
      if (!ln.startsWith("#") && !CHERRY_PICK.matcher(JsText.trim(ln)).find() && !ln.isEmpty()) {
        lines.add(ln);
      }
    }
    String last = lines.isEmpty() ? null : lines.get(lines.size() - 1);
    boolean neg = negated(when);
    boolean has = last != null && last.startsWith(prefix);
    return new Outcome(
        neg ? !has : has, message("message", neg ? "must not" : "must", "be signed off"));
  }

  private static Outcome subjectCase(ParsedCommit c, String when, Object value) {
    String subject = c.subject();
    if (subject == null || subject.isEmpty() || !CaseTransform.startsWithCasedLetter(subject)) {
      return Outcome.PASS;
    }
    return caseVerdict(
        "subject",
        when,
        caseChecks(value == null ? List.of() : value),
        ch -> CaseTransform.ensureCase(subject, ch.target()));
  }

  private static Outcome subjectExclamationMark(ParsedCommit c, String when, Object value) {
    String input = c.header();
    if (!truthy(input)) {
      return Outcome.PASS;
    }
    boolean neg = negated(when);
    boolean bang = BANG_HEADER.matcher(input).find();
    return new Outcome(
        neg ? !bang : bang,
        message(
            "subject",
            neg ? "must not" : "must",
            "have an exclamation mark in the subject to identify a breaking change"));
  }

  private static Outcome subjectFullStop(ParsedCommit c, String when, Object value) {
    String header = c.header();
    int colon = header == null ? 0 : header.indexOf(':');
    if (colon > 0 && colon == header.length() - 1) {
      return Outcome.PASS;
    }
    String stop = value == null ? "." : String.valueOf(value);
    boolean hasStop =
        header != null
            && !header.isEmpty()
            && String.valueOf(header.charAt(header.length() - 1)).equals(stop);
    if (header != null && header.endsWith("...")) {
      hasStop = false;
    }
    boolean neg = negated(when);
    return new Outcome(
        neg ? !hasStop : hasStop,
        message("subject", neg ? "may not" : "must", "end with full stop"));
  }

  /**
   * commitlint runs {@code git interpret-trailers --parse}; this module has no git, so trailers are
   * read from the last paragraph of the message (lines shaped {@code Key: value}).
   */
  private static Outcome trailerExists(ParsedCommit c, String when, Object value) {
    String prefix = value == null ? "" : String.valueOf(value);
    List<String> lines = JsText.splitLines(JsText.trimEnd(c.raw() == null ? "" : c.raw()));
    int start = lines.size();
    while (start > 0 && !lines.get(start - 1).isBlank()) {
      start--;
    }
    long matches = 0;
    if (start > 0) {
      for (String line : lines.subList(start, lines.size())) {
        Matcher m = TRAILER.matcher(line);
        if (m.find() && (m.group(1) + ": " + m.group(2)).startsWith(prefix)) {
          matches++;
        }
      }
    }
    boolean neg = negated(when);
    boolean has = matches > 0;
    return new Outcome(
        neg ? !has : has,
        message("message", neg ? "must not" : "must", "have `" + prefix + "` trailer"));
  }

  private static Outcome typeEnum(ParsedCommit c, String when, Object value) {
    String type = c.type();
    if (!truthy(type)) {
      return Outcome.PASS;
    }
    boolean neg = negated(when);
    List<?> values = value instanceof List<?> l ? l : List.of();
    boolean result = ensureEnum(type, values);
    String list = values.stream().map(Rules::valueString).collect(Collectors.joining(", "));
    return new Outcome(
        neg ? !result : result,
        message("type must", neg ? "not" : null, "be one of [" + list + "]"));
  }
}
