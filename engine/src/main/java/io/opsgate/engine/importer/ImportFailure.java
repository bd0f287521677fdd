package io.opsgate.engine.importer;

import java.util.Comparator;
import java.util.List;

/** The input is not a configuration Alertmanager would accept; nothing is written. */
public final class ImportFailure extends Exception {
    private final transient List<ImportProblem> problems;

    ImportFailure(List<ImportProblem> problems) {
        super(problems.isEmpty() ? "invalid input" : problems.get(0).toString());
        this.problems = problems.stream()
                .sorted(Comparator.comparingInt(ImportProblem::line).thenComparingInt(ImportProblem::column))
                .toList();
    }

    ImportFailure(Position position, String message) {
        this(List.of(new ImportProblem(position, message)));
    }

    /** Every problem found, in the order of the file. */
    public List<ImportProblem> problems() {
        return problems;
    }
}
