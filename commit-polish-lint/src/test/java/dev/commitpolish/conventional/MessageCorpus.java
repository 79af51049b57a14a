package dev.commitpolish.conventional;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Commit messages for the differential test: the reference's observed verdict table plus a seeded
 * generator that combines header, body, footer and comment variants so that every rule, ignore
 * matcher and parser edge is hit many times.
 */
final class MessageCorpus {

  private MessageCorpus() {}

  static String repeat(char c, int n) {
    return String.valueOf(c).repeat(n);
  }

  /** The hand-written cases (git-hooks-and-commitlint.md §4.4–§4.6 and more). */
  static List<String> handWritten() {
    String h100 = "feat: " + repeat('a', 94);
    String h101 = "feat: " + repeat('a', 95);
    List<String> m =
        new ArrayList<>(
            List.of(
                "feat: add x",
                "feat(scope): add x",
                "feat(scope)!: add x",
                "feat!: add x",
                "feat(): empty scope",
                "feat(a,b): multi scope",
                "feat(scope with space): x",
                "feat(a)(b): x",
                "feat:  two spaces",
                "feat: add X",
                "feat: `Foo` bar",
                "feat: \"Foo\" bar",
                "feat: 'Foo' bar",
                "feat: ärger",
                "feat: 日本語",
                "feat: 1st Thing",
                "feat: add x...",
                "feat: add x!",
                "feat: add x。",
                "\n\nfeat: x",
                h100,
                "feat: x\n\nBREAKING CHANGE: y",
                "feat: x\n\nBREAKING-CHANGE: y",
                "feat: x\n\nbreaking change: y",
                "feat: x\n\nBREAKING CHANGE:y",
                "feat: x\n\nbody\n\nCloses #1",
                "feat: x\n\nbody\n\nSigned-off-by: A <a@b.c>",
                "feat: x\r\n\r\nbody",
                "feat: x\n\n" + "see https://example.com/" + repeat('p', 120),
                "feat!(scope): x",
                "feat (scope): x",
                "feat(scope) : x",
                "feat:no space",
                "feat-x: y",
                "feat:",
                "Initial commit",
                "WIP",
                "feat2: y",
                "feat_x: y",
                "Feat: x",
                "FEAT: x",
                "feat: Add x",
                "feat: API change",
                "feat: Ärger",
                "feat: add x.",
                "feat: x ",
                "feat: x\t",
                "feat: ",
                " feat: x",
                " fixup! feat: x",
                h101,
                "feat: x\n\n" + repeat('b', 101),
                "feat: x\n\nRefs: " + repeat('r', 100),
                "feat: x\nbody",
                "feat: x\r\nbody",
                "feat: x\n \nbody",
                "feat: x\n\nbody\nCloses #1",
                "feat: x\n\nbody\nSigned-off-by: A",
                "Merge branch 'main' into dev",
                "Merge pull request #12 from a/b",
                "Merge tag 'v1.0'",
                "Merge remote-tracking branch 'origin/main'",
                "Merge something else",
                "Merged PR 12: thing",
                "Merged in feature (pull request #3)",
                "Automatic merge from x",
                "Auto-merged a into b",
                "Revert \"feat: x\"\n\nThis reverts commit abcdef1.",
                "revert: feat: x",
                "revert foo",
                "Reapply \"feat: x\"",
                "fixup! feat: x",
                "fixup!x",
                "squash! feat: x",
                "amend! feat: x",
                "1.2.3",
                "v1.2.3",
                "=1.2.3",
                "1.2.3-beta.1",
                "chore(release): 1.2.3",
                "chore(deps): 1.2.3",
                "chore: 1.2.3 [skip ci]",
                "chore: 1.2.3 (skip ci)",
                "chore: v1.2.3-rc.1+build.5",
                "fix: Bad Subject.\n\nMerge branch 'foo'",
                "# c\nMerge branch 'x'",
                "feat: x\n\nIssue #5 was bad\nmore",
                "feat: x\n\nNote: this matters\nmore body",
                "feat: x\n\n  Key: v\nbody",
                "feat: x\n\n* BREAKING CHANGE: y\nmore text\nRefs: #1",
                "feat: x\n\nBREAKING CHANGE: y\n\nmore\nCloses #3",
                "feat: x\n\n\n\nCloses #1",
                "feat: x\ngpg: Signature made\n\nbody",
                "gpg: Signature made\nfeat: x",
                "feat: ĸ thing",
                "feat: 𐐨 thing",
                "feat: ǅx thing",
                "feat: iOS support",
                "feat: eBay thing",
                "feat: _Foo",
                "feat: (Foo) bar",
                "WIP.",
                "feat(a)!: x\n\nBREAKING CHANGE: explained",
                "feat: x\n\nbody\n\nBREAKING CHANGE: " + repeat('z', 100),
                "fix(ü): unicode scope",
                "fix(a/b): slash scope",
                "fix: x\u2028y",
                "fix: x\u00a0",
                "\u00a0fix: x",
                "fix: x\n\n\u00a0\nbody",
                "fix: x\n# comment\n\nbody",
                "feat: µ",
                "feat: µ thing",
                "feat: Σ",
                "feat: a",
                "fix: a.b.c",
                "fix: x\n\nbody\n# comment\nCloses #1"));
    return m;
  }

