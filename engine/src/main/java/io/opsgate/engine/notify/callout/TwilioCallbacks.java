package io.opsgate.engine.notify.callout;

import java.util.Map;
import java.util.Optional;

/**
 * The provider's side of a call: it fetches the TwiML to speak, posts the key pressed, and posts how the
 * call ended. Each callback must carry the provider's signature over the URL opsgate gave it (see
 * {@link CallbackUrls}) and the posted parameters; anything else is refused with 403, an unknown or
 * expired token with 404. The HTTP route that calls this is served by ingest (phase 2).
 */
public final class TwilioCallbacks {

    private final CallOutService service;
    private final CallbackUrls urls;

    public TwilioCallbacks(CallOutService service, CallbackUrls urls) {
        this.service = service;
        this.urls = urls;
    }

    /**
     * Answers one callback.
     *
     * @param tenant    the tenant of the path
     * @param token     the attempt's token of the path
     * @param kind      the last path segment: twiml, gather or status
     * @param form      the POSTed form parameters
     * @param signature the X-Twilio-Signature header; null when absent
     */
    public CallbackResponse handle(String tenant, String token, String kind, Map<String, String> form, String signature) {
        Optional<CallbackUrls.Kind> k = CallbackUrls.Kind.ofPath(kind);
        Optional<CallOutService.AttemptInfo> info = service.attempt(token);
        if (k.isEmpty() || info.isEmpty() || !info.get().tenant().equals(tenant)) {
            return CallbackResponse.refused(404);
        }
        CallOutService.AttemptInfo attempt = info.get();
        Optional<TwilioAccount> account = service.account(attempt.channel());
        String url = urls.of(tenant, token, k.get()).toString();
        if (account.isEmpty() || !TwilioSignature.valid(account.get().authToken(), url, form, signature)) {
            return CallbackResponse.refused(403);
        }
        return switch (k.get()) {
            case TWIML -> CallbackResponse.twiml(Twiml.prompt(attempt.voice(), attempt.message(),
                    urls.of(tenant, token, CallbackUrls.Kind.GATHER)));
            case GATHER -> {
                String digits = form.getOrDefault("Digits", "");
                service.keyPressed(token, digits);
                yield CallbackResponse.twiml("1".equals(digits)
                        ? Twiml.acknowledged(attempt.voice(), attempt.message())
                        : Twiml.prompt(attempt.voice(), attempt.message(), urls.of(tenant, token, CallbackUrls.Kind.GATHER)));
            }
            case STATUS -> {
                service.callStatus(token, form.get("CallStatus"));
                yield CallbackResponse.twiml(Twiml.empty());
            }
        };
    }
}
