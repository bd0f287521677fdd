package io.opsgate.engine.importer;

/** Where something stands in the input file: line and column, both counted from 1. */
record Position(int line, int column) {

    static final Position UNKNOWN = new Position(0, 0);

    @Override
    public String toString() {
        return line <= 0 ? "(unknown position)" : "line " + line + ", column " + column;
    }
}
