package dev.commitpolish.standin;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A stand-in for the llamafile 0.9.x and llama.cpp servers: real HTTP/1.1 on 127.0.0.1, the
 * endpoints, response shapes, SSE dialects, error bodies and startup states of reference {@code
 * llama-server-api.md} §16, plus scripted replies, injectable faults and recorded requests.
 *
 * <pre>{@code
 * try (StandInServer s = StandInServer.builder()
 *         .profile(Profile.LLAMAFILE_0_9)
 *         .nCtx(4096)
 *         .reply("fix(auth): refresh token")
 *         .start()) {
 *   String base = s.baseUrl();                 // http://127.0.0.1:<port>/v1
 *   s.enqueueFault(Fault.status(500));         // the next request fails
 *   s.requests().get(0).json().get("messages");
 * }
 * }</pre>
 *
 * <p>Thread-safe. Each connection is served by its own thread; completion requests share {@code
 * slots} slots and queue for one (no 429), like the real servers.
 */
public final class StandInServer implements AutoCloseable {

  /** What the stand-in answers when no reply was scripted. */
  public static final String DEFAULT_REPLY = "chore: update files";

  final Builder config;
  private final Tokenizer tokenizer = new Tokenizer();
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private final List<String> prompts = new CopyOnWriteArrayList<>();
  private final Deque<PathFault> faults = new ArrayDeque<>();
  private final Deque<String> replies = new ArrayDeque<>();
  private volatile Function<RecordedRequest, String> replyFunction;
  private volatile String lastReply;
  private final Semaphore slots;
  final AtomicInteger busySlots = new AtomicInteger();
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final ExecutorService pool;
  private final Routes routes;
  private final CountDownLatch ready = new CountDownLatch(1);

  /** Completes with the port once bound, or exceptionally when binding failed. */
  final java.util.concurrent.CompletableFuture<Integer> bound =
      new java.util.concurrent.CompletableFuture<>();

  private volatile ServerSocket listener;
  private volatile int port;
  private volatile boolean closed;
  private volatile long loadingUntilNanos;
  private volatile boolean loadingFlag;
  private volatile Thread acceptThread;

  private record PathFault(String path, Fault fault) {}

