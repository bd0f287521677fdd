package io.opsgate.api.suspension;

import io.opsgate.api.config.NamedSpec;
import io.opsgate.api.v1alpha1.OperationsSuspensionSpec;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A tenant's suspensions, as the engine asks them before an automatic operation: is it suspended now,
 * and by which suspension. Alerts, tickets and notifications never ask: a suspension does not touch them.
 */
public final class SuspensionSet {

    private static final SuspensionSet NONE = new SuspensionSet(List.of());

    private final List<Suspension> suspensions;

    private SuspensionSet(List<Suspension> suspensions) {
        this.suspensions = suspensions;
    }

    public static SuspensionSet none() {
        return NONE;
    }

    /**
     * Compiles the suspensions of a compiled configuration (valid by construction).
     *
     * @throws IllegalArgumentException when one is not valid
     */
    public static SuspensionSet compile(List<NamedSpec<OperationsSuspensionSpec>> specs) {
        List<Suspension> result = new ArrayList<>();
        if (specs != null) {
            for (NamedSpec<OperationsSuspensionSpec> s : specs) {
                result.add(Suspension.compile(s.name, s.spec));
            }
        }
        return new SuspensionSet(List.copyOf(result));
    }

    /** Every suspension that stops {@code subject} at {@code t}, in configuration order (by name). */
    public List<Suspension> suspending(SuspensionSubject subject, Instant t) {
        List<Suspension> result = new ArrayList<>();
        for (Suspension s : suspensions) {
            if (s.suspends(subject, t)) {
                result.add(s);
            }
        }
        return result;
    }

    /** The first suspension that stops {@code subject} at {@code t}, if any. */
    public Optional<Suspension> suspendedBy(SuspensionSubject subject, Instant t) {
        for (Suspension s : suspensions) {
            if (s.suspends(subject, t)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    public List<Suspension> all() {
        return suspensions;
    }
}
