package dev.commitpolish.hook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageFileTest {

  static final String STATUS =
      "# Please enter the commit message for your changes. Lines starting\n"
          + "# with '#' will be ignored, and an empty message aborts the commit.\n"
          + "#\n"
          + "# On branch main\n"
          + "# Changes to be committed:\n"
          + "#\tnew file:   b.txt\n"
          + "#\n";

  @Test
  void plainEditorFileHasAnEmptyMessageAndKeepsGitsCommentBlock() {
    MessageFile mf = MessageFile.parse("\n" + STATUS, "#");
    assertThat(mf.draft()).isEmpty();
    assertThat(mf.withMessage("feat: add b")).isEqualTo("feat: add b\n\n" + STATUS);
  }

  @Test
  void dashMFileIsJustTheMessage() {
    MessageFile mf = MessageFile.parse("fixed it\n\nSigned-off-by: A <a@b>\n", "#");
    assertThat(mf.draft()).isEqualTo("fixed it\n\nSigned-off-by: A <a@b>");
    assertThat(mf.tail()).isEmpty();
    assertThat(mf.withMessage("fix: it")).isEqualTo("fix: it\n");
  }

  @Test
  void missingTrailingNewlineIsHandled() {
    MessageFile mf = MessageFile.parse("Merge branch 'f'", "#");
    assertThat(mf.draft()).isEqualTo("Merge branch 'f'");
    assertThat(mf.withMessage("x")).isEqualTo("x\n");
  }

  @Test
  void verboseScissorsSectionIsKeptByteForByte() {
    String scissors =
        "# ------------------------ >8 ------------------------\n"
            + "# Do not modify or remove the line above.\n"
            + "# Everything below it will be ignored.\n"
            + "diff --git a/b.txt b/b.txt\n"
            + "+# not a comment, part of the diff\n"
            + "+fixed\n";
    String content = "fixed the thing\n\n" + STATUS + scissors;
    MessageFile mf = MessageFile.parse(content, "#");
    assertThat(mf.draft()).isEqualTo("fixed the thing");
    assertThat(mf.withMessage("fix: the thing"))
        .isEqualTo("fix: the thing\n\n" + STATUS + scissors);
  }

  @Test
  void scissorsRightAfterTheMessageWithCleanupScissors() {
    String content =
        "\n# ------------------------ >8 ------------------------\n# Do not modify\n" + STATUS;
    MessageFile mf = MessageFile.parse(content, "#");
    assertThat(mf.draft()).isEmpty();
    assertThat(mf.withMessage("feat: x")).startsWith("feat: x\n\n# ------------------------ >8");
  }

  @Test
  void templateCommentsInsideTheMessageAreNotPartOfTheDraft() {
    String content = "Summary: fixed it\n# explain why below\nWhy: it broke\n\n" + STATUS;
    MessageFile mf = MessageFile.parse(content, "#");
    assertThat(mf.draft()).isEqualTo("Summary: fixed it\nWhy: it broke");
    assertThat(mf.withMessage("fix: it")).isEqualTo("fix: it\n\n" + STATUS);
  }

  @Test
  void customCommentCharIsHonoured() {
    String status = STATUS.replace('#', ';');
    String content = "#1 fixed issue\n\n" + status;
    MessageFile mf = MessageFile.parse(content, ";");
    assertThat(mf.draft()).isEqualTo("#1 fixed issue");
    assertThat(mf.withMessage("fix: issue #1")).isEqualTo("fix: issue #1\n\n" + status);
  }

  @Test
  void multiCharacterCommentStringIsHonoured() {
    String content = "fixed\n\n// On branch main\n// Changes\n";
    MessageFile mf = MessageFile.parse(content, "//");
    assertThat(mf.draft()).isEqualTo("fixed");
    assertThat(mf.tail()).isEqualTo("\n// On branch main\n// Changes\n");
  }

  @Test
  void crlfDraftIsNormalised() {
    MessageFile mf = MessageFile.parse("fixed it\r\n\r\nbody\r\n", "#");
    assertThat(mf.draft()).isEqualTo("fixed it\n\nbody");
  }
}
