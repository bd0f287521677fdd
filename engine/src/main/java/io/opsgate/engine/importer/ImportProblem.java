package io.opsgate.engine.importer;

/**
 * Why the input cannot be imported, and where: the kind of problem Alertmanager itself would refuse the
 * file for.
 *
 * @param position where the offending text starts
 * @param message  what is wrong, in Alertmanager's terms
 */
public record ImportProblem(Position position, String message) {

    /** The line, counted from 1 (0 when unknown). */
    public int line() {
        return position.line();
    }

    /** The column, counted from 1 (0 when unknown). */
    public int column() {
        return position.column();
    }

    @Override
    public String toString() {
        return position + ": " + message;
    }
}
