package dev.commitpolish.server;

import dev.commitpolish.cli.CommitPolishCommand;
import dev.commitpolish.config.ConfigLoader;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code commit-polish setup}: install llamafile and a model, then point the config at them. */
@Command(
    name = "setup",
    mixinStandardHelpOptions = true,
    description = {
      "Download llamafile and a small instruct model, and write the config.",
      "Files land under $XDG_DATA_HOME/commit-polish/ (default ~/.local/share/commit-polish/);"
          + " downloads resume after an interruption and are verified with SHA-256. Only the"
          + " [llamafile] path and model_path lines of the user config are changed.",
      "Default model: "
          + "Llama 3.2 1B Instruct Q4_K_M (about 808 MB). Proxies come from"
          + " http_proxy / https_proxy / no_proxy."
    },
    footer = {
      "",
      "Examples:",
      "  commit-polish setup --start                 download everything and start the server",
      "  commit-polish setup --llamafile ~/bin/llamafile --model ~/models/qwen.gguf",
      "  commit-polish setup --model https://example.org/m.gguf --sha256 <64 hex digits>"
    })
public final class SetupCommand implements Callable<Integer> {

  @ParentCommand private CommitPolishCommand root;

  @Option(
      names = "--llamafile",
      paramLabel = "FILE|URL",
      description = "Use this llamafile executable (a file is used in place, a URL downloaded).")
  String llamafile;

  @Option(
      names = "--llamafile-sha256",
      paramLabel = "HEX",
      description = "Expected SHA-256 of a downloaded llamafile.")
  String llamafileSha256;

  @Option(
      names = "--model",
      paramLabel = "FILE|URL",
      description = "Use this GGUF model (a file is used in place, a URL downloaded).")
  String model;

  @Option(
      names = "--sha256",
      paramLabel = "HEX",
      description = "Expected SHA-256 of the model given with --model URL.")
  String sha256;

  @Option(names = "--start", description = "Start the server when setup is done.")
  boolean start;

  @Option(names = "--force", description = "Download again even if the files are present.")
  boolean force;

  @Override
  public Integer call() throws Exception {
    var env = root.env();
    var err = root.err();
    var out = root.out();
    ServerPaths paths = ServerPaths.of(env);
    // progress is drawn on stderr: only on a terminal that understands \r (not TERM=dumb, a log)
    var term = dev.commitpolish.ui.Terminal.detect(env);
    var dl = new Downloader(env, err, term.progress(), root.quiet());
    Path exe;
    Path modelFile;
    try {
      exe =
          resolve(
              "llamafile",
              llamafile,
              llamafileSha256,
              DefaultArtifacts.LLAMAFILE,
              paths.dataDir(),
              dl);
      makeExecutable(exe);
      modelFile = resolve("model", model, sha256, DefaultArtifacts.MODEL, paths.modelsDir(), dl);
    } catch (Downloader.DownloadException | IllegalArgumentException e) {
      err.println("commit-polish setup: " + e.getMessage());
      return 1;
    }
    Optional<Path> configFile = ConfigLoader.writableUserFile(env);
    if (configFile.isEmpty()) {
      err.println(
          "commit-polish setup: cannot locate the user config (set HOME or XDG_CONFIG_HOME to an"
              + " absolute path)");
      return 1;
    }
    Map<String, String> values = new LinkedHashMap<>();
    values.put("path", exe.toString());
    values.put("model_path", modelFile.toString());
    try {
      ConfigEditor.update(configFile.get(), values);
    } catch (IOException e) {
      err.println("commit-polish setup: " + e.getMessage());
      return 1;
    }
    out.println("llamafile:  " + exe);
    out.println("model:      " + modelFile);
    out.println("config:     " + configFile.get() + " ([llamafile] path, model_path)");
    if (!start) {
      out.println("next: commit-polish server start");
      return 0;
    }
    var c = ConfigLoader.load(env).config().llamafile();
    var launch =
        new ServerManager.Launch(
            exe,
            Optional.of(modelFile),
            c.port(),
            c.contextSize(),
            c.threads().isPresent() ? c.threads() : OptionalInt.empty());
    return new ServerManager(env, out, err, root.quiet(), term)
        .start(launch, Duration.ofSeconds(120));
  }

