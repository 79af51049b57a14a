package dev.commitpolish.hook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.commitpolish.standin.Profile;
import dev.commitpolish.standin.RecordedRequest;
import dev.commitpolish.standin.StandInServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A repository whose commitlint config narrows {@code type-enum} and {@code header-max-length}: the
 * real {@code git commit} runs the real hook, which must discover the config, tell the model, and
 * only ever write a message that satisfies those rules.
 */
class HookRepoConventionTest {

  static final String COMMITLINTRC =
      "{\"extends\":[\"@commitlint/config-conventional\"],"
          + "\"rules\":{\"type-enum\":[2,\"always\",[\"feat\",\"hotfix\"]],"
          + "\"header-max-length\":[2,\"always\",40]}}\n";

  static StandInServer server;

  @TempDir Path tmp;
  Repo repo;

  @BeforeAll
  static void startServer() {
    server = StandInServer.builder().profile(Profile.LLAMACPP).port(0).nCtx(4096).start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @BeforeEach
  void setUp() throws IOException {
    server.clearRequests();
    Map<String, String> env = Repo.baseEnv(tmp.resolve("home"));
    env.put("COMMIT_POLISH_API_BASE", server.baseUrl());
    Path config = tmp.resolve("config.toml");
    Files.writeString(config, "[hook]\ndeadline_seconds = 15\n");
    env.put("COMMIT_POLISH_CONFIG", config.toString());
    repo = Repo.init(tmp.resolve("repo"), env);
    repo.write(".commitlintrc.json", COMMITLINTRC);
    repo.ok("add", ".commitlintrc.json");
    repo.ok("-c", "core.hooksPath=/dev/null", "commit", "-q", "-m", "feat: add commitlint config");
    server.clearRequests();
  }

  private List<RecordedRequest> chats() {
    return server.requests("/v1/chat/completions");
  }

  @Test
  void aTypeOutsideTheReposEnumIsRepairedIntoOneItAllows() {
    // given: the model first answers with a type config-conventional allows but this repo does not
    server.setReplies("fix(auth): refresh the login token", "hotfix(auth): refresh login token");
    repo.write("src/auth/Login.java", "class Login { int token = 2; }\n");
    repo.ok("add", "src/auth/Login.java");

    // when
    Repo.Run r = repo.git("commit", "-q", "-m", "fixed the login thing");

    // then: the repair round was fed the repo's rule, and the commit carries the allowed type
    assertThat(r.exit()).isZero();
    assertThat(repo.headMessage()).isEqualTo("hotfix(auth): refresh login token");
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.errLines().get(0)).startsWith("commit-polish: polished");
    assertThat(chats()).hasSize(2);
    assertThat(chats().get(0).body()).contains("hotfix");
    assertThat(chats().get(1).body()).contains("type-enum");
  }

  @Test
  void aHeaderLongerThanTheReposLimitNeverReachesTheCommit() {
    server.setReplies("hotfix(auth): refresh the expired session token on every login attempt");
    repo.write("src/auth/Login.java", "class Login { int token = 3; }\n");
    repo.ok("add", "src/auth/Login.java");

    Repo.Run r = repo.git("commit", "-q", "-m", "fixed the login thing");

    assertThat(r.exit()).isZero();
    String header = repo.headMessage().lines().findFirst().orElseThrow();
    assertThat(header.length()).isLessThanOrEqualTo(40);
    assertThat(header).matches("(feat|hotfix)(\\([^)]+\\))?!?: .+");
    assertThat(r.errLines()).hasSize(1);
  }
}
