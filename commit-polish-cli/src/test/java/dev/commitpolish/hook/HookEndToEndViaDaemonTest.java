package dev.commitpolish.hook;

import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every end-to-end case of {@link HookEndToEndTest} again — each commit mode, worktree, submodule,
 * hooksPath — with git's hook handing the run to a resident worker (in this JVM) through the real
 * launcher and its bash client, as when a worker runs. Same exact messages, same single stderr
 * line; a run that falls back to in-process fails the commit.
 */
class HookEndToEndViaDaemonTest extends HookEndToEndTest {

  @RegisterExtension static final TestWorker WORKER = new TestWorker(20);

  @Override
  void customize(Map<String, String> env) {
    WORKER.customize(env);
  }
}
