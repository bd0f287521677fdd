package io.opsgate.engine.bench;

import io.opsgate.engine.security.crypto.Aead;
import io.opsgate.engine.security.crypto.RecordSealer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * What sealing one stored record costs, and opening it again (the store seals every value it writes and opens every
 * value it reads at start): AES-256-GCM through {@link RecordSealer} at the sizes the store holds, from a small group
 * state (256 B) over a typical alert (1 KiB) to a ticket with its timeline (16 KiB). Four threads seal at once, as
 * the lanes of several tenants and notify do, to show no contention on a shared random source. Run with
 * {@code mvn -pl engine -am -Pbench verify -DskipTests -Djmh.args=RecordSealBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(4)
public class RecordSealBenchmark {
    @Param({"256", "1024", "16384"})
    public int bytes;

    private RecordSealer sealer;
    private byte[] plain;
    private byte[] sealed;
    private final byte[] key = "alert/00000000000000aa".getBytes(StandardCharsets.UTF_8);

    @Setup
    public void setup() {
        sealer = new RecordSealer();
        sealer.add(1, Aead.newKey());
        sealer.use(1);
        plain = new byte[bytes];
        new Random(1).nextBytes(plain);
        sealed = sealer.seal(plain, key);
    }

    @Benchmark
    public byte[] seal() {
        return sealer.seal(plain, key);
    }

    @Benchmark
    public byte[] open() throws GeneralSecurityException {
        return sealer.open(sealed, key);
    }

    @Benchmark
    public byte[] sealThenOpen() throws GeneralSecurityException {
        return sealer.open(sealer.seal(plain, key), key);
    }
}
