package dev.commitpolish.standin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StandInMainTest {

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  @Test
  void portZeroPrintsTheChosenPortInTheListeningLine() throws Exception {
    Process p =
        new ProcessBuilder(
                java(),
                "-cp",
                System.getProperty("java.class.path"),
                "dev.commitpolish.standin.StandInMain",
                "--profile",
                "llamacpp",
                "--port",
                "0",
                "--reply",
                "fix: x")
            .redirectErrorStream(true)
            .start();
    try {
      var r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String line = r.readLine();
      Matcher m =
          Pattern.compile(
                  "^main: server is listening on http://127\\.0\\.0\\.1:(\\d+) - starting the main loop$")
              .matcher(line);
      assertThat(m.matches()).as(line).isTrue();
      int port = Integer.parseInt(m.group(1));
      assertThat(port).isPositive();
      var resp =
          Http.post("http://127.0.0.1:" + port + "/v1/chat/completions", Http.chat("x", false));
      assertThat(resp.body()).contains("\"content\":\"fix: x\"");
    } finally {
      p.destroy();
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void llamafileStandInRejectsWhatLlamafileRejects(@TempDir Path tmp) throws Exception {
    Path model = Files.writeString(tmp.resolve("m.gguf"), "x");
    var err = new ByteArrayOutputStream();
    var e = new PrintStream(err, true, StandardCharsets.UTF_8);
    var o = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    assertThat(
            LlamafileStandIn.run(
                new String[] {"--server", "--jinja", "-m", model.toString()}, Map.of(), o, e))
        .isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("error: unknown argument: --jinja");
    assertThat(
            LlamafileStandIn.run(
                new String[] {"--server", "--embedding", "-m", model.toString()}, Map.of(), o, e))
        .isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("--embedding selects the embedding program");
    assertThat(
            LlamafileStandIn.run(
                new String[] {"--server", "-m", tmp.resolve("none.gguf").toString()},
                Map.of(),
                o,
                e))
        .isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("failed to load model");
  }

  @Test
  void llamafileScriptLoadsThenListensAndMovesToTheNextPortWhenBusy(@TempDir Path tmp)
      throws Exception {
    Path script = Path.of("src/main/scripts/llamafile-standin").toAbsolutePath();
    Path model = Files.writeString(tmp.resolve("m.gguf"), "x");
    int port;
    try (var probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    try (var busy = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
      assertThat(busy.isBound()).isTrue();
      var pb =
          new ProcessBuilder(
                  List.of(
                      script.toString(),
                      "--server",
                      "--nobrowser",
                      "--host",
                      "127.0.0.1",
                      "--port",
                      Integer.toString(port),
                      "-c",
                      "512",
                      "-m",
                      model.toString(),
                      "-t",
                      "2"))
              .redirectErrorStream(true);
      pb.environment().put("LLAMAFILE_STANDIN_CLASSPATH", System.getProperty("java.class.path"));
      pb.environment().put("JAVA", java());
      pb.environment().put("LLAMAFILE_STANDIN_LOAD_MS", "200");
      Process p = pb.start();
      try {
        var r =
            new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        String listening = null;
        while ((line = r.readLine()) != null) {
          if (line.contains("listening at")) {
            listening = line;
            break;
          }
        }
        assertThat(listening).isEqualTo("llama server listening at http://127.0.0.1:" + (port + 1));
        assertThat(Http.get("http://127.0.0.1:" + (port + 1) + "/props").body())
            .contains("\"n_ctx\":512");
      } finally {
        p.destroy();
        p.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }
}
