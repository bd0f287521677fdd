package io.opsgate.operator.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.opsgate.api.common.ConditionTypes;
import io.opsgate.api.common.Conditions;
import io.opsgate.api.v1alpha1.Tenant;
import io.opsgate.api.v1alpha1.TenantStatus;
import io.opsgate.operator.common.EventRecorder;
import io.opsgate.operator.tenant.TenantDataPurge;
import io.opsgate.operator.tenant.model.Workload;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The purge of a deleted Tenant (ISO/IEC 27017 CLD 8.1.5): before its namespace is deleted, ingest and
 * notify are asked to delete the tenant's store, data key, credential vault and logs
 * ({@code POST /internal/v1/purge}, HTTPS verified with the tenant CA, the internal token); each answer
 * must say every part was verified gone. Then the audit entry and the Event {@code Purged} name what
 * was removed, and only then does the deletion go on.
 *
 * <p>When a workload cannot be reached or does not verify, the Tenant is kept: a Warning Event and the
 * condition {@code Ready=False/PurgeUnverified} say why, and the purge is retried with exponential
 * backoff (5 s doubling to 5 min). The annotation {@code opsgate.io/force-delete: "true"} releases such
 * a Tenant without a verified purge; that is audited as such.
 */
public final class EngineDataPurge implements TenantDataPurge {

    public static final String FORCE_DELETE_ANNOTATION = "opsgate.io/force-delete";
    public static final String PURGED = "Purged";
    public static final String PURGE_UNVERIFIED = "PurgeUnverified";
    static final Duration FIRST_RETRY = Duration.ofSeconds(5);
    static final Duration MAX_RETRY = Duration.ofMinutes(5);
    static final List<String> VERIFIED_FIELDS = List.of("storeDeleted", "keysDestroyed", "logsDeleted");

    private record Attempts(int failures, Instant next) {
    }

    private final KubernetesClient client;
    private final EngineAccess engines;
    private final SecurityRecorder recorder;
    private final EventRecorder events;
    private final Clock clock;
    private final Map<String, Attempts> attempts = new ConcurrentHashMap<>();
    private final Map<String, Boolean> purged = new ConcurrentHashMap<>();

