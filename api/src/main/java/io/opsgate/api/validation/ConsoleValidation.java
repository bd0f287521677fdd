package io.opsgate.api.validation;

import io.opsgate.api.v1alpha1.ConsoleSpec;
import io.opsgate.api.v1alpha1.OidcSpec;

import static io.opsgate.api.validation.FieldChecks.positiveDuration;

/** The Tenant's console part of {@link ResourceValidator}: session lifetimes and the OpenID Connect client. */
final class ConsoleValidation {

    private ConsoleValidation() {
    }

    /** The console's sign-in: URLs the engine can use, the redirect URL naming this tenant's callback. */
    static void validate(String name, ConsoleSpec console, ValidationResult r) {
        positiveDuration(console.idleTimeout, "spec.console.idleTimeout", r);
        positiveDuration(console.maxSessionAge, "spec.console.maxSessionAge", r);
        if (console.requestChannel != null && !console.requestChannel.matches("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")) {
            r.add("spec.console.requestChannel", Reasons.INVALID_VALUE, "\"" + console.requestChannel
                    + "\" is not a NotificationChannel name");
        }
        OidcSpec oidc = console.oidc;
        if (oidc == null) {
            return;
        }
        if (oidc.issuer == null) {
            r.add("spec.console.oidc.issuer", Reasons.MISSING_FIELD, "issuer is required");
        } else {
            secureUrl(oidc.issuer, "spec.console.oidc.issuer", r);
        }
        if (oidc.clientId == null || oidc.clientId.isBlank()) {
            r.add("spec.console.oidc.clientId", Reasons.MISSING_FIELD, "clientId is required");
        }
        if (oidc.redirectUrl == null) {
            r.add("spec.console.oidc.redirectUrl", Reasons.MISSING_FIELD, "redirectUrl is required");
        } else if (secureUrl(oidc.redirectUrl, "spec.console.oidc.redirectUrl", r)
                && !java.net.URI.create(oidc.redirectUrl).getPath().endsWith("/console/" + name + "/callback")) {
            r.add("spec.console.oidc.redirectUrl", Reasons.INVALID_URL, "redirectUrl must end with /console/" + name
                    + "/callback, the path where the engine takes the provider's answer for this tenant");
        }
        if (oidc.clientSecretRef != null && (oidc.clientSecretRef.name == null
                || !oidc.clientSecretRef.name.matches("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$"))) {
            r.add("spec.console.oidc.clientSecretRef.name", Reasons.INVALID_VALUE, "\"" + oidc.clientSecretRef.name
                    + "\" is not a Secret name");
        }
    }

    /** An absolute http(s) URL; plain http only to a loopback host, where nothing crosses a network. */
    private static boolean secureUrl(String url, String field, ValidationResult r) {
        java.net.URI uri;
        try {
            uri = new java.net.URI(url);
        } catch (java.net.URISyntaxException e) {
            r.add(field, Reasons.INVALID_URL, "\"" + url + "\" is not a URL: " + e.getReason());
            return false;
        }
        String host = uri.getHost();
        if (host == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
            r.add(field, Reasons.INVALID_URL, "\"" + url + "\" is not an absolute http(s) URL");
            return false;
        }
        boolean loopback = host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
        if ("http".equals(uri.getScheme()) && !loopback) {
            r.add(field, Reasons.INVALID_URL, "\"" + url + "\" must use https (plain http only to a loopback host)");
            return false;
        }
        return true;
    }

}
