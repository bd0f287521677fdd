package io.opsgate.engine.security.crypto;

import org.junit.jupiter.api.Test;

import javax.crypto.AEADBadTagException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sealed format, the binding to the record's key, and nonces that never repeat under one session key. */
class RecordSealerTest {
    static final byte[] KEY = "alert/00000000000000aa".getBytes(StandardCharsets.UTF_8);
    static final byte[] PLAIN = "{\"labels\":{\"instance\":\"web-1\"}}".getBytes(StandardCharsets.UTF_8);

    static RecordSealer sealer(byte[] dataKey) {
        RecordSealer s = new RecordSealer();
        s.add(1, dataKey);
        s.use(1);
        return s;
    }

    @Test
    void aSealedValueNamesItsKeyAndOpensOnlyUnderItsRecordKey() throws Exception {
        RecordSealer s = sealer(Aead.newKey());
        byte[] sealed = s.seal(PLAIN, KEY);
        assertThat(sealed).hasSize(PLAIN.length + RecordSealer.OVERHEAD);
        assertThat(RecordSealer.isSealed(sealed)).isTrue();
        assertThat(RecordSealer.isSealed(PLAIN)).as("JSON never starts with byte 1").isFalse();
        assertThat(RecordSealer.keyNumber(sealed)).isEqualTo(1);
        assertThat(s.open(sealed, KEY)).isEqualTo(PLAIN);
        assertThatThrownBy(() -> s.open(sealed, "alert/00000000000000bb".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(AEADBadTagException.class);
    }

    @Test
    void changingAnyByteOfHeaderOrCiphertextFails() {
        RecordSealer s = sealer(Aead.newKey());
        byte[] sealed = s.seal(PLAIN, KEY);
        for (int i = 5; i < sealed.length; i++) {
            byte[] changed = sealed.clone();
            changed[i] ^= 0x40;
            assertThatThrownBy(() -> s.open(changed, KEY)).as("byte %d", i).isInstanceOf(GeneralSecurityException.class);
        }
        byte[] otherKeyNumber = sealed.clone();
        otherKeyNumber[4] = 2;
        assertThatThrownBy(() -> s.open(otherKeyNumber, KEY)).hasMessageContaining("data key 2 is not available");
    }

    @Test
    void noncesAreACounterUnderASessionKeyAndSessionsDrawDifferentSalts() throws Exception {
        byte[] dataKey = Aead.newKey();
        RecordSealer one = sealer(dataKey);
        Set<ByteBuffer> headers = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            byte[] sealed = one.seal(PLAIN, KEY);
            assertThat(headers.add(ByteBuffer.wrap(sealed, 0, RecordSealer.HEADER).slice())).isTrue();
        }
        RecordSealer two = sealer(dataKey);
        byte[] a = one.seal(PLAIN, KEY);
        byte[] b = two.seal(PLAIN, KEY);
        assertThat(ByteBuffer.wrap(a, 5, 16)).as("salt").isNotEqualTo(ByteBuffer.wrap(b, 5, 16));
        assertThat(two.open(a, KEY)).as("another session opens it with the same data key").isEqualTo(PLAIN);
    }

    @Test
    void aRemovedKeyNoLongerOpensWhatItSealed() {
        RecordSealer s = sealer(Aead.newKey());
        byte[] sealed = s.seal(PLAIN, KEY);
        s.add(2, Aead.newKey());
        s.use(2);
        s.remove(1);
        assertThatThrownBy(() -> s.open(sealed, KEY)).hasMessageContaining("data key 1 is not available");
        assertThat(RecordSealer.keyNumber(s.seal(PLAIN, KEY))).isEqualTo(2);
        s.wipe();
        assertThatThrownBy(() -> s.seal(PLAIN, KEY)).isInstanceOf(IllegalStateException.class);
    }
}
