package io.opsgate.engine.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The engine jar as a separate process: started with a mode and options, killed by its own PID only. */
public final class EngineProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern SMTP = Pattern.compile("SMTP intake on smtp://127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern METRICS = Pattern.compile("metrics on http://127\\.0\\.0\\.1:(\\d+)");

    private final Process process;
    private final int port;
    private final CompletableFuture<Integer> smtpPort;
    private final CompletableFuture<Integer> metricsPort;

    private EngineProcess(Process process, int port, CompletableFuture<Integer> smtpPort,
                          CompletableFuture<Integer> metricsPort) {
        this.process = process;
        this.port = port;
        this.smtpPort = smtpPort;
        this.metricsPort = metricsPort;
    }

    /** The shaded jar built by the package phase. */
    public static Path jar() {
        Path jar = Path.of(System.getProperty("opsgate.engineJar", "target/opsgate-engine.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run mvn verify (the package phase builds it)");
        }
        return jar;
    }

    /** Starts {@code java -jar opsgate-engine.jar <args>} and waits until it listens. */
    public static EngineProcess start(Path log, String... args) throws IOException {
        return start(log, java.util.Map.of(), args);
    }

    /** Starts the jar with extra environment variables. */
    public static EngineProcess start(Path log, java.util.Map<String, String> env, String... args) throws IOException {
        return start(log, env, List.of("-Xmx512m"), args);
    }

    /** Starts the jar with extra environment variables and these JVM options (e.g. a heap limit). */
    public static EngineProcess start(Path log, java.util.Map<String, String> env, List<String> jvm, String... args)
            throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvm);
        cmd.addAll(List.of("-jar", jar().toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        Process p = builder.start();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        CompletableFuture<Integer> smtp = new CompletableFuture<>();
        CompletableFuture<Integer> metrics = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    }
                    Matcher s = SMTP.matcher(line);
                    if (s.find()) {
                        smtp.complete(Integer.parseInt(s.group(1)));
                    }
                    Matcher m2 = METRICS.matcher(line);
                    if (m2.find()) {
                        metrics.complete(Integer.parseInt(m2.group(1)));
                    }
                }
            } catch (IOException e) {
                port.completeExceptionally(e);
            }
            port.completeExceptionally(new IllegalStateException("the engine exited before listening; see " + log));
            smtp.completeExceptionally(new IllegalStateException("the engine exited without an SMTP intake; see " + log));
            metrics.completeExceptionally(new IllegalStateException("the engine exited without a metrics listener; see " + log));
        }, "engine-stdout");
        reader.setDaemon(true);
        reader.start();
        try {
            return new EngineProcess(p, port.get(90, TimeUnit.SECONDS), smtp, metrics);
        } catch (Exception e) {
            p.destroyForcibly();
            throw new IOException("engine did not start: " + e.getMessage() + "\n" + tail(log), e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    public int port() {
        return port;
    }

    /** The SMTP intake's port, printed right after the HTTP line when the intake runs. */
    public int smtpPort() throws Exception {
        return smtpPort.get(30, TimeUnit.SECONDS);
    }

    /** The plain metrics listener's port ({@code --metrics-listen=127.0.0.1:0}), printed after the HTTP line. */
    public int metricsPort() throws Exception {
        return metricsPort.get(30, TimeUnit.SECONDS);
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL: no shutdown hook, no flush, as a crash. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill9();
            }
        }
    }
}
