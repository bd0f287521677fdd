package io.opsgate.engine.importer;

/**
 * Something of the input that opsgate does not carry over, or carries over differently: listed in the
 * report on stderr and as a comment in the output, never dropped silently.
 *
 * @param position where it is written in the input
 * @param subject  what it concerns, e.g. {@code receiver "team-x" slack_configs[0].title}
 * @param message  what happens to it in opsgate and what to do
 */
public record Finding(Position position, String subject, String message) {

    @Override
    public String toString() {
        return (position.line() > 0 ? "line " + position.line() + ": " : "") + subject + ": " + message;
    }
}
