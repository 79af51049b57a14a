package dev.commitpolish.standin;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The stand-in's deterministic fake tokenizer: exactly 3.5 UTF-8 bytes per token on average, so
 * context arithmetic in tests can be done by hand.
 *
 * <p>Rule: the UTF-8 bytes of a text are cut at byte offsets {@code floor(3.5 * k)} for k = 1, 2,
 * …, giving pieces of 3, 4, 3, 4, … bytes (the last one may be shorter). Hence {@code count(text) =
 * ceil(2 * utf8Bytes / 7)}: "abc" is 1 token, "abcd" 2, a 7000-byte diff 2000. No BOS token is
 * added (llamafile never adds one; llama.cpp only with {@code add_special}). Pieces may split a
 * multi-byte character, like byte-fallback tokens of real vocabularies; {@link #detokenize}
 * reassembles them.
 *
 * <p>A token id is a stable 31-bit hash of its piece's bytes, so ids are the same in every run and
 * every server; {@link #detokenize} knows every piece this JVM has tokenized.
 */
public final class Tokenizer {

  // Shared by all instances: ids are a pure function of the piece, so sharing is harmless and lets
  // one server detokenize ids another produced.
  private static final Map<Integer, byte[]> PIECES = new ConcurrentHashMap<>();

  /** The number of tokens in {@code text}: {@code ceil(2 * utf8Bytes / 7)}. */
  public int count(String text) {
    return countBytes(text.getBytes(StandardCharsets.UTF_8).length);
  }

  /** The number of tokens for a text of {@code utf8Bytes} bytes. */
  public static int countBytes(long utf8Bytes) {
    return (int) ((2 * utf8Bytes + 6) / 7);
  }

  /** The pieces (raw bytes) of {@code text}, in order. */
  List<byte[]> pieces(String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    List<byte[]> out = new ArrayList<>();
    int start = 0;
    for (int k = 1; start < b.length; k++) {
      int end = Math.min(b.length, (int) Math.floor(3.5 * k));
      byte[] piece = new byte[end - start];
      System.arraycopy(b, start, piece, 0, piece.length);
      out.add(piece);
      start = end;
    }
    return out;
  }

  /** The token ids of {@code text}. */
  public List<Integer> tokenize(String text) {
    List<Integer> ids = new ArrayList<>();
    for (byte[] p : pieces(text)) {
      ids.add(id(p));
    }
    return ids;
  }

  /** The piece of token {@code id} decoded as UTF-8 (lossy when it splits a character). */
  public String piece(int id) {
    byte[] p = PIECES.get(id);
    return p == null ? "" : new String(p, StandardCharsets.UTF_8);
  }

  /** The text of a token sequence; unknown ids contribute nothing. */
  public String detokenize(List<Integer> ids) {
    var out = new ByteArrayOutputStream();
    for (int id : ids) {
      byte[] p = PIECES.get(id);
      if (p != null) {
        out.writeBytes(p);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  static int id(byte[] piece) {
    // FNV-1a, folded to 31 bits so ids are non-negative ints like real vocabularies.
    int h = 0x811c9dc5;
    for (byte x : piece) {
      h ^= (x & 0xff);
      h *= 0x01000193;
    }
    int id = h & 0x7fffffff;
    PIECES.putIfAbsent(id, piece.clone());
    return id;
  }
}
