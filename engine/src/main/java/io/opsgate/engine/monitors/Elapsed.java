package io.opsgate.engine.monitors;

/** Milliseconds since a start taken with {@link System#nanoTime()}. */
final class Elapsed {
    private final long start = System.nanoTime();

    long millis() {
        return (System.nanoTime() - start) / 1_000_000L;
    }

    long nanos() {
        return System.nanoTime() - start;
    }
}
