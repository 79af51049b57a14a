package dev.commitpolish.dist;

import dev.commitpolish.cli.CommitPolishCommand;
import dev.commitpolish.cli.Env;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Build-time generator for the distribution's shell completions, man page and start-up key. It is
 * run by the build ({@code exec-maven-plugin}, package phase), never by the {@code commit-polish}
 * command itself, so it costs the CLI nothing at run time.
 *
 * <p>Everything is derived from the picocli command model of {@link CommitPolishCommand}, so the
 * completions and the man page cannot drift from the real options.
 *
 * <pre>
 * java -cp ... dev.commitpolish.dist.DocGen docs OUT_DIR
 * java -cp ... dev.commitpolish.dist.DocGen fingerprint OUT_FILE JAR...
 * </pre>
 */
public final class DocGen {

  static final String NAME = "commit-polish";

  private DocGen() {}

  /**
   * Command-line entry for the build.
   *
   * @param args {@code docs OUT_DIR} or {@code fingerprint OUT_FILE JAR...}
   */
  public static void main(String[] args) throws IOException {
    if (args.length >= 2 && args[0].equals("docs")) {
      writeDocs(Path.of(args[1]));
    } else if (args.length >= 3 && args[0].equals("fingerprint")) {
      List<Path> jars = new ArrayList<>();
      for (int i = 2; i < args.length; i++) {
        jars.add(Path.of(args[i]));
      }
      Files.writeString(Path.of(args[1]), fingerprint(jars) + "\n", StandardCharsets.UTF_8);
    } else {
      // No System.exit: the build runs this inside Maven's JVM (exec:java).
      throw new IllegalArgumentException(
          "usage: DocGen docs OUT_DIR | DocGen fingerprint OUT_FILE JAR_OR_DIR...");
    }
  }

