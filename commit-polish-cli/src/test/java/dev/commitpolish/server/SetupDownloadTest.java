package dev.commitpolish.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.commitpolish.cli.CliRun;
import dev.commitpolish.cli.Env;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tomlj.Toml;

/** {@code commit-polish setup} downloads against a loopback HTTP server. */
class SetupDownloadTest {

  @TempDir Path tmp;
  private FileServer server;
  private Env env;
  private byte[] content;
  private String sha;
  private Path llamafile;
  private String out;
  private String err;

  @BeforeEach
  void setUp() throws Exception {
    content = new byte[300_000];
    new Random(42).nextBytes(content);
    sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    server = new FileServer(content);
    env = new Env(ServerLifecycleTest.baseEnv(tmp), tmp);
    llamafile = Files.writeString(tmp.resolve("my-llamafile"), "#!/bin/sh\n");
  }

  @AfterEach
  void tearDown() throws IOException {
    server.close();
  }

  private int run(String... args) {
    CliRun r = CliRun.of(env, args);
    out = r.out();
    err = r.err();
    return r.code();
  }

  /** {@code setup} with the local llamafile and a model from {@code url}, checked against sha. */
  private int setupModel(String url, String sha256) {
    return run("setup", "--llamafile", llamafile.toString(), "--model", url, "--sha256", sha256);
  }

  private Path dataDir() {
    return tmp.resolve("data/commit-polish");
  }

  private Path configFile() {
    return tmp.resolve("config/commit-polish/config.toml");
  }

