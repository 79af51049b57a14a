package dev.commitpolish.standin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StandInBasicsTest {

  @Test
  @SuppressWarnings("unchecked")
  void llamafileChatNonStreamHasAlphabeticalKeysAlwaysStopAndEchoesModel() throws Exception {
    try (var s =
        StandInServer.builder().profile(Profile.LLAMAFILE_0_9).reply("fix: a b c d e f").start()) {
      var r =
          Http.post(
              s.baseUrl() + "/chat/completions",
              "{\"model\":\"gemma-x\",\"max_tokens\":2,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.contentType()).isEqualTo("application/json; charset=utf-8");
      Map<String, Object> j = r.json();
      assertThat(j.keySet())
          .containsExactly("choices", "created", "id", "model", "object", "usage");
      assertThat(j.get("model")).isEqualTo("gemma-x");
      var choice = ((List<Map<String, Object>>) j.get("choices")).get(0);
      // llamafile's bug: "stop" although max_tokens cut the reply.
      assertThat(choice.get("finish_reason")).isEqualTo("stop");
      assertThat(((Map<String, Object>) choice.get("message")).get("content")).isEqualTo("fix: a ");
      var usage = (Map<String, Object>) j.get("usage");
      assertThat(usage.get("completion_tokens")).isEqualTo(2);
      String prompt = "<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\n";
      assertThat(usage.get("prompt_tokens")).isEqualTo(s.tokenizer().count(prompt));
    }
  }

  @Test
  void llamafileStreamHasNoRoleChunkChangingIdsAndNoDone() throws Exception {
    try (var s = StandInServer.builder().reply("feat: add parser").start()) {
      var r = Http.post(s.baseUrl() + "/chat/completions", Http.chat("x", true));
      assertThat(r.contentType()).isEqualTo("text/event-stream");
      List<String> data = Http.dataLines(r.body());
      assertThat(data).noneMatch(d -> d.contains("[DONE]")).noneMatch(d -> d.contains("role"));
      assertThat(data.stream().map(d -> d.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1")).distinct())
          .hasSize(data.size());
      assertThat(data.get(data.size() - 1)).contains("\"delta\":{},\"finish_reason\":\"stop\"");
      String text =
          String.join(
              "",
              data.stream()
                  .filter(d -> d.contains("\"content\""))
                  .map(d -> d.replaceAll(".*\"content\":\"([^\"]*)\".*", "$1"))
                  .toList());
      assertThat(text).isEqualTo("feat: add parser");
    }
  }

  @Test
  void llamacppStreamHasRoleChunkStableIdUsageAndDone() throws Exception {
    try (var s =
        StandInServer.builder().profile(Profile.LLAMACPP).modelAlias("gemma").reply("ok").start()) {
      var r =
          Http.post(
              s.baseUrl() + "/chat/completions",
              "{\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                  + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
      List<String> data = Http.dataLines(r.body());
      assertThat(data.get(0)).contains("\"delta\":{\"role\":\"assistant\",\"content\":null}");
      assertThat(data.get(data.size() - 1)).isEqualTo("[DONE]");
      assertThat(data.get(data.size() - 2)).startsWith("{\"choices\":[]").contains("\"usage\"");
      assertThat(
              data.subList(0, data.size() - 1).stream()
                  .map(d -> d.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1"))
                  .distinct())
          .hasSize(1);
      assertThat(data.get(0)).contains("\"model\":\"gemma\"");
    }
  }

  @Test
  void healthPropsAndTokenizeAnswerPerProfile() throws Exception {
    try (var lf = StandInServer.builder().nCtx(2048).start();
        var cpp = StandInServer.builder().profile(Profile.LLAMACPP).nCtx(1024).start()) {
      assertThat(Http.get(lf.rootUrl() + "/health").body())
          .isEqualTo("{\"slots_idle\":1,\"slots_processing\":0,\"status\":\"ok\"}");
      assertThat(Http.get(cpp.rootUrl() + "/health").body()).isEqualTo("{\"status\":\"ok\"}");
      assertThat(Http.get(lf.rootUrl() + "/props").body()).contains("\"n_ctx\":2048");
      assertThat(Http.get(cpp.rootUrl() + "/props").body()).contains("\"n_ctx\":1024");
      var t = Http.post(lf.rootUrl() + "/tokenize", "{\"content\":\"abcdefg\"}");
      assertThat(t.body()).matches("\\{\"tokens\":\\[\\d+,\\d+]}");
    }
  }

  @Test
  void faultStatusUsesProfileErrorBodies() throws Exception {
    try (var lf = StandInServer.builder().start();
        var cpp = StandInServer.builder().profile(Profile.LLAMACPP).start()) {
      lf.enqueueFault(Fault.status(500));
      cpp.enqueueFault(Fault.retryAfter(503, 7));
      var a = Http.post(lf.baseUrl() + "/chat/completions", Http.chat("x", false));
      assertThat(a.status()).isEqualTo(500);
      assertThat(a.contentType()).isEqualTo("text/plain; charset=utf-8");
      assertThat(a.body()).startsWith("500 Internal Server Error");
      var b = Http.post(cpp.baseUrl() + "/chat/completions", Http.chat("x", false));
      assertThat(b.status()).isEqualTo(503);
      assertThat(b.header("Retry-After")).isEqualTo("7");
      assertThat(b.body()).contains("\"type\":\"unavailable_error\"");
      // the fault was used once
      assertThat(Http.post(cpp.baseUrl() + "/chat/completions", Http.chat("x", false)).status())
          .isEqualTo(200);
    }
  }
}
