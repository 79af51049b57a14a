package dev.commitpolish.standin;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** How chat messages become the prompt text the fake tokenizer counts. */
final class Prompts {

  private Prompts() {}

  /**
   * Renders messages with the ChatML template (llamafile's fallback template): {@code
   * <|im_start|>ROLE\nCONTENT<|im_end|>\n} per message, then {@code <|im_start|>assistant\n}. The
   * template's markup therefore costs tokens, like a real chat template does.
   */
  static String render(List<Map<String, Object>> messages) {
    var sb = new StringBuilder();
    for (Map<String, Object> m : messages) {
      Object role = m.get("role");
      sb.append("<|im_start|>")
          .append(role == null ? "user" : role.toString())
          .append('\n')
          .append(contentText(m.get("content")))
          .append("<|im_end|>\n");
    }
    return sb.append("<|im_start|>assistant\n").toString();
  }

  /** Text of a message content: a string, null, or an array of {@code text} parts. */
  @SuppressWarnings("unchecked")
  static String contentText(Object content) {
    if (content == null) {
      return "";
    }
    if (content instanceof List) {
      return ((List<Object>) content)
          .stream()
              .filter(p -> p instanceof Map && "text".equals(((Map<String, Object>) p).get("type")))
              .map(p -> String.valueOf(((Map<String, Object>) p).get("text")))
              .collect(Collectors.joining("\n"));
    }
    return content.toString();
  }
}
