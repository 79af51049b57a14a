package dev.commitpolish.polish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StagedTest {

  @Test
  void parsesNulSeparatedStatusAndCountsIncludingRenamesAndBinaries() {
    String ns = "M\0src/a b.txt\0R087\0old.txt\0new.txt\0A\0logo.png\0";
    String num = "3\t1\tsrc/a b.txt\0" + "2\t2\t\0old.txt\0new.txt\0" + "-\t-\tlogo.png\0";
    Staged s = Staged.parse(ns, num);
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
    assertThat(Staged.parse("", "").isEmpty()).isTrue();
  }
}
