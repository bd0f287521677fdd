import com.sun.net.httpserver.HttpServer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * End-to-end notification latency of standalone opsgate: from POST /api/v2/alerts to a local webhook sink
 * receiving the notification (group_wait 0), open loop at a fixed rate, everything on 127.0.0.1.
 * Each alert is its own group (and ticket) and carries its send time (System.nanoTime of this JVM) and id
 * in annotations; the sink, in this JVM, takes the difference on arrival. opsgate runs as its own process
 * from the jar. Run by scripts/bench-notify: java NotifyLatency.java <jar> <workdir>; env RATE (alerts/s,
 * 1000), BATCH (alerts per request, 1), WARMUP (s, 10, not counted), DURATION (s, 30), HEAP (1g), CONNECTIONS
 * (requests in flight at most, 32). Latency counts from the moment a request was due, not when it went out.
 */
public final class NotifyLatency {
    private static final Pattern SENT = Pattern.compile("\"sent\":\"(\\d+)\"");
    private static final Pattern ID = Pattern.compile("\"id\":\"(\\d+)\"");

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        Path work = Path.of(args[1]);
        int rate = env("RATE", 1000);
        int batch = env("BATCH", 1);
        int warmup = env("WARMUP", 10);
        int duration = env("DURATION", 30);
        String heap = System.getenv().getOrDefault("HEAP", "1g");

        long firstMeasured = (long) warmup * rate;
        long total = (long) (warmup + duration) * rate;
        long[] latency = new long[(int) total];
        Arrays.fill(latency, -1);
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        AtomicLong duplicates = new AtomicLong();
        AtomicInteger requests = new AtomicInteger();

