package dev.commitpolish.hook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Every end-to-end case of {@link HookEndToEndTest} again — each commit mode, worktree, submodule,
 * hooksPath — with git's hook handing the run to a resident worker (in this JVM) through the real
 * bash client over loopback, as {@code bin/commit-polish} does when a worker runs. Same exact
 * messages, same single stderr line; a run that falls back to in-process fails the commit.
 */
class HookEndToEndViaDaemonTest extends HookEndToEndTest {

  static TestWorker worker;

  @BeforeAll
  static void startWorker() throws IOException, InterruptedException {
    worker = TestWorker.start();
  }

  @AfterAll
  static void stopWorker() throws IOException, InterruptedException {
    assertThat(worker.hooksServed()).isGreaterThanOrEqualTo(20);
    worker.close();
  }

  @Override
  void customize(Map<String, String> env) {
    worker.customize(env);
  }
}
