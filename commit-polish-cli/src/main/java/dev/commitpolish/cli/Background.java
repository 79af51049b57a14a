package dev.commitpolish.cli;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Work started now and collected later, on a daemon thread of its own: the hook overlaps its git
 * processes and the model server's first round trip with its own work, and a daemon thread never
 * keeps the JVM (and so the commit) waiting past the hook's deadline.
 *
 * <p>Not a pool: a hook run starts a handful of these, and a thread costs less than a pool's set-up
 * in a JVM that lives for one commit.
 */
public final class Background {

  private Background() {}

  /** Starts {@code task} on a new daemon thread named {@code name}. */
  public static <T> CompletableFuture<T> start(String name, Supplier<T> task) {
    var f = new CompletableFuture<T>();
    Thread t =
        new Thread(
            () -> {
              try {
                f.complete(task.get());
              } catch (Throwable e) {
                f.completeExceptionally(e);
              }
            },
            name);
    t.setDaemon(true);
    t.start();
    return f;
  }

  /**
   * Waits for {@code f} and returns its value; an exception of the task is rethrown as it was
   * thrown (runtime exceptions and errors), not wrapped.
   */
  public static <T> T join(CompletableFuture<T> f) {
    try {
      return f.join();
    } catch (CompletionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException r) {
        throw r;
      }
      if (c instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }
}