        HttpServer sink = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        sink.setExecutor(Executors.newFixedThreadPool(4));
        sink.createContext("/", ex -> {
            long now = System.nanoTime();
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.incrementAndGet();
            Matcher s = SENT.matcher(body);
            Matcher i = ID.matcher(body);
            while (s.find() && i.find()) {
                long id = Long.parseLong(i.group(1));
                if (!seen.add(id)) {
                    duplicates.incrementAndGet();
                } else if (id < latency.length) {
                    latency[(int) id] = now - Long.parseLong(s.group(1));
                }
            }
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        sink.start();

        Path config = work.resolve("config");
        Path secrets = work.resolve("secrets");
        Files.createDirectories(config);
        String token = "bench-notify-token-" + System.nanoTime();
        write(secrets.resolve("opsgate-bench/opsgate-token-loadgen/token"), token);
        write(secrets.resolve("opsgate-bench/hook-signing/hmacKey"), "bench-hmac-key-" + System.nanoTime());
        write(config.resolve("bench.yaml"), """
                apiVersion: opsgate.io/v1alpha1
                kind: Tenant
                metadata: {name: bench}
                spec:
                  apiTokens: [{name: loadgen, scopes: [Ingest, Read]}]
                  ingest: {rateLimit: {perSecond: 100000, burst: 1000000}}
                  egress: [{cidr: 127.0.0.1/32}]
                ---
                apiVersion: opsgate.io/v1alpha1
                kind: NotificationChannel
                metadata: {name: hook, namespace: opsgate-bench}
                spec:
                  type: Webhook
                  webhook: {url: "http://127.0.0.1:%d/hook"}
                  secretRef: {name: hook-signing}
                ---
                apiVersion: opsgate.io/v1alpha1
                kind: AlertRule
                metadata: {name: page, namespace: opsgate-bench}
                spec:
                  matchers: ['severity="critical"']
                  actions:
                    ticket: {priority: P2}
                    notify: {channels: [hook], groupBy: [alertname], groupWait: 0s, groupInterval: 5m, repeatInterval: 4h}
                """.formatted(sink.getAddress().getPort()));

        Process opsgate = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-jar", jar.toString(), "standalone", "--config-dir=" + config, "--secrets-dir=" + secrets,
                "--data=" + work.resolve("data"), "--listen=127.0.0.1:0", "--metrics-listen=127.0.0.1:0")
                .redirectError(work.resolve("opsgate.log").toFile()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(opsgate::destroyForcibly));
        try {
            int[] ports = listening(opsgate);
            int port = ports[0];
            int metricsPort = ports[1];
            System.out.printf("opsgate pid %d on port %d; sink on port %d; %d alerts/s, batch %d, %d s warm-up, %d s measured%n",
                    opsgate.pid(), port, sink.getAddress().getPort(), rate, batch, warmup, duration);
            long[] post = new long[(int) (total / batch) + 1];
            Arrays.fill(post, -1);
            AtomicLong failed = new AtomicLong();
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .executor(Executors.newFixedThreadPool(2)).build();
            // At most this many requests in flight, so a slow server is not flooded with new connections.
            java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(env("CONNECTIONS", 32));
            URI uri = URI.create("http://127.0.0.1:" + port + "/api/v2/alerts");
            String endsAt = Instant.now().plus(Duration.ofHours(6)).toString();
            long cpuBefore = 0;
            double loadBefore = 0;
            long periodNanos = 1_000_000_000L * batch / rate;
            long start = System.nanoTime();
            int r = 0;
            for (long id = 0; id < total; id += batch, r++) {
                if (id >= firstMeasured && cpuBefore == 0) {
                    cpuBefore = cpuTicks(opsgate.pid());
                    loadBefore = load();
                }
                long due = start + r * periodNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                // Latency counts from when the request was due, so a driver or server falling behind shows.
                long sent = due;
                inFlight.acquire();
                StringBuilder body = new StringBuilder("[");
                for (long k = id; k < Math.min(total, id + batch); k++) {
                    body.append(k == id ? "" : ",").append("{\"labels\":{\"alertname\":\"Bench").append(k)
                            .append("\",\"severity\":\"critical\",\"instance\":\"bench-1\"},\"annotations\":{\"id\":\"")
                            .append(k).append("\",\"sent\":\"").append(sent).append("\"},\"endsAt\":\"").append(endsAt).append("\"}");
                }
                int req = r;
                client.sendAsync(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body.append(']').toString())).build(),
                        HttpResponse.BodyHandlers.discarding())
                        .whenComplete((resp, e) -> {
                            inFlight.release();
                            if (e != null || resp.statusCode() != 200) {
                                failed.incrementAndGet();
                            } else {
                                post[req] = System.nanoTime() - sent;
                            }
                        });
            }
            long sendEnd = System.nanoTime();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (seen.size() < total && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            long cpuAfter = cpuTicks(opsgate.pid());
            double measuredSeconds = (sendEnd - start) / 1e9 - warmup;
            long[] measured = Arrays.stream(latency, (int) firstMeasured, (int) total).filter(v -> v >= 0).sorted().toArray();
            long[] postMeasured = Arrays.stream(post, (int) (firstMeasured / batch), post.length).filter(v -> v >= 0).sorted().toArray();
            long received = seen.size();
            long lost = total - received;
            System.out.printf("sent %d alerts in %.1f s (%.0f/s achieved), POST failures %d%n", total, (sendEnd - start) / 1e9,
                    total / ((sendEnd - start) / 1e9), failed.get());
            System.out.printf("notifications received %d (sink requests %d), not received %d, duplicates %d%n", received,
                    requests.get(), lost, duplicates.get());
            System.out.printf("RESULT e2e_ms p50=%.2f p90=%.2f p99=%.2f p999=%.2f max=%.2f n=%d%n", ms(measured, 0.50),
                    ms(measured, 0.90), ms(measured, 0.99), ms(measured, 0.999), ms(measured, 1.0), measured.length);
            System.out.printf("RESULT post_ms p50=%.2f p99=%.2f max=%.2f n=%d%n", ms(postMeasured, 0.50), ms(postMeasured, 0.99),
                    ms(postMeasured, 1.0), postMeasured.length);
            System.out.printf("RESULT opsgate_cpu_cores=%.2f loadavg_before=%.2f loadavg_after=%.2f%n",
                    (cpuAfter - cpuBefore) / 100.0 / measuredSeconds, loadBefore, load());
            HttpResponse<String> metrics = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            metrics.body().lines().filter(l -> l.startsWith("opsgate_notifications_sent_total")
                    || l.startsWith("opsgate_notification_delivery_seconds_count") || l.startsWith("opsgate_notification_delivery_seconds_sum")
                    || l.startsWith("opsgate_store_commit_latency_seconds_count") || l.startsWith("opsgate_store_commit_latency_seconds_sum"))
                    .forEach(System.out::println);
        } finally {
            opsgate.destroy();
            if (!opsgate.waitFor(20, TimeUnit.SECONDS)) {
                opsgate.destroyForcibly();
            }
            sink.stop(0);
        }
        System.exit(0);
    }

    private static int env(String name, int fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : Integer.parseInt(v.strip());
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text + "\n");
    }

    /** The API port and the metrics listener's port, as the process prints them once it serves. */
    private static int[] listening(Process p) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        Pattern api = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");
        Pattern metrics = Pattern.compile("metrics on http://127\\.0\\.0\\.1:(\\d+)");
        int apiPort = -1;
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            Matcher a = api.matcher(line);
            if (a.find()) {
                apiPort = Integer.parseInt(a.group(1));
            }
            Matcher m = metrics.matcher(line);
            if (m.find() && apiPort > 0) {
                Thread drain = new Thread(() -> out.lines().forEach(l -> { }));
                drain.setDaemon(true);
                drain.start();
                return new int[]{apiPort, Integer.parseInt(m.group(1))};
            }
        }
        throw new IllegalStateException("opsgate exited before listening; see its log");
    }

    /** utime + stime of a process, in clock ticks (100 per second on Linux). */
    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    private static double load() throws IOException {
        return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    }

    private static double ms(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
        return sorted[i] / 1e6;
    }
}
