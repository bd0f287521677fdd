package io.opsgate.api.validation;

import io.opsgate.api.v1alpha1.HttpCheck;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What an HTTP monitor may send. A monitor reads (GET, HEAD, POST for health endpoints that want a body), and its
 * headers are its own: none that steer a proxy or the connection (hop-by-hop, Host, framing, forwarding), none that
 * cloud metadata services take as proof of a local caller, and no line breaks that would forge more headers.
 */
final class MonitorRequests {
    /** Lower-case names refused outright. */
    static final Set<String> FORBIDDEN = Set.of(
            // the connection and its framing: the client sets these, a tenant's value would smuggle a request
            "host", "connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade",
            "content-length", "expect",
            // who the caller is, as proxies and internal services trust it
            "forwarded", "x-real-ip", "x-original-url", "x-rewrite-url", "x-http-method-override",
            // what metadata services require to answer (GCP, Azure, AWS IMDSv2)
            "metadata-flavor", "metadata", "x-google-metadata-request", "x-identity-header");
    /** Lower-case prefixes refused: proxy credentials, forwarding, the AWS metadata token. */
    static final Set<String> FORBIDDEN_PREFIXES = Set.of("proxy-", "x-forwarded-", "x-aws-ec2-metadata-token");
    private static final String TOKEN = "^[!#$%&'*+.^_`|~0-9A-Za-z-]+$";

    private MonitorRequests() {
    }

    static void check(HttpCheck http, String path, ValidationResult r) {
        if (http.method == HttpCheck.HttpMethod.PUT || http.method == HttpCheck.HttpMethod.OPTIONS) {
            r.add(path + ".method", Reasons.INVALID_VALUE, http.method + " is not allowed: a monitor reads, with GET, HEAD "
                    + "or POST");
        }
        if (http.headers == null) {
            return;
        }
        for (Map.Entry<String, String> h : http.headers.entrySet()) {
            String name = h.getKey() == null ? "" : h.getKey();
            String p = path + ".headers." + name;
            String lower = name.toLowerCase(Locale.ROOT);
            if (!name.matches(TOKEN)) {
                r.add(p, Reasons.FORBIDDEN_HEADER, "\"" + name + "\" is not a header name");
            } else if (FORBIDDEN.contains(lower) || FORBIDDEN_PREFIXES.stream().anyMatch(lower::startsWith)) {
                r.add(p, Reasons.FORBIDDEN_HEADER, name + " may not be set by a monitor: it steers the connection, a "
                        + "proxy or a metadata service (docs/monitors-and-jobs.md lists the refused headers)");
            } else if (h.getValue() != null && h.getValue().chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
                r.add(p, Reasons.FORBIDDEN_HEADER, "the value of " + name + " contains a line break or NUL");
            }
        }
    }
}
