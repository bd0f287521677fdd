package io.opsgate.engine.monitors;

/**
 * Where monitor results go besides the engine's own API: in a cluster, the Monitor objects' status. The
 * publisher decides how often it writes; callers report every result.
 */
public interface MonitorStatusPublisher extends AutoCloseable {
    /** Publishes nothing: standalone mode, or outside a cluster. */
    MonitorStatusPublisher NONE = new MonitorStatusPublisher() {
        @Override
        public void publish(String namespace, MonitorView view) {
        }

        @Override
        public void close() {
        }
    };

    void publish(String namespace, MonitorView view);

    @Override
    void close();
}
