package io.opsgate.api.suspension;

import io.opsgate.api.config.NamedSpec;
import io.opsgate.api.validation.OnCallValidator;
import io.opsgate.api.v1alpha1.OperationsSuspensionSpec;
import io.opsgate.api.v1alpha1.OperationsSuspensionSpec.SuspendedOperation;
import io.opsgate.api.v1alpha1.OperationsSuspensionStatus;
import io.opsgate.api.v1alpha1.TimeWindow;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Which automatic operations a tenant's suspensions stop, and when. */
class SuspensionSetTest {

    private static Instant t(String utc) {
        return Instant.parse(utc);
    }

    private static OperationsSuspensionSpec oneOff(String start, String end, List<SuspendedOperation> what, String... matchers) {
        OperationsSuspensionSpec s = unchecked(what, matchers);
        s.window.start = start;
        s.window.end = end;
        assertThat(OnCallValidator.operationsSuspension(s).errors()).isEmpty();
        return s;
    }

    private static OperationsSuspensionSpec unchecked(List<SuspendedOperation> what, String... matchers) {
        OperationsSuspensionSpec s = new OperationsSuspensionSpec();
        s.reason = "database migration";
        s.requestedBy = "alice@demo.example";
        s.window = new OperationsSuspensionSpec.SuspensionWindow();
        s.suspend = new ArrayList<>(what);
        s.matchers = new ArrayList<>(List.of(matchers));
        return s;
    }

    private static OperationsSuspensionSpec saturdayNightsInTokyo(List<SuspendedOperation> what) {
        OperationsSuspensionSpec s = unchecked(what);
        TimeWindow w = new TimeWindow();
        w.weekdays = new ArrayList<>(List.of("saturday"));
        w.times = new ArrayList<>(List.of(new TimeWindow.TimeRange("01:00", "05:00")));
        s.window.timeWindows = new ArrayList<>(List.of(w));
        s.window.timeZone = "Asia/Tokyo";
        assertThat(OnCallValidator.operationsSuspension(s).errors()).isEmpty();
        return s;
    }

    private static SuspensionSet set(OperationsSuspensionSpec... specs) {
        List<NamedSpec<OperationsSuspensionSpec>> named = new ArrayList<>();
        for (int i = 0; i < specs.length; i++) {
            named.add(new NamedSpec<>("s" + i, 1L, specs[i]));
        }
        return SuspensionSet.compile(named);
    }

    @Test
    void aOneOffWindowStopsMatchingAlertJobsInsideItOnly() {
        SuspensionSet set = set(oneOff("2026-03-14T22:00:00+09:00", "2026-03-15T06:00:00+09:00",
                List.of(SuspendedOperation.AlertTriggeredJobs), "service=\"db\""));
        SuspensionSubject dbRestart = SuspensionSubject.alertTriggeredJob("restart-db", Map.of("service", "db"));

        assertThat(set.suspendedBy(dbRestart, t("2026-03-14T12:59:59Z"))).isEmpty();
        assertThat(set.suspendedBy(dbRestart, t("2026-03-14T13:00:00Z"))).map(Suspension::name).contains("s0");
        assertThat(set.suspendedBy(dbRestart, t("2026-03-14T20:59:59Z"))).isPresent();
        assertThat(set.suspendedBy(dbRestart, t("2026-03-14T21:00:00Z"))).as("end is exclusive").isEmpty();
        assertThat(set.suspendedBy(SuspensionSubject.alertTriggeredJob("restart-web", Map.of("service", "web")),
                t("2026-03-14T14:00:00Z"))).as("other alerts' jobs run").isEmpty();
    }

    @Test
    void onlyTheNamedOperationsAreStopped() {
        SuspensionSet set = set(oneOff("2026-03-14T00:00:00Z", "2026-03-15T00:00:00Z",
                List.of(SuspendedOperation.CallOuts)));
        Instant during = t("2026-03-14T12:00:00Z");
        assertThat(set.suspendedBy(SuspensionSubject.callOutToGroup("ops", Map.of("alertname", "X")), during)).isPresent();
        assertThat(set.suspendedBy(SuspensionSubject.alertTriggeredJob("fix", Map.of("alertname", "X")), during)).isEmpty();
        assertThat(set.suspendedBy(SuspensionSubject.scheduledJob("backup"), during)).isEmpty();
    }

    @Test
    void aScheduledJobHasOnlyItsNameSoAlertMatchersDoNotSuspendIt() {
        SuspensionSet byAlert = set(oneOff("2026-03-14T00:00:00Z", "2026-03-15T00:00:00Z",
                List.of(SuspendedOperation.ScheduledJobs), "severity=\"critical\""));
        SuspensionSet byJob = set(oneOff("2026-03-14T00:00:00Z", "2026-03-15T00:00:00Z",
                List.of(SuspendedOperation.ScheduledJobs), "opsjob=~\"backup|reindex\""));
        Instant during = t("2026-03-14T12:00:00Z");
        assertThat(byAlert.suspendedBy(SuspensionSubject.scheduledJob("backup"), during)).isEmpty();
        assertThat(byJob.suspendedBy(SuspensionSubject.scheduledJob("backup"), during)).isPresent();
        assertThat(byJob.suspendedBy(SuspensionSubject.scheduledJob("rotate-logs"), during)).isEmpty();
    }

