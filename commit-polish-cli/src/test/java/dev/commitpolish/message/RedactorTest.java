package dev.commitpolish.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedactorTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "+aws_key = AKIAIOSFODNN7EXAMPLE",
        "+token: ghp_abcdefghijklmnopqrstuvwxyz0123456789",
        "+GITLAB=glpat-abcdefghij0123456789",
        "+key = sk-proj-abcdefghijklmnopqrstuvwxyz012345",
        "+slack xoxb-1234567890-abcdefghij",
        "+const k = \"AIzaSyA1234567890abcdefghijklmnopqrstuv\"",
        "+jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
      })
  void tokensAreMasked(String line) {
    String out = Redactor.redact(line);
    assertThat(out).contains(Redactor.MASK);
    String secret = line.substring(line.lastIndexOf(' ') + 1).replace("\"", "");
    assertThat(out).doesNotContain(secret);
  }

  @Test
  void assignmentsAndUrlsWithPasswordsAreMasked() {
    String out =
        Redactor.redact(
            "+db_password = \"hunter2hunter\"\n+API_KEY: abc123xyz\n"
                + "+url = postgres://app:s3cretpw@db.example.com/x\n+name = \"alice\"");
    assertThat(out)
        .doesNotContain("hunter2hunter")
        .doesNotContain("abc123xyz")
        .doesNotContain("s3cretpw")
        .contains("name = \"alice\"");
  }

  @Test
  void aUserNameThatLooksLikeAReplacementStaysText() {
    assertThat(Redactor.redact("+url = https://$1:hunter2pw@example.com/x"))
        .isEqualTo("+url = https://$1:" + Redactor.MASK + "@example.com/x");
    assertThat(Redactor.redact("+url = https://a\\b:hunter2pw@example.com/x"))
        .isEqualTo("+url = https://a\\b:" + Redactor.MASK + "@example.com/x");
  }

  @Test
  void privateKeyBlocksAreMasked() {
    String out =
        Redactor.redact(
            "+-----BEGIN RSA PRIVATE KEY-----\n+MIIEowIBAAKCAQEA\n+-----END RSA PRIVATE KEY-----\n+x");
    assertThat(out).doesNotContain("MIIEowIBAAKCAQEA").endsWith("+x");
  }

  @Test
  void dotenvValuesAreMaskedButOtherFilesKeepTheirAssignments() {
    String section =
        "--- .env\n@@ -0,0 +1,2 @@\n+DATABASE_HOST=db.internal\n+FEATURE_FLAG=on\n"
            + "--- src/config.py\n@@ -1 +1 @@\n+retries = 3";
    String out = Redactor.redact(section);
    assertThat(out)
        .doesNotContain("db.internal")
        .contains("+DATABASE_HOST=" + Redactor.MASK)
        .contains("+retries = 3");
  }
}
