package io.opsgate.testing.regex;

import java.lang.management.ManagementFactory;

/**
 * CPU time spent by this JVM, all threads. The corpus tests bound what a pattern costs with it rather than with
 * the wall clock: on a build machine whose two cores run other builds too (load 20 was seen), a request that takes
 * 50 ms of CPU can take over a second of wall-clock time, while its CPU time stays what the pattern costs. The
 * unbounded compiler spent seconds of CPU (and then the heap) on one pattern, so a bound of a second still fails it.
 */
public final class ProcessCpu {
    private ProcessCpu() {
    }

    /** Nanoseconds of CPU this process has used so far. */
    public static long nanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