  private StandInServer(Builder b) {
    this.config = b;
    this.slots = new Semaphore(b.slots, true);
    this.replyFunction = b.replyFunction;
    this.replies.addAll(b.replies);
    this.lastReply = b.replies.isEmpty() ? DEFAULT_REPLY : b.replies.get(b.replies.size() - 1);
    this.pool =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "standin-conn");
              t.setDaemon(true);
              return t;
            });
    this.routes = new Routes(this);
  }

  /** A builder with the defaults: llamafile 0.9 profile, free port, n_ctx 8192, instant replies. */
  public static Builder builder() {
    return new Builder();
  }

  private void start() throws IOException {
    InetAddress host = InetAddress.getByName(config.host);
    boolean llamafileLoading = config.profile.isLlamafile() && !config.loading.isZero();
    if (llamafileLoading) {
      // llamafile loads the model before binding: clients see "connection refused" meanwhile. Pick
      // the port now so baseUrl() is known, and bind it when "loading" is over.
      port = config.port != 0 ? config.port : reservePort(host);
      Thread t =
          new Thread(
              () -> {
                try {
                  Thread.sleep(config.loading.toMillis());
                  bind(host, port);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } catch (IOException e) {
                  if (config.log != null) {
                    config.log.println("error: could not bind port " + port + ": " + e);
                  }
                  bound.completeExceptionally(e);
                }
              },
              "standin-load");
      t.setDaemon(true);
      t.start();
    } else {
      if (!config.loading.isZero()) {
        loadingUntilNanos = System.nanoTime() + config.loading.toNanos();
      }
      bind(host, config.port);
    }
  }

  private static int reservePort(InetAddress host) throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, host)) {
      return s.getLocalPort();
    }
  }

  private synchronized void bind(InetAddress host, int wanted) throws IOException {
    if (closed || listener != null) {
      return; // closed, or loading was already ended by setLoading(false)
    }
    int tries = config.portAutoIncrement && wanted != 0 ? 11 : 1;
    IOException last = null;
    for (int i = 0; i < tries; i++) {
      ServerSocket ss = new ServerSocket();
      ss.setReuseAddress(true);
      try {
        ss.bind(new InetSocketAddress(host, wanted == 0 ? 0 : wanted + i), 128);
      } catch (BindException e) {
        ss.close();
        last = e;
        continue;
      }
      listener = ss;
      port = ss.getLocalPort();
      Thread t = new Thread(() -> acceptLoop(ss), "standin-accept-" + port);
      t.setDaemon(true);
      acceptThread = t;
      t.start();
      ready.countDown();
      bound.complete(port);
      if (config.log != null) {
        config.log.println(listeningLine());
        config.log.flush();
      }
      return;
    }
    bound.completeExceptionally(last);
    throw last;
  }

  /** The line the real server prints once it listens, e.g. {@code llama server listening at …}. */
  public String listeningLine() {
    String url = "http://" + config.host + ":" + port;
    return config.profile.isLlamafile()
        ? "llama server listening at " + url
        : "main: server is listening on " + url + " - starting the main loop";
  }

  private void acceptLoop(ServerSocket ss) {
    while (!ss.isClosed()) {
      Socket s;
      try {
        s = ss.accept();
      } catch (IOException e) {
        return;
      }
      sockets.add(s);
      pool.execute(() -> serve(s));
    }
  }

  private void serve(Socket s) {
    try (s) {
      s.setTcpNoDelay(true);
      // Both servers' httplib: keep-alive connections idle for 5 s are closed.
      s.setSoTimeout(5000);
      var in = new BufferedInputStream(s.getInputStream());
      var out = new BufferedOutputStream(s.getOutputStream());
      int served = 0;
      while (!closed) {
        Exchange ex;
        try {
          ex = Exchange.read(s, in, out);
        } catch (IOException | RuntimeException e) {
          return;
        }
        if (ex == null) {
          return;
        }
        served++;
        if (served >= config.keepAliveMax) {
          ex.closeAfter = true; // httplib: at most 5 requests per connection
        }
        try {
          routes.handle(ex);
        } catch (IOException e) {
          return; // client went away
        }
        if (ex.dropped || ex.closeAfter) {
          return;
        }
      }
    } catch (IOException ignored) {
      // closing a dead socket
    } finally {
      sockets.remove(s);
    }
  }

  /** The OpenAI-style base URL, {@code http://127.0.0.1:<port>/v1}. */
  public String baseUrl() {
    return rootUrl() + "/v1";
  }

  /** The server root, {@code http://127.0.0.1:<port>} (for {@code /health}, {@code /props}). */
  public String rootUrl() {
    return "http://" + config.host + ":" + port;
  }

  /** The TCP port (already chosen while a llamafile-profile server is still "loading"). */
  public int port() {
    return port;
  }

  /** The profile this server imitates. */
  public Profile profile() {
    return config.profile;
  }

  /** The per-slot context size reported by {@code /props}. */
  public int nCtx() {
    return config.nCtx;
  }

  /** Every request received so far, in arrival order (including ones that got a fault). */
  public List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  /** The received requests with this path, e.g. {@code /v1/chat/completions}. */
  public List<RecordedRequest> requests(String path) {
    return requests.stream().filter(r -> r.path().equals(path)).toList();
  }

  /**
   * The prompts the "model" actually saw for completion requests, after chat templating and (on
   * llamafile) silent front truncation, in arrival order.
   */
  public List<String> prompts() {
    return List.copyOf(prompts);
  }

  /** Forgets recorded requests and prompts. */
  public void clearRequests() {
    requests.clear();
    prompts.clear();
  }

  /** The fake tokenizer behind usage counts, {@code /tokenize} and context checks. */
  public Tokenizer tokenizer() {
    return tokenizer;
  }

  /** Queues a fault for the next request to any path. Faults are applied in FIFO order. */
  public void enqueueFault(Fault fault) {
    synchronized (faults) {
      faults.add(new PathFault(null, Objects.requireNonNull(fault, "fault")));
    }
  }

  /** Queues a fault for the next request to {@code path} (e.g. {@code /v1/chat/completions}). */
  public void enqueueFault(String path, Fault fault) {
    synchronized (faults) {
      faults.add(
          new PathFault(Objects.requireNonNull(path, "path"), Objects.requireNonNull(fault)));
    }
  }

  /** The number of queued faults not yet applied. */
  public int pendingFaults() {
    synchronized (faults) {
      return faults.size();
    }
  }

  /** Replaces the scripted reply (and clears a reply queue); a reply function still wins. */
  public void setReply(String reply) {
    synchronized (replies) {
      replies.clear();
      lastReply = Objects.requireNonNull(reply, "reply");
    }
  }

  /** Replaces the reply queue: replies are used in order, the last one repeats. */
  public void setReplies(String... queue) {
    if (queue.length == 0) {
      throw new IllegalArgumentException("at least one reply is needed");
    }
    synchronized (replies) {
      replies.clear();
      replies.addAll(Arrays.asList(queue));
      lastReply = queue[queue.length - 1];
    }
  }

  /** Replaces the reply function (null = use the scripted replies). */
  public void setReplyFunction(Function<RecordedRequest, String> fn) {
    replyFunction = fn;
  }

  /**
   * Puts the server into or out of its loading state at runtime. llama.cpp: 503 {@code Loading
   * model} on every route. llamafile: the listening socket is closed (connections are refused) and
   * re-opened on the same port when loading ends.
   */
  public void setLoading(boolean loading) {
    if (config.profile.isLlamafile()) {
      try {
        if (loading) {
          ServerSocket ss = listener;
          if (ss != null) {
            ss.close();
            listener = null;
          }
          // Kept-alive connections would otherwise still be served.
          for (Socket sock : sockets) {
            sock.close();
          }
        } else if (listener == null) {
          bind(InetAddress.getByName(config.host), port);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("could not " + (loading ? "close" : "re-open") + " port", e);
      }
    } else {
      loadingFlag = loading;
      if (!loading) {
        loadingUntilNanos = 0;
      }
    }
  }

  /**
   * Whether the server still answers "loading" (llama.cpp) or has not bound its port (llamafile).
   */
  public boolean isLoading() {
    if (config.profile.isLlamafile()) {
      return listener == null;
    }
    return loadingFlag || (loadingUntilNanos != 0 && System.nanoTime() - loadingUntilNanos < 0);
  }

  /** Waits until the port is open; true when it opened within {@code timeout}. */
  public boolean awaitListening(Duration timeout) throws InterruptedException {
    return ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Stops listening and closes every open connection. Idempotent. */
  @Override
  public void close() {
    closed = true;
    ServerSocket ss = listener;
    if (ss != null) {
      try {
        ss.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
    for (Socket s : sockets) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
    pool.shutdownNow();
    Thread t = acceptThread;
    if (t != null) {
      try {
        t.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  // ---- package-private plumbing for Routes ----

  void record(RecordedRequest r) {
    requests.add(r);
  }

  void recordPrompt(String p) {
    prompts.add(p);
  }

  Fault pollFault(String path) {
    synchronized (faults) {
      for (Iterator<PathFault> it = faults.iterator(); it.hasNext(); ) {
        PathFault pf = it.next();
        if (pf.path() == null || pf.path().equals(path)) {
          it.remove();
          return pf.fault();
        }
      }
      return null;
    }
  }

  String nextReply(RecordedRequest r) {
    Function<RecordedRequest, String> fn = replyFunction;
    if (fn != null) {
      String s = fn.apply(r);
      return s == null ? "" : s;
    }
    synchronized (replies) {
      String next = replies.poll();
      return next != null ? next : lastReply;
    }
  }

  void acquireSlot() throws InterruptedException {
    slots.acquire();
    busySlots.incrementAndGet();
  }

  void releaseSlot() {
    busySlots.decrementAndGet();
    slots.release();
  }

  String modelName() {
    return config.modelAlias != null ? config.modelAlias : config.modelPath;
  }

  /** Configures and starts a {@link StandInServer}. */
  public static final class Builder {
    Profile profile = Profile.LLAMAFILE_0_9;
    String host = "127.0.0.1";
    int port;
    boolean portAutoIncrement;
    int nCtx = 8192;
    int slots = 1;
    boolean slotsSet;
    String modelAlias;
    String modelPath = "model.gguf";
    String apiKey;
    Duration loading = Duration.ZERO;
    double prefillTokensPerSecond;
    double tokensPerSecond;
    final List<String> replies = new ArrayList<>();
    Function<RecordedRequest, String> replyFunction;
    Boolean embeddings;
    int embeddingDimensions = 8;
    int keepAliveMax = 5;
    PrintStream log;

    private Builder() {}

    /** Which server to imitate (default {@link Profile#LLAMAFILE_0_9}). */
    public Builder profile(Profile p) {
      this.profile = Objects.requireNonNull(p, "profile");
      return this;
    }

    /** The port; 0 (default) picks a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0..65535, got " + port);
      }
      this.port = port;
      return this;
    }

    /** The listen address (default 127.0.0.1; tests must keep it on loopback). */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /** Like llamafile: when the port is busy, try port+1 … port+10 (default off). */
    public Builder portAutoIncrement(boolean on) {
      this.portAutoIncrement = on;
      return this;
    }

    /** The per-slot context size in tokens (default 8192), reported by {@code /props}. */
    public Builder nCtx(int nCtx) {
      if (nCtx < 1) {
        throw new IllegalArgumentException("nCtx must be >= 1, got " + nCtx);
      }
      this.nCtx = nCtx;
      return this;
    }

    /** Parallel slots (default 1 for llamafile, 4 for llama.cpp); more requests queue. */
    public Builder slots(int slots) {
      if (slots < 1) {
        throw new IllegalArgumentException("slots must be >= 1, got " + slots);
      }
      this.slots = slots;
      this.slotsSet = true;
      return this;
    }

    /** The {@code -a} alias: {@code /v1/models} id, and llama.cpp's response {@code model}. */
    public Builder modelAlias(String alias) {
      this.modelAlias = alias;
      return this;
    }

    /** The {@code -m} path as given (default {@code model.gguf}), used when there is no alias. */
    public Builder modelPath(String path) {
      this.modelPath = Objects.requireNonNull(path, "path");
      return this;
    }

    /** Behave like {@code --api-key KEY} (null = no key). */
    public Builder apiKey(String key) {
      this.apiKey = key;
      return this;
    }

    /**
     * A loading window after start: llama.cpp answers 503 {@code Loading model}; llamafile keeps
     * the port closed (connection refused) until it ends.
     */
    public Builder loading(Duration d) {
      if (d.isNegative()) {
        throw new IllegalArgumentException("loading must not be negative");
      }
      this.loading = d;
      return this;
    }

    /** Prompt processing speed: a silent delay of promptTokens / rate before the first token. */
    public Builder prefillTokensPerSecond(double rate) {
      if (rate < 0) {
        throw new IllegalArgumentException("rate must be >= 0");
      }
      this.prefillTokensPerSecond = rate;
      return this;
    }

    /** Generation speed: one token every 1/rate seconds (0 = instant). */
    public Builder tokensPerSecond(double rate) {
      if (rate < 0) {
        throw new IllegalArgumentException("rate must be >= 0");
      }
      this.tokensPerSecond = rate;
      return this;
    }

    /** The scripted reply for every completion. */
    public Builder reply(String reply) {
      replies.clear();
      replies.add(Objects.requireNonNull(reply, "reply"));
      return this;
    }

    /** Replies used in order; the last one repeats. */
    public Builder replies(String... queue) {
      if (queue.length == 0) {
        throw new IllegalArgumentException("at least one reply is needed");
      }
      replies.clear();
      replies.addAll(Arrays.asList(queue));
      return this;
    }

    /** Computes each reply from the request (wins over scripted replies). */
    public Builder replyFunction(Function<RecordedRequest, String> fn) {
      this.replyFunction = fn;
      return this;
    }

    /**
     * Whether llama.cpp serves embeddings (default true, as if started with {@code --embeddings};
     * false = 501). llamafile 0.9 always answers 503.
     */
    public Builder embeddings(boolean on) {
      this.embeddings = on;
      return this;
    }

    /** Length of the deterministic embedding vectors (default 8). */
    public Builder embeddingDimensions(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("dimensions must be >= 1");
      }
      this.embeddingDimensions = n;
      return this;
    }

    /** Log the listening line and request lines here (null = silent, the default). */
    public Builder log(PrintStream log) {
      this.log = log;
      return this;
    }

    /** Binds the port (or schedules it after a llamafile loading window) and starts serving. */
    public StandInServer start() {
      if (!slotsSet) {
        slots = profile.isLlamafile() ? 1 : 4;
      }
      if (embeddings == null) {
        embeddings = !profile.isLlamafile();
      }
      var s = new StandInServer(this);
      try {
        s.start();
      } catch (IOException e) {
        s.close();
        throw new UncheckedIOException(
            "stand-in could not listen on " + host + ":" + port + ": " + e.getMessage(), e);
      }
      return s;
    }
  }
}
