package io.opsgate.operator.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.opsgate.api.v1alpha1.Tenant;
import io.opsgate.operator.tenant.model.TenantSecretBuilder;
import io.opsgate.operator.tenant.model.Workload;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A tenant's key-encryption keys (ISO/IEC 27017 10.1.2) in Secret opsgate-kek: one key per id, 32
 * random bytes, the id a UTC timestamp so that the newest sorts last (the engine wraps new data keys
 * with it and unwraps with any). A key is never overwritten. Every {@link #ROTATION} a new id is added;
 * older ids are removed only once both workloads report ({@code GET /internal/v1/security},
 * {@code dataKey.kekId}) that their data key is wrapped by the newest.
 */
public final class TenantKeks {

    public static final Duration ROTATION = Duration.ofDays(180);
    static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * @param ids     the key ids in the Secret, oldest first
     * @param current the id that wraps new data keys
     */
    public record State(List<String> ids, String current) {
    }

    private final KubernetesClient client;
    private final SecurityRecorder recorder;

    public TenantKeks(KubernetesClient client, SecurityRecorder recorder) {
        this.client = client;
        this.recorder = recorder;
    }

    public State ensure(Tenant tenant, Function<String, Optional<Secret>> secrets, Map<Workload, JsonNode> reports,
                        Instant now) {
        String ns = tenant.namespaceName();
        String object = "Secret/" + ns + "/" + TenantSecretBuilder.KEK_SECRET;
        Optional<Secret> live = secrets.apply(TenantSecretBuilder.KEK_SECRET);
        TreeMap<String, String> keys = new TreeMap<>(live.map(Secret::getData).orElse(Map.of()));
        if (keys.isEmpty()) {
            String id = ID.format(now);
            keys.put(id, newKey());
            write(tenant, keys);
            recorder.record(tenant, object, "created", "KeyIssued", "key-encryption key " + id + " created",
                    "envelope encryption of the tenant's credentials", null, "info");
            return new State(List.copyOf(keys.keySet()), id);
        }
        String newest = keys.lastKey();
        Instant created = ID.parse(newest, Instant::from);
        if (!created.plus(ROTATION).isAfter(now)) {
            String id = ID.format(now);
            keys.put(id, newKey());
            write(tenant, keys);
            recorder.record(tenant, object, "rotated", "KeyRotated", "key-encryption key " + id + " added; "
                            + newest + " kept until the data keys are re-wrapped",
                    "key-encryption keys rotate every " + ROTATION.toDays() + " days", "KeyRotated", "info");
            return new State(List.copyOf(keys.keySet()), id);
        }
        if (keys.size() > 1 && rewrapped(reports, newest)) {
            List<String> retired = List.copyOf(keys.headMap(newest).keySet());
            keys.headMap(newest).clear();
            write(tenant, keys);
            recorder.record(tenant, object, "deleted", "KeyRetired", "key-encryption keys " + retired + " removed",
                    "both workloads report their data key wrapped by " + newest, "KeyRotated", "info");
        }
        return new State(List.copyOf(keys.keySet()), newest);
    }

    /** Whether ingest and notify both report a data key wrapped by {@code id}. */
    static boolean rewrapped(Map<Workload, JsonNode> reports, String id) {
        for (Workload w : Workload.values()) {
            JsonNode r = reports.get(w);
            if (r == null || !id.equals(r.path("dataKey").path("kekId").asText(null))) {
                return false;
            }
        }
        return true;
    }

    private void write(Tenant tenant, Map<String, String> keys) {
        OwnedWrites.write(client, tenant, new SecretBuilder()
                .withMetadata(OwnedWrites.meta(tenant, TenantSecretBuilder.KEK_SECRET, "kek"))
                .withType("Opaque")
                .withData(new LinkedHashMap<>(keys))
                .build());
    }

    private static String newKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