    public EngineDataPurge(KubernetesClient client, EngineAccess engines, SecurityRecorder recorder, EventRecorder events,
                           Clock clock) {
        this.client = client;
        this.engines = engines;
        this.recorder = recorder;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public Optional<String> beforeNamespaceDeletion(Tenant tenant, String namespace) {
        String uid = tenant.getMetadata().getUid();
        if (purged.containsKey(uid)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Attempts a = attempts.get(uid);
        if (a != null && now.isBefore(a.next()) && !forced(tenant)) {
            return Optional.of("next purge attempt at " + a.next());
        }
        String name = tenant.getMetadata().getName();
        String object = "Tenant/" + name;
        List<String> removed = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        EngineClient engine = null;
        try {
            engine = engines.client(tenant);
        } catch (RuntimeException e) {
            problems.add(e.getMessage());
        }
        if (engine != null) {
            announce(engine, tenant);
            for (Workload w : Workload.values()) {
                Outcome o = purge(engine, tenant, w);
                if (o.problem() == null) {
                    removed.add(o.removed());
                } else {
                    problems.add(o.problem());
                }
            }
        }
        if (problems.isEmpty()) {
            purged.put(uid, true);
            attempts.remove(uid);
            recorder.record(tenant, object, "purged", PURGED, String.join("; ", removed),
                    "deletionPolicy Purge: the Tenant was deleted", null, "info");
            return Optional.empty();
        }
        String why = String.join("; ", problems);
        if (forced(tenant)) {
            purged.put(uid, true);
            recorder.record(tenant, object, "purged", "ForceDeleted", "purge NOT verified (" + why
                    + "); the namespace is deleted anyway", "annotation " + FORCE_DELETE_ANNOTATION + "=true", null, "warning");
            return Optional.empty();
        }
        int failures = a == null ? 1 : a.failures() + 1;
        Duration wait = backoff(failures);
        attempts.put(uid, new Attempts(failures, now.plus(wait)));
        String message = "purge not verified (attempt " + failures + ", next in " + wait.toSeconds() + "s): " + why
                + "; set annotation " + FORCE_DELETE_ANNOTATION + "=true to delete without a verified purge";
        events.record(tenant, EventRecorder.WARNING, PURGE_UNVERIFIED, "Delete", message);
        reportCondition(tenant, message, now);
        return Optional.of(message);
    }

    /** 5 s, 10 s, 20 s, ... up to 5 min. */
    static Duration backoff(int failures) {
        long seconds = FIRST_RETRY.toSeconds() << Math.min(failures - 1, 10);
        return seconds > MAX_RETRY.toSeconds() ? MAX_RETRY : Duration.ofSeconds(seconds);
    }

    /** What one workload's purge did: what it removed, or the problem (then null removed). */
    private record Outcome(String removed, String problem) {
    }

    private Outcome purge(EngineClient engine, Tenant tenant, Workload w) {
        String name = tenant.getMetadata().getName();
        ObjectNode body = EngineClient.JSON.createObjectNode().put("tenant", name);
        try {
            EngineClient.Answer answer = engine.post(engines.endpoints().of(tenant.namespaceName(), w),
                    EngineClient.PURGE_PATH, body);
            return verify(w, name, answer).map(p -> new Outcome(null, p))
                    .orElseGet(() -> new Outcome(describe(w, answer.body()), null));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(null, w.component() + ": interrupted");
        } catch (Exception e) {
            return new Outcome(null, w.component() + " unreachable: " + e);
        }
    }

    /** Checks one purge answer against the contract: 200, this tenant, every part verified. */
    static Optional<String> verify(Workload w, String tenant, EngineClient.Answer answer) {
        if (answer.status() != 200) {
            return Optional.of(w.component() + " answered " + answer.status() + " " + answer.body().path("error").asText(""));
        }
        JsonNode b = answer.body();
        if (!tenant.equals(b.path("tenant").asText(null))) {
            return Optional.of(w.component() + " purged tenant " + b.path("tenant").asText("(none)") + ", not " + tenant);
        }
        List<String> unverified = VERIFIED_FIELDS.stream().filter(f -> !b.path(f).asBoolean(false)).toList();
        return unverified.isEmpty() ? Optional.empty()
                : Optional.of(w.component() + " did not verify " + String.join(", ", unverified));
    }

    static String describe(Workload w, JsonNode b) {
        return w.component() + ": store, data key and logs removed (" + b.path("bytesRemoved").asLong(0)
                + " bytes), verified at " + b.path("verifiedAt").asText("?");
    }

    /** Tells the tenant's notice channel before the purge: afterwards nothing of the tenant is left to send it. */
    private void announce(EngineClient engine, Tenant tenant) {
        ObjectNode notice = EngineClient.JSON.createObjectNode()
                .put("tenant", tenant.getMetadata().getName())
                .put("title", "Tenant " + tenant.getMetadata().getName() + " is being purged")
                .put("body", "The Tenant was deleted with deletionPolicy Purge: its store, data key, credentials and "
                        + "logs are being deleted.")
                .put("severity", "warning")
                .put("kind", "Purge");
        try {
            engine.post(engines.endpoints().of(tenant.namespaceName(), Workload.INGEST), EngineClient.NOTICES_PATH, notice);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // best effort: the purge itself is audited either way
        }
    }

    private void reportCondition(Tenant tenant, String message, Instant now) {
        try {
            client.resources(Tenant.class).withName(tenant.getMetadata().getName()).editStatus(t -> {
                TenantStatus s = t.getStatus() == null ? new TenantStatus() : t.getStatus();
                Long generation = t.getMetadata().getGeneration();
                s.conditions = Conditions.set(s.conditions, ConditionTypes.READY, ConditionTypes.FALSE, PURGE_UNVERIFIED,
                        message, generation, now);
                s.conditions = Conditions.set(s.conditions, ConditionTypes.RECONCILING, ConditionTypes.TRUE,
                        PURGE_UNVERIFIED, message, generation, now);
                t.setStatus(s);
                return t;
            });
        } catch (RuntimeException e) {
            events.record(tenant, EventRecorder.WARNING, PURGE_UNVERIFIED, "Delete", "status not written: " + e.getMessage());
        }
    }

    private static boolean forced(Tenant tenant) {
        Map<String, String> a = tenant.getMetadata().getAnnotations();
        return a != null && "true".equals(a.get(FORCE_DELETE_ANNOTATION));
    }

    /** Nothing is left once the namespace is gone: the workloads verified their purge before. */
    @Override
    public Optional<String> pending(Tenant tenant, String namespace) {
        purged.remove(tenant.getMetadata().getUid());
        return Optional.empty();
    }
}
