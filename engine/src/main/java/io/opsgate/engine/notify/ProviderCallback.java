package io.opsgate.engine.notify;

import java.util.Map;

/**
 * One callback of a voice/SMS provider, as ingest received it on {@code /api/v1/callouts/<tenant>/<token>/<kind>}
 * and hands it to notify, which alone holds the provider's credentials and so alone can check the signature.
 *
 * @param tenant    the tenant of the path
 * @param token     the attempt's token of the path
 * @param kind      the last path segment: twiml, gather or status
 * @param form      the POSTed form parameters
 * @param signature the {@code X-Twilio-Signature} header; null when absent
 */
public record ProviderCallback(String tenant, String token, String kind, Map<String, String> form, String signature) {
    public ProviderCallback {
        form = form == null ? Map.of() : Map.copyOf(form);
    }
}
