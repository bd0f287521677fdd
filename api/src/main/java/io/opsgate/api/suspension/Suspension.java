package io.opsgate.api.suspension;

import io.opsgate.api.matcher.Matcher;
import io.opsgate.api.matcher.MatcherParser;
import io.opsgate.api.v1alpha1.OperationsSuspensionSpec;
import io.opsgate.api.v1alpha1.OperationsSuspensionSpec.SuspendedOperation;
import io.opsgate.api.v1alpha1.OperationsSuspensionStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** One compiled OperationsSuspension: what it stops, for which subjects, and when. */
public final class Suspension {

    private final String name;
    private final String reason;
    private final String requestedBy;
    private final Set<SuspendedOperation> operations;
    private final List<Matcher> matchers;
    private final SuspensionWindow window;

    private Suspension(String name, OperationsSuspensionSpec spec) {
        this.name = name;
        this.reason = spec.reason;
        this.requestedBy = spec.requestedBy;
        this.operations = spec.suspend == null || spec.suspend.isEmpty()
                ? EnumSet.noneOf(SuspendedOperation.class) : EnumSet.copyOf(spec.suspend);
        List<Matcher> compiled = new ArrayList<>();
        if (spec.matchers != null) {
            for (String m : spec.matchers) {
                compiled.add(MatcherParser.parse(m));
            }
        }
        this.matchers = List.copyOf(compiled);
        this.window = SuspensionWindow.compile(spec.window);
    }

    /**
     * Compiles a suspension the validator accepted.
     *
     * @throws IllegalArgumentException when it is not valid
     */
    public static Suspension compile(String name, OperationsSuspensionSpec spec) {
        return new Suspension(name, spec);
    }

    public String name() {
        return name;
    }

    public String reason() {
        return reason;
    }

    public String requestedBy() {
        return requestedBy;
    }

    public SuspensionWindow window() {
        return window;
    }

    /**
     * Writes where the window stands at {@code now} into a status: Active with the open window, Pending
     * with the next one, or Ended. The conditions are left alone.
     */
    public void applyTo(OperationsSuspensionStatus status, Instant now) {
        Optional<SuspensionWindow.Interval> w = window.currentOrNext(now);
        if (w.isEmpty()) {
            status.phase = OperationsSuspensionStatus.Phase.Ended;
            status.windowStart = null;
            status.windowEnd = null;
            return;
        }
        status.phase = w.get().contains(now) ? OperationsSuspensionStatus.Phase.Active
                : OperationsSuspensionStatus.Phase.Pending;
        status.windowStart = w.get().start() == null ? null : w.get().start().toString();
        status.windowEnd = w.get().end() == null ? null : w.get().end().toString();
    }

    /** Whether this suspension stops {@code subject} at {@code t}. */
    public boolean suspends(SuspensionSubject subject, Instant t) {
        return operations.contains(subject.operation()) && matches(subject) && window.contains(t);
    }

    /** Whether the subject is one this suspension is about, whenever its window is. */
    public boolean matches(SuspensionSubject subject) {
        for (Matcher m : matchers) {
            if (!m.matches(subject.labels())) {
                return false;
            }
        }
        return true;
    }
}
