package io.opsgate.engine.importer;

import java.util.ArrayList;
import java.util.List;

/** Collects the problems of one input, so a single run names them all as Alertmanager does. */
final class Problems {
    private final List<ImportProblem> list = new ArrayList<>();

    void add(Position position, String message) {
        list.add(new ImportProblem(position, message));
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    /** Throws when anything was found. */
    void throwIfAny() throws ImportFailure {
        if (!list.isEmpty()) {
            throw new ImportFailure(List.copyOf(list));
        }
    }
}
