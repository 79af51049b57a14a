package dev.commitpolish.hook;

import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The fault matrix of {@link HookFaultTest} again through a resident worker and the bash client:
 * every fault still leaves the commit made, the message the original or a valid polished one, and
 * exactly one stderr line — the worker's deadline and fail-open rules are the in-process ones.
 */
class HookFaultViaDaemonTest extends HookFaultTest {

  @RegisterExtension static final TestWorker WORKER = new TestWorker(10);

  @Override
  void customize(Map<String, String> env) {
    WORKER.customize(env);
  }
}