  private static final String[] TYPES = {
    "feat", "fix", "docs", "chore", "refactor", "perf", "test", "build", "ci", "style", "revert",
    "Feat", "FIX", "feature", "wip", "feat2", "feat_x", "", "fEat", "a", "x-y", "fix!"
  };
  private static final String[] SCOPES = {
    "",
    "",
    "",
    "(api)",
    "(core/lint)",
    "()",
    "(a b)",
    "(a)(b)",
    "(a,b)",
    "(API)",
    "(ü)",
    "(",
    "( x )",
    "(x))"
  };
  private static final String[] SEPS = {": ", ": ", ": ", ":", " : ", ":  ", ":\t", "! : ", "!: "};
  private static final String[] SUBJECTS = {
    "add the thing",
    "Add the thing",
    "ADD THE THING",
    "add the thing.",
    "add the thing...",
    "add the thing!",
    "`Foo` is quoted",
    "\"Quoted\" start",
    "'single' quote",
    "ärger mit Umlaut",
    "Ärger mit Umlaut",
    "日本語のテキスト",
    "1st thing",
    "123 numbers",
    "iOS support",
    "Ĳssel",
    "ǅungla",
    "𐐨 astral",
    "𐐀 astral upper",
    "ß thing",
    "ĸ kra",
    "add trailing space ",
    "add trailing tab\t",
    "",
    " leading space",
    "Start Case Words",
    "camelCaseThing",
    "PascalCase",
    "snake_case_words",
    "kebab-case-words",
    "x",
    "ends with colon:",
    "emoji 🎉 party",
    "ends with ideographic stop。",
  };
  private static final String[] BODY_LINES = {
    "a plain body line",
    "Another line with Capitals.",
    "see https://example.com/path/" + repeat('u', 110),
    "visit http://x.y " + repeat('w', 110),
    "Issue #5 was bad",
    "Note: this matters",
    "  Key: indented value",
    "# a comment line",
    "#no space comment",
    "; semicolon comment",
    "gpg: Signature made today",
    "   ",
    "",
    "Closes #12",
    "fix: looks like a header",
    "Merge branch 'x'",
    "Merge tag 'y'",
    "BREAKING CHANGE: breaks",
    "* BREAKING-CHANGE: bullet",
    "breaking change:lower",
    "Signed-off-by: A <a@b.c>",
    "Refs #3",
    "Co-authored-by: B <b@c.d>",
    "a\tline with tab",
    "ünïcödé line",
    "😀 emoji line 𐐨",
  };
  private static final String[] FOOTERS = {
    "BREAKING CHANGE: the api changed",
    "BREAKING-CHANGE: the api changed",
    "breaking change: lower case",
    "Closes #1",
    "Refs: #2, #3",
    "Signed-off-by: A U Thor <a@u.thor>",
    "Reviewed-by: Z",
    "Fixes #4\nCloses #5",
    "BREAKING CHANGE: multi\nline note\nCloses #6",
    "Acked-by: x",
    "Closes: #7 " + repeat('q', 95),
  };

