package io.opsgate.engine.jobs;

import com.cronutils.model.Cron;
import io.opsgate.api.time.CronSchedules;
import io.opsgate.api.time.TimeZones;
import io.opsgate.api.v1alpha1.OpsJobSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Standalone with {@code --allow-local-jobs}: starts scheduled OpsJobs by their cron expression in their time
 * zone, as a CronJob would in a cluster (reason Schedule; guardrails apply when the job declares them).
 * Each firing schedules the next from the time it was due, so a slow request does not skip one. A reload
 * replaces every schedule.
 */
final class LocalSchedule {
    private static final Logger LOG = LoggerFactory.getLogger(LocalSchedule.class);

    private final TenantJobs tenant;
    private final ScheduledExecutorService timer;
    private final Clock clock;
    private final List<ScheduledFuture<?>> pending = new ArrayList<>();
    private long generation;

    LocalSchedule(TenantJobs tenant, ScheduledExecutorService timer, Clock clock) {
        this.tenant = tenant;
        this.timer = timer;
        this.clock = clock;
    }

    synchronized void apply(JobCatalog catalog) {
        stop();
        long gen = ++generation;
        for (Map.Entry<String, OpsJobSpec> e : catalog.all().entrySet()) {
            OpsJobSpec.ScheduleSpec s = e.getValue().schedule;
            if (s == null) {
                continue;
            }
            Cron cron = CronSchedules.parse(s.cron);
            ZoneId zone = TimeZones.parse(s.timeZone == null ? "UTC" : s.timeZone);
            scheduleAfter(gen, e.getKey(), cron, ZonedDateTime.ofInstant(clock.instant(), zone));
        }
    }

    synchronized void stop() {
        generation++;
        pending.forEach(f -> f.cancel(false));
        pending.clear();
    }

    private synchronized void scheduleAfter(long gen, String job, Cron cron, ZonedDateTime after) {
        if (gen != generation) {
            return;
        }
        Optional<ZonedDateTime> next = CronSchedules.next(cron, after);
        if (next.isEmpty()) {
            LOG.warn("tenant {}: OpsJob {}'s schedule has no next time", tenant.name(), job);
            return;
        }
        long delay = Math.max(0, next.get().toInstant().toEpochMilli() - clock.millis());
        pending.removeIf(ScheduledFuture::isDone);
        pending.add(timer.schedule(() -> {
            synchronized (this) {
                if (gen != generation) {
                    return;
                }
            }
            tenant.requestScheduled(job, next.get().toInstant().toEpochMilli());
            scheduleAfter(gen, job, cron, next.get());
        }, delay, TimeUnit.MILLISECONDS));
    }
}
