package dev.commitpolish.hook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The fault matrix of {@link HookFaultTest} again through a resident worker and the bash client:
 * every fault still leaves the commit made, the message the original or a valid polished one, and
 * exactly one stderr line — the worker's deadline and fail-open rules are the in-process ones.
 */
class HookFaultViaDaemonTest extends HookFaultTest {

  static TestWorker worker;

  @BeforeAll
  static void startWorker() throws IOException, InterruptedException {
    worker = TestWorker.start();
  }

  @AfterAll
  static void stopWorker() throws IOException, InterruptedException {
    assertThat(worker.hooksServed()).isGreaterThanOrEqualTo(10);
    worker.close();
  }

  @Override
  void customize(Map<String, String> env) {
    worker.customize(env);
  }
}