  /** {@code n} generated messages, deterministic for a seed. */
  static List<String> generated(long seed, int n) {
    Random r = new Random(seed);
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(one(r));
    }
    return out;
  }

  private static <T> T pick(Random r, T[] a) {
    return a[r.nextInt(a.length)];
  }

  private static String one(Random r) {
    StringBuilder sb = new StringBuilder();
    int lead = r.nextInt(20);
    if (lead == 0) {
      sb.append("\n\n");
    } else if (lead == 1) {
      sb.append(' ');
    } else if (lead == 2) {
      sb.append("# leading comment\n");
    } else if (lead == 3) {
      sb.append("\r\n");
    }
    String header;
    int shape = r.nextInt(30);
    if (shape == 0) {
      header =
          pick(
              r,
              new String[] {
                "Merge branch 'feature/x'",
                "Merge pull request #9 from o/r",
                "Revert \"feat: thing\"",
                "revert: thing",
                "fixup! fix: x",
                "squash!thing",
                "1.4.0",
                "chore(release): v2.0.0",
                "chore: 3.1.4 [skip ci]",
                "Initial commit",
                "Update README.md",
                "WIP",
                "Merged PR 4: x",
                "Automatic merge",
                "Auto-merged x into y",
                "Merge remote-tracking branch 'o/m'",
                "Reapply \"x\"",
                "Merge tag 'v1'",
              });
    } else {
      String type = pick(r, TYPES);
      String scope = pick(r, SCOPES);
      String sep = pick(r, SEPS);
      String bang = r.nextInt(6) == 0 ? "!" : "";
      String subject = pick(r, SUBJECTS);
      header = type + scope + bang + sep + subject;
      int pad = r.nextInt(8);
      if (pad == 0) {
        // around the 100 limit, in UTF-16 units (astral chars count twice)
        int target = 96 + r.nextInt(9);
        String filler = r.nextBoolean() ? "a" : (r.nextBoolean() ? "é" : "𐐨");
        while (header.length() < target) {
          header += header.length() % 7 == 0 ? " " : filler;
        }
      }
    }
    sb.append(header);
    int bodyShape = r.nextInt(6);
    if (bodyShape > 0) {
      String sep = r.nextInt(5) == 0 ? "\n" : (r.nextInt(8) == 0 ? "\n \n" : "\n\n");
      if (r.nextInt(10) == 0) {
        sep = sep.replace("\n", "\r\n");
      }
      sb.append(sep);
      int lines = 1 + r.nextInt(4);
      for (int i = 0; i < lines; i++) {
        if (i > 0) {
          sb.append(r.nextInt(4) == 0 ? "\n\n" : "\n");
        }
        String line = pick(r, BODY_LINES);
        if (r.nextInt(6) == 0) {
          int target = 98 + r.nextInt(5);
          StringBuilder l = new StringBuilder(line);
          while (l.length() < target) {
            l.append(r.nextInt(10) == 0 ? ' ' : 'l');
          }
          line = l.toString();
        }
        sb.append(line);
      }
    }
    if (r.nextInt(3) == 0) {
      sb.append(r.nextInt(5) == 0 ? "\n" : "\n\n");
      sb.append(pick(r, FOOTERS));
      if (r.nextInt(4) == 0) {
        sb.append('\n').append(pick(r, FOOTERS));
      }
    }
    int tail = r.nextInt(12);
    if (tail == 0) {
      sb.append("\n# Please enter the commit message for your changes.\n#\n# On branch main\n");
    } else if (tail == 1) {
      sb.append(
          "\n# ------------------------ >8 ------------------------\n"
              + "# Do not modify or remove the line above.\n"
              + "diff --git a/x b/x\n+"
              + repeat('d', 120)
              + "\n");
    } else if (tail == 2) {
      sb.append("\n");
    } else if (tail == 3) {
      sb.append("\n\n\n");
    } else if (tail == 4) {
      sb.append(" \n");
    }
    return sb.toString();
  }

  private static final String[] FUZZ_TOKENS = {
    "feat",
    "fix",
    "Feat",
    "chore",
    "revert",
    "(",
    ")",
    "(api)",
    "!",
    ":",
    ": ",
    " ",
    "  ",
    "\t",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "a",
    "A",
    "é",
    "É",
    "ß",
    "ĸ",
    "𐐨",
    "😀",
    "日",
    "-",
    "_",
    ".",
    "...",
    "`x`",
    "'q'",
    "\"Q\"",
    "BREAKING CHANGE",
    "BREAKING-CHANGE",
    "breaking change",
    "* ",
    "Closes #1",
    "#",
    "# ",
    "#12",
    "Refs:",
    "Signed-off-by: A",
    "https://e.x/y",
    "http://",
    "1.2.3",
    "v1.2.3",
    "chore(release): ",
    "[skip ci]",
    "Merge branch ",
    "Merge ",
    " into ",
    "Revert ",
    "revert ",
    "fixup!",
    "squash! ",
    "Merged PR 1: ",
    "Auto-merged ",
    "Automatic merge",
    "gpg: x",
    "# ------------------------ >8 ------------------------",
    "\u00a0",
    "\u2028",
    "\u000B",
    "\uFEFF",
    "\u0085",
    "\u1680",
    "ǅ",
    "Ǆ",
    "ͅ",
    "ͅx",
    "Note: ",
    "Issue #5",
    "  Key: v",
    "word",
    "Word",
    "WORD",
    "0",
    "9th",
    "x".repeat(50)
  };

  /** Random concatenations of parser-relevant tokens: breaks assumptions the generator makes. */
  static List<String> fuzzed(long seed, int n) {
    Random r = new Random(seed);
    List<String> out = new ArrayList<>(n);
    while (out.size() < n) {
      StringBuilder sb = new StringBuilder();
      if (r.nextInt(3) > 0) {
        sb.append(pick(r, TYPES)).append(pick(r, SCOPES)).append(pick(r, SEPS));
      }
      int k = 1 + r.nextInt(14);
      for (int i = 0; i < k; i++) {
        sb.append(pick(r, FUZZ_TOKENS));
      }
      out.add(sb.toString());
    }
    return out;
  }
}
