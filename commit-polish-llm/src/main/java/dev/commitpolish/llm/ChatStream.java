package dev.commitpolish.llm;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A streamed chat answer. Close it (try-with-resources) to release the connection; closing early
 * also makes the server stop generating.
 *
 * <pre>{@code
 * try (ChatStream s = client.chatStream(req)) {
 *   for (ChatChunk c : s) {
 *     out.print(c.delta());
 *   }
 *   ChatResponse whole = s.response(); // content, finish reason, usage, truncated
 * }
 * }</pre>
 *
 * <p>Iteration throws {@link LlmException} subclasses; a failure after text was delivered is never
 * retried. Not thread-safe; iterate once.
 */
public final class ChatStream implements AutoCloseable, Iterable<ChatChunk> {
  private final StreamReader reader;
  private boolean iterated;

  ChatStream(StreamReader reader) {
    this.reader = reader;
  }

  /**
   * Iterates over the chunks. Can be called once.
   *
   * @throws IllegalStateException on a second call
   */
  @Override
  public Iterator<ChatChunk> iterator() {
    if (iterated) {
      throw new IllegalStateException("a ChatStream can be iterated only once");
    }
    iterated = true;
    return new Iterator<>() {
      private ChatChunk next;
      private boolean end;

      @Override
      public boolean hasNext() {
        if (next == null && !end) {
          next = reader.next();
          end = next == null;
        }
        return next != null;
      }

      @Override
      public ChatChunk next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        ChatChunk c = next;
        next = null;
        return c;
      }
    };
  }

  /** The chunks as a sequential {@link Stream}; closing the stream closes this ChatStream. */
  public Stream<ChatChunk> stream() {
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(
                iterator(), Spliterator.ORDERED | Spliterator.NONNULL),
            false)
        .onClose(this::close);
  }

  /** The text received so far. */
  public String text() {
    return reader.textSoFar();
  }

  /**
   * The complete answer: reads any remaining chunks first, then returns content, finish reason,
   * truncation, usage (estimated when the server sent none, as llamafile does) and timing.
   */
  public ChatResponse response() {
    return reader.response();
  }

  /** Releases the connection. Idempotent; never throws a checked exception. */
  @Override
  public void close() {
    reader.close();
  }
}
