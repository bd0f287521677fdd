package io.opsgate.engine.notify.channels;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.opsgate.api.v1alpha1.NotificationChannelSpec;
import io.opsgate.engine.egress.EgressGate;
import io.opsgate.engine.notify.Notification;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** A channel that POSTs one JSON document per notification; subclasses say which URL, headers and body. */
abstract class JsonChannel implements Channel {
    static final ObjectMapper JSON = JsonMapper.builder().build();

    /** One request to send. */
    record Request(URI uri, Map<String, String> headers, byte[] body) {
    }

    protected final String namespace;
    protected final NotificationChannelSpec spec;
    protected final ChannelContext ctx;
    private final EgressGate gate;

    JsonChannel(String namespace, NotificationChannelSpec spec, ChannelContext ctx, EgressGate gate) {
        this.namespace = namespace;
        this.spec = spec;
        this.ctx = ctx;
        this.gate = gate;
    }

    abstract Request request(Notification n) throws MissingCredential;

    @Override
    public CompletableFuture<Outcome> send(Notification n) {
        Request r;
        try {
            r = request(n);
        } catch (MissingCredential e) {
            return CompletableFuture.completedFuture(Outcome.permanent(0, e.getMessage()));
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(Outcome.permanent(0, ctx.credentials().redact(e.getMessage())));
        }
        return ctx.http().post(r.uri(), r.headers(), r.body(), ctx.credentials()::redact, gate);
    }

    /** A key of the channel's Secret. */
    protected String credential(String key) throws MissingCredential {
        if (spec.secretRef == null || spec.secretRef.name == null) {
            throw new MissingCredential("the channel has no secretRef, so credential " + key + " is missing");
        }
        return ctx.credentials().read(namespace, spec.secretRef.name, key);
    }

    /** A URL that came from configuration or a Secret; a bad one is reported without its text. */
    protected static URI uri(String url, String what) {
        try {
            URI u = URI.create(url);
            if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https"))) {
                throw new IllegalArgumentException("the " + what + " is not an http(s) URL");
            }
            return u;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the " + what + " is not a valid URL");
        }
    }

    static byte[] bytes(Object body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
