package dev.atrium.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
  private final PasswordHasher hasher = new PasswordHasher(PasswordHasher.OWASP, 2);

  @Test
  void hash_isArgon2idPhcWithOwaspParameters_andSalted() {
    String first = hasher.hash("correct horse battery");
    String second = hasher.hash("correct horse battery");

    assertThat(first).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    assertThat(first).isNotEqualTo(second);
  }

  @Test
  void verify_acceptsOnlyTheRightPassword() {
    String hash = hasher.hash("correct horse battery");

    assertThat(hasher.verify("correct horse battery", hash)).isTrue();
    assertThat(hasher.verify("correct horse batterY", hash)).isFalse();
    assertThat(hasher.verify("", hash)).isFalse();
  }

  @Test
  void verify_ofAPasswordOver1024Bytes_isFalse_notAnError() {
    String hash = hasher.hash("correct horse battery");
    String overlong = "correct horse battery" + "x".repeat(1_024);

    assertThat(hasher.verify(overlong, hash)).isFalse();
    hasher.verifyAgainstDummy(overlong);
  }

  @Test
  void verify_neverMatchesMalformedHashes() {
    for (String bad :
        new String[] {
          null,
          "",
          "plain",
          "$argon2i$v=19$m=19456,t=2,p=1$AAAA$AAAA",
          "$argon2id$v=19$m=1,t=2,p=1$AAAA$AAAA",
          "$argon2id$v=19$m=19456,t=2,p=1$!!$AAAA"
        }) {
      assertThat(hasher.verify("anything", bad)).as(String.valueOf(bad)).isFalse();
    }
  }

  @Test
  void hashesMadeWithOtherParameters_stillVerify_andAreMarkedForRehash() {
    PasswordHasher older = new PasswordHasher(new PasswordHasher.Parameters(8192, 1, 1), 1);
    String oldHash = older.hash("correct horse battery");

    assertThat(hasher.verify("correct horse battery", oldHash)).isTrue();
    assertThat(hasher.needsRehash(oldHash)).isTrue();
    assertThat(hasher.needsRehash(hasher.hash("x".repeat(10)))).isFalse();
  }

  @Test
  void verify_acceptsAHashFromTheReferenceArgon2Implementation() {
    // Made by the reference C implementation (Debian's argon2 CLI):
    // echo -n password1234 | argon2 atrium-salt-0001 -id -t 2 -k 19456 -p 1 -l 32 -e
    String reference =
        "$argon2id$v=19$m=19456,t=2,p=1$YXRyaXVtLXNhbHQtMDAwMQ$eUSlbAmjvbK3tQhqTWsZiWDNKHhcSLyzFKA4wakzx0k";

    assertThat(hasher.verify("password1234", reference)).isTrue();
    assertThat(hasher.verify("password1235", reference)).isFalse();
    assertThat(hasher.needsRehash(reference)).isFalse();
  }
}
