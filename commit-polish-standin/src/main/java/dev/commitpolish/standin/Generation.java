package dev.commitpolish.standin;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** What the fake model will emit for one request: token deltas and why it stopped. */
final class Generation {

  final List<String> deltas = new ArrayList<>();
  final List<Integer> ids = new ArrayList<>();
  final String content;
  final int promptTokens;
  final boolean promptTruncated;
  final boolean stoppedWord;
  final String stoppingWord;
  final boolean stoppedLimit;
  final boolean stoppedEos;

  private Generation(
      String content,
      int promptTokens,
      boolean promptTruncated,
      boolean stoppedWord,
      String stoppingWord,
      boolean stoppedLimit) {
    this.content = content;
    this.promptTokens = promptTokens;
    this.promptTruncated = promptTruncated;
    this.stoppedWord = stoppedWord;
    this.stoppingWord = stoppingWord;
    this.stoppedLimit = stoppedLimit;
    this.stoppedEos = !stoppedWord && !stoppedLimit;
  }

  int completionTokens() {
    return ids.size();
  }

  String finishReason() {
    return stoppedLimit ? "length" : "stop";
  }

  /**
   * Plans the output: the reply is cut at the first stop string, then limited to {@code maxTokens}
   * (-1 = none) and to {@code ctxRoom} tokens left in the context (-1 = unlimited, llamafile's
   * context shift).
   */
  static Generation plan(
      Tokenizer tok,
      String reply,
      List<String> stops,
      int maxTokens,
      int ctxRoom,
      int promptTokens,
      boolean promptTruncated) {
    String text = reply;
    String word = "";
    int cut = -1;
    for (String s : stops) {
      int i = text.indexOf(s);
      if (i >= 0 && (cut < 0 || i < cut)) {
        cut = i;
        word = s;
      }
    }
    if (cut >= 0) {
      text = text.substring(0, cut);
    }
    List<byte[]> pieces = tok.pieces(text);
    int limit = maxTokens >= 0 ? maxTokens : Integer.MAX_VALUE;
    if (ctxRoom >= 0) {
      limit = Math.min(limit, ctxRoom);
    }
    boolean limited = pieces.size() > limit;
    if (limited) {
      pieces = pieces.subList(0, limit);
    }
    // Like the servers, hold back bytes of an incomplete UTF-8 character until it completes.
    var pending = new ByteArrayOutputStream();
    var all = new StringBuilder();
    List<String> deltas = new ArrayList<>();
    List<Integer> ids = new ArrayList<>();
    for (byte[] p : pieces) {
      ids.add(Tokenizer.id(p));
      pending.writeBytes(p);
      byte[] buf = pending.toByteArray();
      int ok = completePrefix(buf);
      String d = new String(buf, 0, ok, StandardCharsets.UTF_8);
      pending.reset();
      pending.write(buf, ok, buf.length - ok);
      deltas.add(d);
      all.append(d);
    }
    var g =
        new Generation(
            all.toString(),
            promptTokens,
            promptTruncated,
            cut >= 0 && !limited,
            limited ? "" : word,
            limited);
    g.deltas.addAll(deltas);
    g.ids.addAll(ids);
    return g;
  }

  /** Length of the longest prefix of {@code b} that does not end inside a UTF-8 sequence. */
  static int completePrefix(byte[] b) {
    int n = b.length;
    // Look back at most 3 bytes for the start of the last sequence.
    for (int back = 1; back <= Math.min(4, n); back++) {
      int c = b[n - back] & 0xff;
      if ((c & 0xc0) == 0x80) {
        continue; // continuation byte
      }
      int need = c < 0x80 ? 1 : (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 : 4;
      return need <= back ? n : n - back;
    }
    return n;
  }
}
