package io.opsgate.engine.ruletest;

import io.opsgate.api.time.Durations;
import io.opsgate.engine.alerting.AlertGroupView;
import io.opsgate.engine.alerting.AlertQuery;
import io.opsgate.engine.alerting.AlertTexts;
import io.opsgate.engine.alerting.AlertView;
import io.opsgate.engine.alerting.Fingerprints;
import io.opsgate.engine.config.TenantConfig;
import io.opsgate.engine.domain.IncomingAlert;
import io.opsgate.engine.domain.Ticket;
import io.opsgate.engine.metrics.EngineMetrics;
import io.opsgate.engine.pipeline.TenantEngine;
import io.opsgate.engine.store.RocksDbStoreFactory;
import io.opsgate.engine.store.TenantStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Runs the cases of a rule test through the engine's real pipeline ({@link TenantEngine}: deduplication, silences
 * and inhibition, the routing tree, drop, tickets, grouping), each on a fresh store in a temporary directory and an
 * injected clock: every alert is taken in at its time, and after the case's last alert each alert's fate is read
 * back at that time.
 */
public final class RuleTestRunner {
    private static final String TENANT = "rule-test";
    private static final AlertQuery ALL = new AlertQuery(List.of(), true, true, true, null);
    private final TenantConfig config;

    public RuleTestRunner(TenantConfig config) {
        this.config = config;
    }

    /** What happened to each alert of the case, in the case's order. */
    public List<Outcome> run(RuleTestFile.Case c) {
        Path dir;
        try {
            dir = Files.createTempDirectory("opsgate-rule-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (TenantStore store = new RocksDbStoreFactory(dir, (t, nanos, writes) -> { }).open(TENANT)) {
            return run(c, store);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        } finally {
            delete(dir);
        }
    }

    private List<Outcome> run(RuleTestFile.Case c, TenantStore store) {
        long start = c.at == null ? 0 : Instant.parse(c.at).toEpochMilli();
        SettableClock clock = new SettableClock(start);
        TenantEngine engine = new TenantEngine(TENANT, store, clock, new EngineMetrics().tenant(TENANT));
        engine.load();
        engine.configure(config.rules, config.alertRetentionMillis, config.ticketRetentionMillis);
        List<String> fingerprints = new ArrayList<>();
        for (RuleTestFile.TestAlert a : c.alerts) {
            long at = start + (a.after == null ? 0 : Durations.parse(a.after).toMillis());
            clock.set(Math.max(clock.millis(), at));
            Map<String, String> labels = new TreeMap<>(a.labels);
            String fp = Fingerprints.hex(labels);
            fingerprints.add(fp);
            engine.ingest(List.of(new IncomingAlert(fp, labels, annotations(a), 0, 0, "", false))).join();
            engine.tick().join();
        }
        Map<String, List<String>> groupKeys = new LinkedHashMap<>();
        for (AlertGroupView g : engine.alerts().groups(ALL, true)) {
            for (AlertView v : g.alerts()) {
                List<String> keys = groupKeys.computeIfAbsent(v.fingerprint(), k -> new ArrayList<>());
                if (!keys.contains(g.key())) {
                    keys.add(g.key());
                }
            }
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (String fp : fingerprints) {
            AlertView v = engine.alerts().alert(fp);
            Ticket t = v.ticketId() == null ? null : engine.tickets().get(v.ticketId());
            outcomes.add(new Outcome(v.dropped(), t == null ? "none" : t.priority, List.copyOf(v.receivers()),
                    !v.silencedBy().isEmpty(), !v.inhibitedBy().isEmpty(),
                    List.copyOf(groupKeys.getOrDefault(fp, List.of()))));
        }
        return outcomes;
    }

    /** The annotations as a source delivers them; a mail's subject and body are its summary and description. */
    private static Map<String, String> annotations(RuleTestFile.TestAlert a) {
        Map<String, String> result = new TreeMap<>(a.annotations == null ? Map.of() : a.annotations);
        if (a.mail != null) {
            result.put(AlertTexts.MAIL_FROM, a.mail.from == null ? "" : a.mail.from);
            if (a.mail.subject != null) {
                result.put(AlertTexts.SUMMARY, a.mail.subject);
            }
            if (a.mail.body != null) {
                result.put(AlertTexts.DESCRIPTION, a.mail.body);
            }
        }
        return result;
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temporary directory left behind costs nothing but disk; the result stands.
        }
    }

    /** The injected clock: set to each alert's time. */
    private static final class SettableClock extends Clock {
        private volatile long millis;

        SettableClock(long millis) {
            this.millis = millis;
        }

        void set(long to) {
            millis = to;
        }

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