  /** Writes bash/zsh completions and the man page (plain and gzipped) under {@code out}. */
  static void writeDocs(Path out) throws IOException {
    CommandLine cl = commandLine();
    write(out.resolve("bash-completion/completions/" + NAME), bashCompletion(cl));
    write(out.resolve("zsh/site-functions/_" + NAME), zshCompletion(cl));
    String man = manPage(cl, LocalDate.now(ZoneOffset.UTC));
    write(out.resolve("man/man1/" + NAME + ".1"), man);
    Path gz = out.resolve("man/man1/" + NAME + ".1.gz");
    try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
      o.write(man.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** The command model, with the real (never used) environment and discarded streams. */
  static CommandLine commandLine() {
    PrintStream sink =
        new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    CommandLine cl = new CommandLine(new CommitPolishCommand(Env.system(), sink, sink));
    cl.setColorScheme(Help.defaultColorScheme(Help.Ansi.OFF));
    return cl;
  }

  /** picocli's generated bash completion script (it also loads in zsh via bashcompinit). */
  static String bashCompletion(CommandLine cl) {
    return AutoComplete.bash(NAME, cl);
  }

  /**
   * A zsh completion function file for {@code fpath}: zsh autoloads {@code _commit-polish} on the
   * first completion, so the file defines the bash-style completion through bashcompinit and then
   * completes the current word once (later completions go through the registered function).
   */
  static String zshCompletion(CommandLine cl) {
    // picocli's script sets COMPLETE_ALIASES for zsh; set from inside a completion function (the
    // first completion, which autoloads this file) it makes zsh drop that completion's matches.
    // Aliases need no special handling for one command name, so leave the option alone.
    String bash =
        bashCompletion(cl)
            .replace("  setopt COMPLETE_ALIASES\n", "  : # COMPLETE_ALIASES left unset\n");
    String fn = "_complete_" + NAME;
    if (!bash.contains(fn + "()")) {
      throw new IllegalStateException("picocli completion script lacks function " + fn);
    }
    return "#compdef "
        + NAME
        + "\n"
        + "# Generated from the picocli command model; do not edit.\n"
        + "autoload -U +X bashcompinit && bashcompinit\n"
        + bash
        + "\n_bash_complete -o default -F "
        + fn
        + " \"$@\"\n";
  }

  /** The man page, in troff {@code man} macros, for the root command and every subcommand. */
  static String manPage(CommandLine cl, LocalDate date) {
    CommandSpec root = cl.getCommandSpec();
    String version = CommitPolishCommand.version();
    var t = new StringBuilder();
    t.append(".\\\" Generated from the picocli command model by DocGen; do not edit.\n");
    t.append(".TH COMMIT\\-POLISH 1 \"")
        .append(date)
        .append("\" \"commit-polish ")
        .append(esc(version))
        .append("\" \"User Commands\"\n");
    t.append(".SH NAME\n")
        .append(NAME)
        .append(" \\- ")
        .append(esc(firstLine(cl.getHelp().description())))
        .append('\n');
    t.append(".SH SYNOPSIS\n");
    synopsis(t, cl);
    t.append(".SH DESCRIPTION\n");
    paragraphs(t, cl.getHelp().description());
    t.append(
        ".PP\nEach command prints its results on standard output and progress and"
            + " diagnostics on standard error. Run \\fBcommit\\-polish\\fR \\fICOMMAND\\fR"
            + " \\fB\\-\\-help\\fR for the help of one command.\n");
    t.append(".SH OPTIONS\n");
    options(t, root);
    t.append(".SH COMMANDS\n");
    // getSubcommands() also maps aliases to the same CommandLine; list each command once.
    var seen = new java.util.LinkedHashSet<CommandLine>(cl.getSubcommands().values());
    for (CommandLine sub : seen) {
      CommandSpec spec = sub.getCommandSpec();
      if (spec.usageMessage().hidden()) {
        continue;
      }
      t.append(".SS \"").append(esc(spec.qualifiedName())).append("\"\n");
      synopsis(t, sub);
      paragraphs(t, sub.getHelp().description());
      positionals(t, spec);
      options(t, spec);
      String footer = Help.Ansi.OFF.string(sub.getHelp().footer()).strip();
      if (!footer.isEmpty()) {
        t.append(".PP\n.nf\n");
        for (String line : footer.split("\\R", -1)) {
          t.append(esc(line)).append('\n');
        }
        t.append(".fi\n");
      }
    }
    t.append(".SH EXIT STATUS\n");
    item(t, "\\fB0\\fR", "Success (the hook also exits 0 when it leaves the message unchanged).");
    item(t, "\\fB1\\fR", "Failure: the command could not do its job; standard error says why.");
    item(t, "\\fB2\\fR", "Usage error: unknown command or option, or a missing argument.");
    t.append(".SH ENVIRONMENT\n");
    item(t, "\\fBNO_COLOR\\fR", "When set, output never contains colour escape sequences.");
    item(
        t,
        "\\fBJAVA_HOME\\fR",
        "The Java runtime (17 or newer) the launcher uses; otherwise \\fBjava\\fR on \\fBPATH\\fR.");
    item(
        t,
        "\\fBCOMMIT_POLISH_JAVA_OPTS\\fR",
        "Extra JVM options added by the launcher (for example \\fB\\-Xmx512m\\fR).");
    item(
        t,
        "\\fBCOMMIT_POLISH_CDS\\fR",
        "Set to \\fB0\\fR to disable the launcher's class-data sharing archive.");
    item(
        t,
        "\\fBCOMMIT_POLISH_DAEMON\\fR",
        "Set to \\fB0\\fR to neither use nor start the resident worker (\\fBcommit\\-polish"
            + " daemon\\fR); \\fBgit config commit\\-polish.daemon false\\fR keeps the hook from"
            + " starting one.");
    item(
        t,
        "\\fBXDG_CACHE_HOME\\fR",
        "Where the launcher keeps its class-data sharing archives (default \\fB~/.cache\\fR).");
    item(
        t,
        "\\fBXDG_RUNTIME_DIR\\fR",
        "Where the resident worker keeps its state file and log (\\fIcommit\\-polish/\\fR"
            + " under it; else under \\fB$XDG_CACHE_HOME\\fR).");
    t.append(".SH FILES\n");
    item(
        t,
        "\\fI~/.config/commit\\-polish/config.toml\\fR",
        "User configuration (TOML); see \\fBcommit\\-polish config \\-\\-help\\fR.");
    item(
        t,
        "\\fI$XDG_CACHE_HOME/commit\\-polish/\\fR",
        "Start-up archives keyed by the jar checksum and the Java version; safe to delete.");
    t.append(".SH SEE ALSO\n\\fBgit\\fR(1), \\fBgithooks\\fR(5), \\fBgit\\-commit\\fR(1)\n");
    return t.toString();
  }

  private static void synopsis(StringBuilder t, CommandLine cl) {
    String syn = Help.Ansi.OFF.string(cl.getHelp().synopsis(0)).strip();
    t.append(".PP\n.nf\n");
    for (String line : syn.split("\\R")) {
      t.append(esc(line)).append('\n');
    }
    t.append(".fi\n");
  }

  private static void paragraphs(StringBuilder t, String text) {
    String plain = Help.Ansi.OFF.string(text).strip();
    if (plain.isEmpty()) {
      return;
    }
    for (String para : plain.split("\\R\\s*\\R")) {
      t.append(".PP\n").append(esc(para.strip().replaceAll("\\s*\\R\\s*", " "))).append('\n');
    }
  }

  private static void options(StringBuilder t, CommandSpec spec) {
    for (OptionSpec o : spec.options()) {
      // inherited options (--verbose, --quiet) are listed once, under the root command
      if (o.hidden() || o.inherited()) {
        continue;
      }
      var head = new StringBuilder();
      for (String n : o.names()) {
        if (head.length() > 0) {
          head.append(", ");
        }
        head.append("\\fB").append(esc(n)).append("\\fR");
      }
      if (o.arity().max() > 0 && !o.paramLabel().isEmpty()) {
        head.append(" \\fI").append(esc(o.paramLabel())).append("\\fR");
      }
      item(t, head.toString(), esc(description(o.description())));
    }
  }

  private static void positionals(StringBuilder t, CommandSpec spec) {
    for (PositionalParamSpec p : spec.positionalParameters()) {
      if (p.hidden()) {
        continue;
      }
      item(t, "\\fI" + esc(p.paramLabel()) + "\\fR", esc(description(p.description())));
    }
  }

  private static String description(String[] lines) {
    var sb = new StringBuilder();
    for (String l : lines) {
      String s = Help.Ansi.OFF.string(l.replace("%n", " ").replace("%%", "%")).strip();
      if (!s.isEmpty()) {
        if (sb.length() > 0) {
          sb.append(' ');
        }
        sb.append(s);
      }
    }
    return sb.toString();
  }

  private static void item(StringBuilder t, String head, String body) {
    t.append(".TP\n").append(head).append('\n').append(body).append('\n');
  }

  private static String firstLine(String text) {
    String plain = Help.Ansi.OFF.string(text).strip();
    int nl = plain.indexOf('\n');
    String first = nl < 0 ? plain : plain.substring(0, nl);
    return first.endsWith(".") ? first.substring(0, first.length() - 1) : first;
  }

  /** Escapes text for troff: backslashes, hyphens, and control characters at line starts. */
  static String esc(String s) {
    String e = s.replace("\\", "\\e").replace("-", "\\-");
    var out = new StringBuilder();
    for (String line : e.split("\n", -1)) {
      if (out.length() > 0) {
        out.append('\n');
      }
      if (line.startsWith(".") || line.startsWith("'")) {
        out.append("\\&");
      }
      out.append(line);
    }
    return out.toString();
  }

  /**
   * SHA-256 over the jars' bytes, in the given order; the launcher keys its class-data sharing
   * archive on it so a rebuilt jar never meets a stale archive.
   */
  static String fingerprint(List<Path> jars) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    List<Path> files = new ArrayList<>();
    for (Path p : jars) {
      if (Files.isDirectory(p)) {
        try (var s = Files.list(p)) {
          s.filter(f -> f.toString().endsWith(".jar")).sorted().forEach(files::add);
        }
      } else {
        files.add(p);
      }
    }
    byte[] buf = new byte[1 << 16];
    for (Path f : files) {
      md.update(f.getFileName().toString().getBytes(StandardCharsets.UTF_8));
      try (InputStream in = Files.newInputStream(f)) {
        for (int n; (n = in.read(buf)) > 0; ) {
          md.update(buf, 0, n);
        }
      }
    }
    return HexFormat.of().formatHex(md.digest()).substring(0, 16).toLowerCase(Locale.ROOT);
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
