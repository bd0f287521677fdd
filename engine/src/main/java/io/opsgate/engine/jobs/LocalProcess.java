package io.opsgate.engine.jobs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One local command, run without a shell in a fresh working directory, with its output (stdout and stderr
 * together) reduced to a tail. A run that outlives its deadline is stopped, children included.
 */
final class LocalProcess {
    static final int TAIL_LINES = 20;
    static final int TAIL_CHARS = 4096;

    /**
     * How it ended.
     *
     * @param exitCode the exit code, or null when it did not start or was stopped
     * @param timedOut whether the deadline stopped it
     * @param error    why it did not start, or null
     * @param tail     the last lines of its output
     */
    record Result(Integer exitCode, boolean timedOut, String error, String tail) {
        boolean succeeded() {
            return exitCode != null && exitCode == 0 && !timedOut;
        }
    }

    private volatile Process process;
    private volatile boolean cancelled;

    /** Runs {@code command} until it ends or {@code deadlineNanos} (System.nanoTime) passes. */
    Result run(List<String> command, Map<String, String> env, long deadlineNanos) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("opsgate-job-");
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
            pb.environment().putAll(env);
            Process p;
            synchronized (this) {
                if (cancelled) {
                    return new Result(null, false, "cancelled", "");
                }
                p = pb.start();
                process = p;
            }
            p.getOutputStream().close();
            Tail tail = new Tail();
            Thread reader = new Thread(() -> tail.read(p), "local-job-output");
            reader.setDaemon(true);
            reader.start();
            long wait = deadlineNanos - System.nanoTime();
            boolean ended = wait > 0 && p.waitFor(wait, TimeUnit.NANOSECONDS);
            if (!ended) {
                stop(p);
            }
            reader.join(5_000);
            return new Result(ended && !cancelled ? p.exitValue() : null, !ended && !cancelled,
                    cancelled ? "cancelled" : null, tail.text());
        } catch (IOException e) {
            return new Result(null, false, e.getMessage(), "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Process p = process;
            if (p != null) {
                stop(p);
            }
            return new Result(null, false, "interrupted", "");
        } finally {
            if (dir != null) {
                delete(dir);
            }
        }
    }

    /** Stops the running process (concurrencyPolicy Replace), and any process this object would start. */
    void cancel() {
        Process p;
        synchronized (this) {
            cancelled = true;
            p = process;
        }
        if (p != null) {
            stop(p);
        }
    }

    private static void stop(Process p) {
        p.descendants().forEach(ProcessHandle::destroy);
        p.destroy();
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory is harmless
        }
    }

    /** The last lines of a stream, bounded in lines and characters. */
    private static final class Tail {
        private final ArrayDeque<String> lines = new ArrayDeque<>();

        void read(Process p) {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (this) {
                        lines.addLast(line.length() > TAIL_CHARS ? line.substring(0, TAIL_CHARS) : line);
                        if (lines.size() > TAIL_LINES) {
                            lines.removeFirst();
                        }
                    }
                }
            } catch (IOException e) {
                // the process was stopped; what was read is kept
            }
        }

        synchronized String text() {
            String t = String.join("\n", lines);
            return t.length() > TAIL_CHARS ? t.substring(t.length() - TAIL_CHARS) : t;
        }
    }
}
