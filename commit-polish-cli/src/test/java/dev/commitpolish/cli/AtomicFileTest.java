package dev.commitpolish.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {

  @TempDir Path tmp;

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  private long files() throws IOException {
    try (Stream<Path> s = Files.list(tmp)) {
      return s.count();
    }
  }

  @Test
  void aNewFileIsReadableAndItsParentsAreCreated() throws IOException {
    Path f = tmp.resolve("a/b/config.toml");
    AtomicFile.replace(f, b("x = 1\n"));
    assertThat(Files.readString(f)).isEqualTo("x = 1\n");
    assertThat(mode(f)).isEqualTo("rw-r--r--");
  }

  @Test
  void replacingKeepsTheModeOfTheFileItReplaces() throws IOException {
    Path f = Files.writeString(tmp.resolve("COMMIT_EDITMSG"), "old\n");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
    AtomicFile.replace(f, b("new\n"));
    assertThat(Files.readString(f)).isEqualTo("new\n");
    assertThat(mode(f)).isEqualTo("rw-------");
    assertThat(files()).isEqualTo(1); // no temporary file left
  }

  @Test
  void aNewFileCanBeOwnerOnlyWhileAnExistingOneKeepsItsMode() throws IOException {
    Path fresh = tmp.resolve("config.toml");
    AtomicFile.replace(fresh, b("[ai]\n"), AtomicFile.OWNER_ONLY);
    assertThat(mode(fresh)).isEqualTo("rw-------");
    Path shared = Files.writeString(tmp.resolve("shared.toml"), "x");
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rw-r--r--"));
    AtomicFile.replace(shared, b("[ai]\n"), AtomicFile.OWNER_ONLY);
    assertThat(mode(shared)).isEqualTo("rw-r--r--");
  }

  @Test
  void anExplicitModeIsTheFilesWhateverWasThere() throws IOException {
    Path hook = Files.writeString(tmp.resolve("prepare-commit-msg"), "#!/bin/sh\n");
    AtomicFile.write(hook, b("#!/bin/sh\nexit 0\n"), AtomicFile.EXECUTABLE);
    assertThat(mode(hook)).isEqualTo("rwxr-xr-x");
    Path secret = tmp.resolve("daemon.state");
    AtomicFile.write(secret, b("1 token\n"), AtomicFile.OWNER_ONLY);
    assertThat(mode(secret)).isEqualTo("rw-------");
  }

  @Test
  void aFailedReplaceLeavesTheTargetAndNoTemporaryFile() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("target"));
    Files.writeString(dir.resolve("inside"), "kept");
    assertThatThrownBy(() -> AtomicFile.replace(dir, b("x"))).isInstanceOf(IOException.class);
    assertThat(Files.readString(dir.resolve("inside"))).isEqualTo("kept");
    assertThat(files()).isEqualTo(1);
  }
}