    @Test
    void theOperationsOwnLabelWinsOverAnAlertLabelOfTheSameName() {
        SuspensionSet set = set(oneOff("2026-03-14T00:00:00Z", "2026-03-15T00:00:00Z",
                List.of(SuspendedOperation.AlertTriggeredJobs), "opsjob=\"restart-db\""));
        SuspensionSubject spoofed = SuspensionSubject.alertTriggeredJob("wipe-cache", Map.of("opsjob", "restart-db"));
        assertThat(set.suspendedBy(spoofed, t("2026-03-14T12:00:00Z"))).isEmpty();
    }

    @Test
    void callOutsMatchTheirTargetLabel() {
        SuspensionSet set = set(oneOff("2026-03-14T00:00:00Z", "2026-03-15T00:00:00Z",
                List.of(SuspendedOperation.CallOuts), "contactgroup=\"night-team\""));
        Instant during = t("2026-03-14T12:00:00Z");
        assertThat(set.suspendedBy(SuspensionSubject.callOutToGroup("night-team", Map.of()), during)).isPresent();
        assertThat(set.suspendedBy(SuspensionSubject.callOutToGroup("day-team", Map.of()), during)).isEmpty();
        assertThat(set.suspendedBy(SuspensionSubject.callOutToSchedule("night-team", Map.of()), during))
                .as("a schedule is not a contact group").isEmpty();
    }

    @Test
    void recurringWindowsFollowTheirTimeZone() {
        SuspensionSet set = set(saturdayNightsInTokyo(List.of(SuspendedOperation.ScheduledJobs)));
        SuspensionSubject backup = SuspensionSubject.scheduledJob("backup");
        // Saturday 2026-03-14 01:00-05:00 JST is Friday 16:00-20:00 UTC.
        assertThat(set.suspendedBy(backup, t("2026-03-13T15:59:00Z"))).isEmpty();
        assertThat(set.suspendedBy(backup, t("2026-03-13T16:00:00Z"))).isPresent();
        assertThat(set.suspendedBy(backup, t("2026-03-13T19:59:00Z"))).isPresent();
        assertThat(set.suspendedBy(backup, t("2026-03-13T20:00:00Z"))).isEmpty();
        assertThat(set.suspendedBy(backup, t("2026-03-14T16:00:00Z"))).as("Sunday 01:00 JST").isEmpty();
    }

    @Test
    void recurringWindowsBoundedByStartAndEnd() {
        OperationsSuspensionSpec spec = saturdayNightsInTokyo(List.of(SuspendedOperation.ScheduledJobs));
        spec.window.start = "2026-03-20T00:00:00Z";
        spec.window.end = "2026-04-01T00:00:00Z";
        SuspensionSet set = set(spec);
        SuspensionSubject backup = SuspensionSubject.scheduledJob("backup");
        assertThat(set.suspendedBy(backup, t("2026-03-13T17:00:00Z"))).as("before start").isEmpty();
        assertThat(set.suspendedBy(backup, t("2026-03-20T17:00:00Z"))).isPresent();
        assertThat(set.suspendedBy(backup, t("2026-04-03T17:00:00Z"))).as("after end").isEmpty();
    }

    @Test
    void statusShowsPendingActiveAndEndedWithTheWindow() {
        Suspension oneOff = set(oneOff("2026-03-14T22:00:00Z", "2026-03-15T06:00:00Z",
                List.of(SuspendedOperation.CallOuts))).all().get(0);
        OperationsSuspensionStatus status = new OperationsSuspensionStatus();

        oneOff.applyTo(status, t("2026-03-14T10:00:00Z"));
        assertThat(status.phase).isEqualTo(OperationsSuspensionStatus.Phase.Pending);
        assertThat(status.windowStart).isEqualTo("2026-03-14T22:00:00Z");
        assertThat(status.windowEnd).isEqualTo("2026-03-15T06:00:00Z");
        oneOff.applyTo(status, t("2026-03-15T01:00:00Z"));
        assertThat(status.phase).isEqualTo(OperationsSuspensionStatus.Phase.Active);
        oneOff.applyTo(status, t("2026-03-15T06:00:00Z"));
        assertThat(status.phase).isEqualTo(OperationsSuspensionStatus.Phase.Ended);
        assertThat(status.windowStart).isNull();

        Suspension weekly = set(saturdayNightsInTokyo(List.of(SuspendedOperation.ScheduledJobs))).all().get(0);
        weekly.applyTo(status, t("2026-03-11T00:00:00Z"));
        assertThat(status.phase).isEqualTo(OperationsSuspensionStatus.Phase.Pending);
        assertThat(status.windowStart).isEqualTo("2026-03-13T16:00:00Z");
        assertThat(status.windowEnd).isEqualTo("2026-03-13T20:00:00Z");
        weekly.applyTo(status, t("2026-03-13T18:30:00Z"));
        assertThat(status.phase).isEqualTo(OperationsSuspensionStatus.Phase.Active);
        assertThat(status.windowStart).isEqualTo("2026-03-13T16:00:00Z");
        assertThat(status.windowEnd).isEqualTo("2026-03-13T20:00:00Z");
    }

    @Test
    void noSuspensionsStopNothing() {
        assertThat(SuspensionSet.none().suspendedBy(SuspensionSubject.scheduledJob("x"), Instant.EPOCH)).isEmpty();
        assertThat(SuspensionSet.compile(null).all()).isEmpty();
    }
}
