package io.opsgate.webhook.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.opsgate.api.v1alpha1.Tenant;
import io.opsgate.webhook.testing.RunningWebhook;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static io.opsgate.webhook.testing.AdmissionRequests.JSON;
import static io.opsgate.webhook.testing.AdmissionRequests.create;
import static io.opsgate.webhook.testing.AdmissionRequests.object;
import static io.opsgate.webhook.testing.AdmissionRequests.update;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Garbled AdmissionReviews, from valid ones with parts deleted, replaced by other JSON, or the text
 * cut and corrupted, and plain random bytes: the webhook answers every one, in time, never with a
 * 5xx, and never with an internal fault inside a well-formed answer.
 */
class AdmissionFuzzIT {

    private static Path tls;
    private static RunningWebhook webhook;
    private static final List<String> SEEDS = new ArrayList<>();

    @BeforeContainer
    static void start() throws Exception {
        tls = Files.createTempDirectory("opsgate-fuzz-tls");
        webhook = RunningWebhook.start(tls, Duration.ofSeconds(30));
        webhook.cluster()
                .tenant(new YAMLMapper().readValue("{apiVersion: opsgate.io/v1alpha1, kind: Tenant, metadata: {name: demo},"
                        + " spec: {limits: {maxAlertRules: 3}}}", Tenant.class));
        YAMLMapper yaml = new YAMLMapper();
        Path examples = Path.of(System.getProperty("opsgate.repoRoot", "..")).resolve("examples/demo");
        try (Stream<Path> files = Files.list(examples)) {
            for (Path f : files.sorted().toList()) {
                for (JsonNode doc : yaml.readValues(yaml.createParser(f.toFile()), JsonNode.class).readAll()) {
                    ObjectNode o = object(yaml.writeValueAsString(doc));
                    SEEDS.add(create(o));
                    SEEDS.add(update(o, o));
                }
            }
        }
        SEEDS.add(create(object("""
                apiVersion: opsgate.io/v1alpha1
                kind: OpsJobRun
                metadata: {name: r, namespace: opsgate-demo}
                spec: {opsJob: restart-web}
                """)));
    }

    @AfterContainer
    static void stop() throws Exception {
        webhook.close();
        try (Stream<Path> files = Files.walk(tls)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Property(tries = 250)
    void aGarbledReviewIsAnsweredWithoutAServerError(@ForAll("garbledReviews") String body,
                                                     @ForAll("endpoints") String path) throws Exception {
        assertAnsweredWell(webhook.post(path, body));
    }

    @Property(tries = 60)
    void randomBytesAreAnsweredWithoutAServerError(@ForAll("bytes") byte[] body,
                                                   @ForAll("endpoints") String path) throws Exception {
        assertAnsweredWell(webhook.post(path, HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private static void assertAnsweredWell(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isLessThan(500);
        if (r.statusCode() == 200) {
            JsonNode response = JSON.readTree(r.body()).path("response");
            assertThat(response.path("uid").isTextual()).isTrue();
            assertThat(response.path("allowed").isBoolean()).isTrue();
            assertThat(response.path("status").path("code").asInt()).as(r.body()).isNotEqualTo(500);
        } else {
            assertThat(r.statusCode()).as(r.body()).isIn(400, 413);
        }
    }

    @Provide
    Arbitrary<String> endpoints() {
        return Arbitraries.of("/validate", "/mutate");
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(4096);
    }

    @Provide
    Arbitrary<String> garbledReviews() {
        return Arbitraries.longs().map(seed -> garble(new Random(seed)));
    }

    private static String garble(Random random) {
        String seed = SEEDS.get(random.nextInt(SEEDS.size()));
        try {
            JsonNode tree = JSON.readTree(seed);
            int mutations = 1 + random.nextInt(4);
            for (int i = 0; i < mutations; i++) {
                mutate(tree, random);
            }
            String text = JSON.writeValueAsString(tree);
            return switch (random.nextInt(6)) {
                case 0 -> text.substring(0, random.nextInt(text.length() + 1));
                case 1 -> corrupt(text, random);
                default -> text;
            };
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Deletes a member, or replaces one with a value of another shape. */
    private static void mutate(JsonNode root, Random random) {
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        JsonNode target = containers.get(random.nextInt(containers.size()));
        if (target instanceof ObjectNode o && o.size() > 0) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            String name = names.get(random.nextInt(names.size()));
            if (random.nextInt(3) == 0) {
                o.remove(name);
            } else {
                o.set(name, randomValue(random, 0));
            }
        } else if (target instanceof ArrayNode a && a.size() > 0) {
            int i = random.nextInt(a.size());
            if (random.nextInt(3) == 0) {
                a.remove(i);
            } else {
                a.set(i, randomValue(random, 0));
            }
        }
    }

    private static void collect(JsonNode n, List<JsonNode> out) {
        if (n.isContainerNode()) {
            out.add(n);
            n.forEach(child -> collect(child, out));
        }
    }

    private static JsonNode randomValue(Random random, int depth) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (random.nextInt(depth > 3 ? 12 : 15)) {
            case 0 -> f.nullNode();
            case 1 -> f.booleanNode(random.nextBoolean());
            case 2 -> f.numberNode(random.nextLong());
            case 3 -> f.numberNode(-1);
            case 4 -> f.numberNode(1e308);
            case 5 -> f.textNode("");
            case 6 -> f.textNode(pick(random, "(", "job=~\"(\"", "61 * * * *", "Mars/Olympus", "10.0.0.0/33", "5 minutes",
                    "PostgreSQL", "Email", "Slack", "CREATE", "UPDATE", "opsgate.io", "AlertRule", "Tenant", "..", "a/b~c"));
            case 7 -> f.textNode(randomText(random));
            case 8 -> f.numberNode(random.nextDouble());
            case 9 -> f.numberNode(Integer.MAX_VALUE);
            case 10 -> f.textNode("x".repeat(random.nextInt(70_000)));
            case 11 -> f.arrayNode();
            case 12 -> {
                ArrayNode a = f.arrayNode();
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    a.add(randomValue(random, depth + 1));
                }
                yield a;
            }
            default -> {
                ObjectNode o = f.objectNode();
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    o.set(pick(random, "spec", "metadata", "name", "kind", "type", "matchers", "dependsOn", "secretRef",
                            "namespace", "storage", "items", "uid", randomText(random)), randomValue(random, depth + 1));
                }
                yield o;
            }
        };
    }

    private static String corrupt(String text, Random random) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        int n = 1 + random.nextInt(8);
        for (int i = 0; i < n && b.length > 0; i++) {
            b[random.nextInt(b.length)] = (byte) random.nextInt(256);
        }
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static String randomText(Random random) {
        StringBuilder sb = new StringBuilder();
        int n = random.nextInt(20);
        for (int i = 0; i < n; i++) {
            sb.appendCodePoint(random.nextInt(3) == 0 ? 0x80 + random.nextInt(0x2000) : 0x20 + random.nextInt(0x5f));
        }
        return sb.toString();
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... values) {
        return values[random.nextInt(values.length)];
    }
}
