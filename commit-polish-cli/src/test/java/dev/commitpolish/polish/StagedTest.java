package dev.commitpolish.polish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.commitpolish.git.FileChange;
import java.util.List;
import org.junit.jupiter.api.Test;

class StagedTest {

  @Test
  void takesGitsFileListWithRenamesAndBinaries() {
    Staged s =
        Staged.of(
            List.of(
                new FileChange("src/a b.txt", "src/a b.txt", 'M', 3, 1, false),
                new FileChange("new.txt", "old.txt", 'R', 2, 2, false),
                new FileChange("logo.png", null, 'A', 0, 0, true)));
    assertThat(s.files())
        .containsExactly(
            new Staged.File('M', "src/a b.txt", "", 3, 1),
            new Staged.File('R', "new.txt", "old.txt", 2, 2),
            new Staged.File('A', "logo.png", "", -1, -1));
  }

  @Test
  void summaryHasAHeadlineAndCapsTheFileList() {
    Staged s =
        new Staged(
            List.of(
                new Staged.File('M', "a", "", 1, 2),
                new Staged.File('A', "b", "", 10, 0),
                new Staged.File('A', "c.png", "", -1, -1)));
    assertThat(s.summary(2, false))
        .containsExactly(
            "3 files staged, +11 -2, 1 binary",
            "  M a  +1 -2",
            "  A b  +10 -0",
            "  ... and 1 more");
  }

  @Test
  void emptyIndexIsEmpty() {
    assertThat(Staged.of(List.of()).isEmpty()).isTrue();
  }
}
