package dev.commitpolish.hook;

import dev.commitpolish.message.PolishOutcome;
import java.util.List;

/** The {@code preview --json} object, written by hand: a dozen fields do not need a library. */
final class PreviewJson {

  private PreviewJson() {}

  static String of(PolishOutcome o, boolean prompt, boolean diff) {
    StringBuilder sb = new StringBuilder("{");
    field(sb, "message", str(o.message()));
    field(sb, "engine", str(o.engine().id()));
    field(sb, "model", str(o.model()));
    field(sb, "attempts", Integer.toString(o.attempts()));
    field(sb, "valid", Boolean.toString(o.valid()));
    field(sb, "polished", Boolean.toString(o.polished()));
    field(sb, "errors", list(o.errors()));
    field(sb, "prompt_tokens", Integer.toString(o.promptTokens()));
    field(sb, "completion_tokens", Integer.toString(o.completionTokens()));
    field(sb, "elapsed_ms", Long.toString(o.elapsed().toMillis()));
    if (o.error().isPresent()) {
      PolishOutcome.ModelError e = o.error().get();
      field(
          sb,
          "error",
          "{\"type\":"
              + str(e.type())
              + ",\"status\":"
              + e.status()
              + ",\"message\":"
              + str(e.message())
              + ",\"hint\":"
              + str(e.hint())
              + "}");
    }
    if (prompt && o.prompt().isPresent()) {
      field(
          sb,
          "prompt",
          "{\"system\":"
              + str(o.prompt().get().system())
              + ",\"user\":"
              + str(o.prompt().get().user())
              + "}");
    }
    if (diff && o.diff().isPresent()) {
      field(sb, "diff", str(o.diff().get().text()));
      field(sb, "diff_tokens", Integer.toString(o.diff().get().tokens()));
      field(sb, "diff_complete", Boolean.toString(o.diff().get().complete()));
    }
    return sb.append('}').toString();
  }

  private static void field(StringBuilder sb, String name, String json) {
    if (sb.length() > 1) {
      sb.append(',');
    }
    sb.append('"').append(name).append("\":").append(json);
  }

  private static String list(List<String> items) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(str(items.get(i)));
    }
    return sb.append(']').toString();
  }

  static String str(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
