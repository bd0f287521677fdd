package io.opsgate.engine.http;

/** The payload formats that carry alerts in, and the source tag of opsgate_alerts_received_total. */
enum IngestKind {
    ALERTS("api"), WEBHOOK("webhook"), EVENTS("event");

    final String source;

    IngestKind(String source) {
        this.source = source;
    }
}
