package dev.commitpolish.hook;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.commitpolish.message.PolishOutcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code preview --json} object: one line, fields in a stable order for scripts. */
final class PreviewJson {

  private PreviewJson() {}

  static String of(PolishOutcome o, boolean prompt, boolean diff) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("message", o.message());
    m.put("engine", o.engine().id());
    m.put("model", o.model());
    m.put("attempts", o.attempts());
    m.put("valid", o.valid());
    m.put("polished", o.polished());
    m.put("errors", o.errors());
    m.put("prompt_tokens", o.promptTokens());
    m.put("completion_tokens", o.completionTokens());
    m.put("elapsed_ms", o.elapsed().toMillis());
    o.error()
        .ifPresent(
            e -> {
              Map<String, Object> err = new LinkedHashMap<>();
              err.put("type", e.type());
              err.put("status", e.status());
              err.put("message", e.message());
              err.put("hint", e.hint());
              m.put("error", err);
            });
    if (prompt && o.prompt().isPresent()) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("system", o.prompt().get().system());
      p.put("user", o.prompt().get().user());
      m.put("prompt", p);
    }
    if (diff && o.diff().isPresent()) {
      m.put("diff", o.diff().get().text());
      m.put("diff_tokens", o.diff().get().tokens());
      m.put("diff_complete", o.diff().get().complete());
    }
    try {
      return JSON.std.asString(m);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