  private long filesUnder(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return 0;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).count();
    }
  }

  @Test
  void downloadsVerifiesLandsAtomicallyAndWritesTheConfigKeepingComments() throws Exception {
    Files.createDirectories(configFile().getParent());
    Files.writeString(
        configFile(),
        "# my settings\n[ai]\nmodel = \"llamafile/x\" # keep me\n\n[llamafile]\n"
            + "path = \"/old/llamafile\" # old one\nport = 8090\n");
    int code = setupModel(server.url("/file.gguf"), sha);
    assertThat(code).as(err).isEqualTo(0);
    Path landed = dataDir().resolve("models/file.gguf");
    assertThat(landed).hasBinaryContent(content);
    assertThat(filesUnder(dataDir())).isEqualTo(1); // no .part left
    assertThat(err).contains("verified SHA-256 " + sha);
    assertThat(Files.isExecutable(llamafile)).isTrue();
    String cfg = Files.readString(configFile());
    assertThat(cfg)
        .startsWith("# my settings\n[ai]\nmodel = \"llamafile/x\" # keep me\n")
        .contains("# old one")
        .contains("port = 8090");
    var toml = Toml.parse(cfg);
    assertThat(toml.errors()).isEmpty();
    assertThat(toml.getString("llamafile.path")).isEqualTo(llamafile.toString());
    assertThat(toml.getString("llamafile.model_path")).isEqualTo(landed.toString());
    assertThat(out).contains("next: commit-polish server start");
  }

  @Test
  void downloadsTheLlamafileToo_andSetsTheRunBit() throws Exception {
    Path model = Files.write(tmp.resolve("m.gguf"), new byte[] {1, 2, 3});
    int code =
        run(
            "setup",
            "--llamafile",
            server.url("/llamafile-file.gguf"),
            "--llamafile-sha256",
            sha,
            "--model",
            model.toString());
    assertThat(code).as(err).isEqualTo(0);
    Path exe = dataDir().resolve("llamafile-file.gguf");
    assertThat(Files.isExecutable(exe)).isTrue();
    assertThat(Toml.parse(Files.readString(configFile())).getString("llamafile.path"))
        .isEqualTo(exe.toString());
  }

  @Test
  void resumesWithRangeAfterACutConnection() throws Exception {
    int code = setupModel(server.url("/cut/file.gguf"), sha);
    assertThat(code).as(err).isEqualTo(0);
    assertThat(err).contains("connection lost").contains("resuming");
    assertThat(server.rangeHeaders).hasSize(2);
    assertThat(server.rangeHeaders.get(0)).isEmpty();
    assertThat(server.rangeHeaders.get(1)).matches("bytes=\\d+-").isNotEqualTo("bytes=0-");
    assertThat(dataDir().resolve("models/file.gguf")).hasBinaryContent(content);
  }

  @Test
  void resumesAPartialDownloadLeftByAnEarlierRun() throws Exception {
    Path part = dataDir().resolve("models/.file.gguf.part");
    Files.createDirectories(part.getParent());
    Files.write(part, java.util.Arrays.copyOf(content, 100_000));
    int code = setupModel(server.url("/file.gguf"), sha);
    assertThat(code).as(err).isEqualTo(0);
    assertThat(server.rangeHeaders).containsExactly("bytes=100000-");
    assertThat(dataDir().resolve("models/file.gguf")).hasBinaryContent(content);
    assertThat(part).doesNotExist();
  }

  @Test
  void anAlreadyVerifiedFileIsNotDownloadedAgain() throws Exception {
    Path landed = dataDir().resolve("models/file.gguf");
    Files.createDirectories(landed.getParent());
    Files.write(landed, content);
    int code = setupModel(server.url("/file.gguf"), sha);
    assertThat(code).as(err).isEqualTo(0);
    assertThat(err).contains("already present");
    assertThat(server.requestLines).isEmpty();
  }

  @Test
  void checksumMismatchLeavesNothingBehindAndSaysSo() throws Exception {
    String wrong = "0".repeat(64);
    int code = setupModel(server.url("/file.gguf"), wrong);
    assertThat(code).isEqualTo(1);
    assertThat(err)
        .contains("checksum mismatch")
        .contains("expected SHA-256 " + wrong)
        .contains("got      SHA-256 " + sha)
        .contains("deleted");
    assertThat(filesUnder(tmp.resolve("data"))).isZero();
    assertThat(configFile()).doesNotExist();
  }

  @Test
  void notFoundIsAClearErrorAndLeavesNothing() throws Exception {
    int code =
        run("setup", "--llamafile", llamafile.toString(), "--model", server.url("/nope.bin"));
    assertThat(code).isEqualTo(1);
    assertThat(err).contains("HTTP 404").contains(server.url("/nope.bin"));
    assertThat(filesUnder(tmp.resolve("data"))).isZero();
    assertThat(configFile()).doesNotExist();
  }

  @Test
  void followsRedirects() throws Exception {
    int code = setupModel(server.url("/redirect/file.gguf"), sha);
    assertThat(code).as(err).isEqualTo(0);
    assertThat(server.requestLines).hasSize(2);
    assertThat(server.requestLines.get(1)).startsWith("GET /file.gguf ");
    assertThat(dataDir().resolve("models/file.gguf")).hasBinaryContent(content);
  }

  @Test
  void slowServerShowsProgressWithRateAndEta() throws Exception {
    int code = setupModel(server.url("/slow/file.gguf"), sha);
    assertThat(code).as(err).isEqualTo(0);
    assertThat(err)
        .containsPattern(
            "\\[#*-*\\] +\\d+% [\\d.]+ KiB / 293\\.0 KiB  [\\d.]+ (B|KiB|MiB)/s  ETA \\d+:\\d\\d");
    assertThat(err).contains("done");
  }

  @Test
  void honoursHttpProxyFromTheEnvironment() throws Exception {
    env = env.with("http_proxy", "http://127.0.0.1:" + server.port());
    // A host that does not resolve: only the proxy can answer.
    int code = setupModel("http://models.invalid/file.gguf", sha);
    assertThat(code).as(err).isEqualTo(0);
    assertThat(server.requestLines.get(0)).startsWith("GET http://models.invalid/file.gguf ");
  }

  @Test
  void noProxyBypassesTheProxy() throws Exception {
    env = env.with("http_proxy", "http://127.0.0.1:9").with("no_proxy", "localhost,127.0.0.1");
    int code = setupModel(server.url("/file.gguf"), sha);
    assertThat(code).as(err).isEqualTo(0);
    assertThat(server.requestLines.get(0)).startsWith("GET /file.gguf ");
  }

  @Test
  void aBadSha256ArgumentIsRejectedBeforeDownloading() {
    int code = setupModel(server.url("/file.gguf"), "abc");
    assertThat(code).isEqualTo(1);
    assertThat(err).contains("--sha256 must be 64 hex digits");
    assertThat(server.requestLines).isEmpty();
  }
}
