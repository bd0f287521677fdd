package io.opsgate.engine.identity;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordHasherTest {

    @Test
    void aHashIsArgon2idInPhcFormatWithARandomSaltAndVerifiesOnlyItsPassword() {
        String a = PasswordHasher.hash("correct horse battery".toCharArray());
        String b = PasswordHasher.hash("correct horse battery".toCharArray());
        assertThat(a).matches("^\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}$");
        assertThat(a).isNotEqualTo(b);
        assertThat(PasswordHasher.verify(a, "correct horse battery".toCharArray())).isTrue();
        assertThat(PasswordHasher.verify(b, "correct horse battery".toCharArray())).isTrue();
        assertThat(PasswordHasher.verify(a, "correct horse batterY".toCharArray())).isFalse();
        assertThat(PasswordHasher.verify(a, "".toCharArray())).isFalse();
    }

    @Test
    void aKnownHashFromTheArgon2ReferenceToolVerifies() {
        // echo -n password | argon2 somesalt -id -t 2 -m 16 -p 4 -l 24 -e (Debian's argon2, the reference implementation)
        String reference = "$argon2id$v=19$m=65536,t=2,p=4$c29tZXNhbHQ$F1jG2CV3/Nr+yRuIsPKw0J9r4s7cJHBU";
        assertThat(PasswordHasher.verify(reference, "password".toCharArray())).isTrue();
        assertThat(PasswordHasher.verify(reference, "passwore".toCharArray())).isFalse();
    }

    @Test
    void malformedHashesAndParametersThatCouldStallTheEngineAreRefused() {
        String good = PasswordHasher.hash("a password of some length".toCharArray());
        assertThat(PasswordHasher.wellFormed(good)).isTrue();
        assertThat(PasswordHasher.wellFormed(null)).isFalse();
        assertThat(PasswordHasher.wellFormed(good.replace("argon2id", "argon2i"))).isFalse();
        assertThat(PasswordHasher.wellFormed(good.replace("m=19456", "m=4194304"))).isFalse();
        assertThat(PasswordHasher.wellFormed(good.replace("t=2", "t=99"))).isFalse();
        assertThat(PasswordHasher.wellFormed("$2y$10$abcdefghijklmnopqrstuv")).isFalse();
        assertThat(PasswordHasher.verify(good.replace("m=19456", "m=4194304"), "a password of some length".toCharArray())).isFalse();
        // Tampering with the stored hash makes every password fail.
        String tampered = good.substring(0, good.length() - 2) + (good.endsWith("A") ? "BB" : "AA");
        assertThat(PasswordHasher.verify(tampered, "a password of some length".toCharArray())).isFalse();
    }
}
