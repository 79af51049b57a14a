package dev.commitpolish.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SseParserTest {

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(
            "llama.cpp with [DONE]",
            "data: {\"a\":1}\n\ndata: {\"b\":2}\n\ndata: [DONE]\n\n",
            List.of("D:{\"a\":1}", "D:{\"b\":2}", "END")),
        Arguments.of(
            "llamafile 0.9 ends at EOF",
            "data: {\"a\":1}\n\ndata: {\"b\":2}\n\n",
            List.of("D:{\"a\":1}", "D:{\"b\":2}")),
        Arguments.of(
            "unterminated last event is kept",
            "data: {\"a\":1}\n\ndata: {\"b\":2}",
            List.of("D:{\"a\":1}", "D:{\"b\":2}")),
        Arguments.of("no space after colon", "data:{\"a\":1}\n\n", List.of("D:{\"a\":1}")),
        Arguments.of("only one leading space stripped", "data:  x\n\n", List.of("D: x")),
        Arguments.of(
            "CRLF line endings",
            "data: {\"a\":1}\r\n\r\ndata: [DONE]\r\n\r\n",
            List.of("D:{\"a\":1}", "END")),
        Arguments.of("CR line endings", "data: x\r\rdata: y\r\r", List.of("D:x", "D:y")),
        Arguments.of(
            "comments and unknown fields ignored",
            ": ping\nevent: message\nid: 7\nretry: 10\ndata: x\n\n",
            List.of("D:x")),
        Arguments.of(
            "multi-line data joined with newline", "data: a\ndata: b\n\n", List.of("D:a\nb")),
        Arguments.of(
            "blank lines between events collapse", "\n\n\ndata: x\n\n\n\n", List.of("D:x")),
        Arguments.of("nothing after [DONE] is read", "data: [DONE]\n\ndata: x\n\n", List.of("END")),
        Arguments.of(
            "error field surfaces (llamafile)",
            "data: x\n\nerror: {\"content\":\"boom\"}\n\n",
            List.of("D:x", "E:{\"content\":\"boom\"}")),
        Arguments.of(
            "data error object is plain data",
            "data: {\"error\":{\"message\":\"m\"}}\n\n",
            List.of("D:{\"error\":{\"message\":\"m\"}}")),
        Arguments.of("byte order mark skipped", "\uFEFFdata: x\n\n", List.of("D:x")),
        Arguments.of("empty stream", "", List.of()),
        Arguments.of("field without colon ignored", "data\n\ndata: y\n\n", List.of("D:", "D:y")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void parsesEvents(String name, String input, List<String> expected) throws IOException {
    SseParser p = new SseParser(new StringReader(input));
    List<String> got = new ArrayList<>();
    for (SseParser.Event e = p.next(); e != null; e = p.next()) {
      switch (e.kind()) {
        case DATA -> got.add("D:" + e.data());
        case ERROR -> got.add("E:" + e.data());
        case DONE -> got.add("END");
      }
    }
    assertThat(got).as(name).isEqualTo(expected);
    assertThat(p.next()).isNull();
  }
}
