package io.opsgate.engine.jobs;

import io.opsgate.api.jobs.RunGuardrails;
import io.opsgate.api.time.Durations;
import io.opsgate.api.v1alpha1.OpsJobSpec;
import io.opsgate.engine.store.Keys;
import io.opsgate.engine.store.RecordCodec;
import io.opsgate.engine.store.TenantStore;
import io.opsgate.engine.store.WriteSet;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * When each OpsJob last ran automatically, kept durably ({@code jobs/guard/<opsjob>}: the start times of
 * the last hour), so the guardrails hold across restarts: an alert storm, or the same alert repeated,
 * requests one run per cooldown and at most maxRunsPerHour. Used on the tenant's lane only.
 */
final class GuardrailLedger {
    static final String PREFIX = Keys.JOBS + "guard/";
    private static final long HOUR = 3_600_000L;

    /** The stored record. */
    static final class Times {
        public List<Long> times = new ArrayList<>();
    }

    private final Map<String, List<Long>> times = new HashMap<>();

    void load(TenantStore store) {
        store.scan(PREFIX, (k, v) -> times.put(k.substring(PREFIX.length()),
                new ArrayList<>(RecordCodec.decode(v, Times.class).times)));
    }

    /** The verdict on an automatic run of {@code job} at {@code now}; jobs without guardrails always pass. */
    RunGuardrails.Verdict check(String job, OpsJobSpec spec, long now) {
        if (spec.guardrails == null) {
            return new RunGuardrails.Verdict(true, null, "");
        }
        List<Instant> earlier = times.getOrDefault(job, List.of()).stream().map(Instant::ofEpochMilli).toList();
        Duration cooldown = Durations.parseOr(spec.guardrails.cooldown, Duration.ofMinutes(10));
        int max = spec.guardrails.maxRunsPerHour == null ? 6 : spec.guardrails.maxRunsPerHour;
        return RunGuardrails.check(earlier, cooldown, max, Instant.ofEpochMilli(now));
    }

    /**
     * Seconds until a run of {@code job} refused at {@code now} for {@code reason} would pass: the end of the
     * cooldown, or the time the oldest run of the last hour leaves it.
     */
    long retryAfterSeconds(String job, OpsJobSpec spec, String reason, long now) {
        List<Long> earlier = times.getOrDefault(job, List.of()).stream().filter(t -> t <= now).sorted().toList();
        if (earlier.isEmpty() || spec.guardrails == null) {
            return 0;
        }
        long at;
        if (RunGuardrails.COOLDOWN.equals(reason)) {
            at = earlier.get(earlier.size() - 1)
                    + Durations.parseOr(spec.guardrails.cooldown, Duration.ofMinutes(10)).toMillis();
        } else {
            at = earlier.stream().filter(t -> t > now - HOUR).findFirst().orElse(now) + HOUR;
        }
        return Math.max(1, (at - now + 999) / 1000);
    }

    /** Records a run at {@code now} into {@code writes}, dropping times older than an hour. */
    void record(String job, long now, WriteSet writes) {
        List<Long> list = times.computeIfAbsent(job, j -> new ArrayList<>());
        list.removeIf(t -> t <= now - HOUR);
        list.add(now);
        Times record = new Times();
        record.times = new ArrayList<>(list);
        writes.put(PREFIX + job, RecordCodec.encode(record));
    }
}
