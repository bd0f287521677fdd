package io.opsgate.engine.monitors;

import io.opsgate.api.v1alpha1.DnsCheck;
import io.opsgate.engine.egress.EgressGate;
import io.vertx.core.Future;
import io.vertx.core.dns.DnsClient;
import io.vertx.core.dns.MxRecord;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * A DNS query of one record type, asked of the given server (ip or ip:port) or the system resolver; every
 * expected record must be in the answer, or with none expected the answer must not be empty. Names compare
 * without case and without the trailing dot.
 */
final class DnsCheckRunner implements Check {
    private final DnsCheck spec;
    private final CheckResources resources;
    private final Supplier<EgressGate> gate;

    DnsCheckRunner(DnsCheck spec, CheckResources resources, Supplier<EgressGate> gate) {
        this.spec = spec;
        this.resources = resources;
        this.gate = gate;
    }

    @Override
    public String target() {
        return type() + " " + spec.name + (spec.server == null || spec.server.isBlank() ? "" : " @" + spec.server);
    }

    private DnsCheck.RecordType type() {
        return spec.recordType == null ? DnsCheck.RecordType.A : spec.recordType;
    }

    @Override
    public CheckOutcome run(Duration timeout) {
        Elapsed elapsed = new Elapsed();
        Set<String> answer;
        try {
            DnsClient client = client(timeout);
            answer = query(client).toCompletionStage().toCompletableFuture()
                    .get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS)
                    .stream().map(DnsCheckRunner::normalise).collect(Collectors.toCollection(TreeSet::new));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CheckOutcome.down("interrupted", elapsed.millis());
        } catch (Exception e) {
            return CheckOutcome.down(target() + ": " + CheckErrors.describe(e), elapsed.millis());
        }
        long millis = elapsed.millis();
        if (spec.expected == null || spec.expected.isEmpty()) {
            return answer.isEmpty() ? CheckOutcome.down(target() + ": empty answer", millis)
                    : CheckOutcome.up("answered " + answer, millis);
        }
        Set<String> missing = new TreeSet<>();
        for (String e : spec.expected) {
            if (!answer.contains(normalise(e))) {
                missing.add(e);
            }
        }
        return missing.isEmpty() ? CheckOutcome.up("answered " + answer, millis)
                : CheckOutcome.down(target() + ": missing " + missing + " in the answer " + answer, millis);
    }

    /** The system resolver, or the named server once the tenant's egress allows it. */
    private DnsClient client(Duration timeout) throws java.io.IOException {
        if (spec.server == null || spec.server.isBlank()) {
            return resources.dns(null, 53, timeout.toMillis());
        }
        io.opsgate.api.egress.HostPort server = io.opsgate.api.egress.HostPort.parse(spec.server, 53);
        String address = gate.get().resolve(server.host(), server.port()).getHostAddress();
        return resources.dns(address, server.port(), timeout.toMillis());
    }

    private Future<List<String>> query(DnsClient client) {
        return switch (type()) {
            case A -> client.resolveA(spec.name);
            case AAAA -> client.resolveAAAA(spec.name);
            case CNAME -> client.resolveCNAME(spec.name);
            case MX -> client.resolveMX(spec.name).map(l -> l.stream().map(MxRecord::name).toList());
            case TXT -> client.resolveTXT(spec.name);
            case NS -> client.resolveNS(spec.name);
        };
    }

    private static String normalise(String record) {
        String r = record.trim().toLowerCase(Locale.ROOT);
        return r.endsWith(".") ? r.substring(0, r.length() - 1) : r;
    }
}