  /** A given file (used in place), a given URL (downloaded) or the default (downloaded). */
  private Path resolve(
      String what,
      String given,
      String givenSha,
      DefaultArtifacts.Artifact dflt,
      Path dir,
      Downloader dl)
      throws IOException {
    Optional<String> sha =
        Optional.ofNullable(givenSha).map(s -> s.trim().toLowerCase(Locale.ROOT));
    sha.ifPresent(
        s -> {
          if (!s.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException(
                (what.equals("model") ? "--sha256" : "--llamafile-sha256")
                    + " must be 64 hex digits, got '"
                    + s
                    + "'");
          }
        });
    DefaultArtifacts.Artifact a;
    if (given != null && !given.matches("(?i)https?://.*")) {
      Path p = root.env().cwd().resolve(expandHome(given)).toAbsolutePath().normalize();
      if (!Files.isRegularFile(p)) {
        throw new IllegalArgumentException(what + " file not found: " + p);
      }
      if (sha.isPresent()) {
        String actual = Downloader.sha256(p);
        if (!actual.equals(sha.get())) {
          throw new IllegalArgumentException(
              what + " " + p + " has SHA-256 " + actual + ", expected " + sha.get());
        }
      }
      return p;
    } else if (given != null) {
      String name = fileName(given, dflt.fileName());
      a = new DefaultArtifacts.Artifact(what + " " + name, given, name, sha, 0);
    } else {
      a = dflt;
      if (sha.isPresent()) {
        a = new DefaultArtifacts.Artifact(a.name(), a.url(), a.fileName(), sha, a.size());
      }
    }
    Path dest = dir.resolve(a.fileName());
    if (!force && Files.isRegularFile(dest)) {
      if (a.sha256().isEmpty() || Downloader.sha256(dest).equals(a.sha256().get())) {
        if (!root.quiet()) {
          root.err().println(what + " already present: " + dest);
        }
        return dest;
      }
      root.err().println(what + " at " + dest + " does not match its checksum; downloading again");
    }
    String actual = dl.download(a.name(), a.url(), dest, a.sha256(), a.size());
    if (a.sha256().isEmpty() && !root.quiet()) {
      root.err()
          .println(
              "note: no checksum pinned for "
                  + a.name()
                  + "; its SHA-256 is "
                  + actual
                  + " (compare it with the publisher's, or pass --sha256 next time)");
    } else if (!root.quiet()) {
      root.err().println("verified SHA-256 " + actual);
    }
    return dest;
  }

  private String expandHome(String s) {
    return root.env().expandHome(s);
  }

  /** The last path segment of a URL, or {@code fallback} when it has none usable. */
  static String fileName(String url, String fallback) {
    try {
      String path = URI.create(url).getPath();
      if (path != null) {
        String last = path.substring(path.lastIndexOf('/') + 1);
        if (last.matches("[A-Za-z0-9._+-]+") && !last.startsWith(".")) {
          return last;
        }
      }
    } catch (IllegalArgumentException e) {
      // fall back
    }
    return fallback;
  }

  private static void makeExecutable(Path p) throws IOException {
    if (Files.isExecutable(p)) {
      return;
    }
    try {
      Set<PosixFilePermission> perms = EnumSet.copyOf(Files.getPosixFilePermissions(p));
      perms.add(PosixFilePermission.OWNER_EXECUTE);
      if (perms.contains(PosixFilePermission.GROUP_READ)) {
        perms.add(PosixFilePermission.GROUP_EXECUTE);
      }
      if (perms.contains(PosixFilePermission.OTHERS_READ)) {
        perms.add(PosixFilePermission.OTHERS_EXECUTE);
      }
      Files.setPosixFilePermissions(p, perms);
    } catch (UnsupportedOperationException e) {
      p.toFile().setExecutable(true);
    }
  }
}
