package io.opsgate.engine.importer;

/**
 * How the Prometheus Operator scopes an AlertmanagerConfig to its namespace (the Alertmanager's
 * {@code alertmanagerConfigMatcherStrategy}).
 */
public enum NamespaceMatching {
    /** The default: the top route and both sides of every inhibit rule also match {@code namespace="<ns>"}. */
    OnNamespace,
    /** No namespace matcher is added. */
    None
}
