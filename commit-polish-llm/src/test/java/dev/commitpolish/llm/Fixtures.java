package dev.commitpolish.llm;

import dev.commitpolish.standin.Profile;
import dev.commitpolish.standin.StandInServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Shared test helpers: stand-in servers, a recording sleeper and a clock it advances. */
final class Fixtures {
  private Fixtures() {}

  static final List<Profile> PROFILES = List.of(Profile.LLAMAFILE_0_9, Profile.LLAMACPP);

  static StandInServer.Builder server(Profile p) {
    return StandInServer.builder().profile(p).port(0).modelAlias("gemma-3-3b");
  }

  /** A client with no env, no retries and short timeouts, pointed at nothing in particular. */
  static LlmClient.Builder client() {
    return LlmClient.builder()
        .env(Map.of())
        .retryPolicy(RetryPolicy.none())
        .connectTimeout(Duration.ofSeconds(2))
        .requestTimeout(Duration.ofSeconds(20));
  }

  static ChatRequest.Builder req(StandInServer s) {
    return ChatRequest.builder("llamafile/gemma-3-3b").user("hello").apiBase(s.baseUrl());
  }

  /** A port nobody listens on. */
  static int closedPort() {
    try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return ss.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A clock that only moves when the sleeper sleeps: backoff and deadlines without waiting. */
  static final class FakeTime extends Clock implements Sleeper {
    private Instant now = Instant.parse("2026-11-26T07:00:00Z");
    final List<Duration> sleeps = new ArrayList<>();

    @Override
    public synchronized void sleep(Duration d) {
      sleeps.add(d);
      now = now.plus(d);
    }

    synchronized void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public synchronized Instant instant() {
      return now;
    }
  }
}
