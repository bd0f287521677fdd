package io.opsgate.engine.notify.callout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsgate.engine.notify.channels.RetryAfter;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The Twilio REST API subset most voice and SMS providers speak: {@code POST
 * /2010-04-01/Accounts/{AccountSid}/Calls.json} (To, From, Url, Method, StatusCallback,
 * StatusCallbackMethod, Timeout), {@code Messages.json} (To, From, Body) and {@code Calls/{Sid}.json}
 * with Status=completed to hang up; form-encoded, HTTP basic auth with the account SID and auth token;
 * JSON answers with {@code sid} and {@code status}, errors with {@code code} and {@code message}.
 * 2xx is accepted; 429, 5xx, timeouts and connection errors are retried by the caller (honouring
 * Retry-After); any other answer is a rejection. Redirects are not followed.
 */
public final class TwilioCompatibleProvider implements CallProvider {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final URI base;
    private final Supplier<TwilioAccount> account;
    private final Duration requestTimeout;
    private final Clock clock;
    private final UnaryOperator<String> redact;

    /**
     * @param base    the API's base URL, e.g. https://api.twilio.com
     * @param account read on every request, so a rotated Secret applies at once
     * @param redact  cleans error text of credentials
     */
    public TwilioCompatibleProvider(HttpClient client, URI base, Supplier<TwilioAccount> account, Duration requestTimeout,
                                    Clock clock, UnaryOperator<String> redact) {
        this.client = client;
        this.base = base;
        this.account = account;
        this.requestTimeout = requestTimeout;
        this.clock = clock;
        this.redact = redact;
    }

    /** An HTTP client as the provider needs one: HTTP/1.1, connect timeout, no redirects. */
    public static HttpClient defaultClient(Duration connectTimeout) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public CompletableFuture<ProviderAnswer> call(CallRequest r) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("To", r.to());
        form.put("From", r.from());
        form.put("Url", r.scriptUrl().toString());
        form.put("Method", "POST");
        form.put("StatusCallback", r.statusCallbackUrl().toString());
        form.put("StatusCallbackMethod", "POST");
        form.put("Timeout", Long.toString(r.ringTimeout().toSeconds()));
        return post("Calls.json", form);
    }

    @Override
    public CompletableFuture<ProviderAnswer> sms(SmsRequest r) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("To", r.to());
        form.put("From", r.from());
        form.put("Body", r.body());
        return post("Messages.json", form);
    }

    @Override
    public CompletableFuture<ProviderAnswer> hangUp(String callId) {
        return post("Calls/" + URLEncoder.encode(callId, StandardCharsets.UTF_8) + ".json", Map.of("Status", "completed"));
    }

    private CompletableFuture<ProviderAnswer> post(String resource, Map<String, String> form) {
        TwilioAccount acct;
        try {
            acct = account.get();
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(ProviderAnswer.rejected(0, "credentials: " + redact.apply(e.getMessage())));
        }
        URI uri = base.resolve("/2010-04-01/Accounts/" + URLEncoder.encode(acct.accountSid(), StandardCharsets.UTF_8)
                + "/" + resource);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .header("Authorization", acct.basicAuthorization())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)))
                .build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .handle((resp, failure) -> failure == null ? classify(resp) : failed(failure));
    }

    static String encode(Map<String, String> form) {
        StringBuilder sb = new StringBuilder();
        form.forEach((k, v) -> {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        return sb.toString();
    }

    private ProviderAnswer classify(HttpResponse<byte[]> resp) {
        int status = resp.statusCode();
        JsonNode body = parse(resp.body());
        if (status >= 200 && status < 300) {
            String sid = body.path("sid").asText(null);
            if (sid == null) {
                return ProviderAnswer.rejected(status, "HTTP " + status + " without a sid");
            }
            return ProviderAnswer.accepted(status, sid, body.path("status").asText(null));
        }
        String error = "HTTP " + status + describe(body);
        if (status == 429 || status >= 500) {
            long wait = RetryAfter.millis(resp.headers().firstValue("Retry-After").orElse(null), clock.millis());
            return ProviderAnswer.retry(status, wait, error);
        }
        return ProviderAnswer.rejected(status, error);
    }

    private String describe(JsonNode body) {
        String code = body.path("code").asText("");
        String message = body.path("message").asText("");
        if (code.isEmpty() && message.isEmpty()) {
            return "";
        }
        String text = (code.isEmpty() ? "" : " code " + code) + (message.isEmpty() ? "" : ": " + message);
        return PhoneNumbers.scrub(redact.apply(text.length() > 300 ? text.substring(0, 300) : text));
    }

    private static JsonNode parse(byte[] body) {
        try {
            return body == null || body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private ProviderAnswer failed(Throwable failure) {
        Throwable t = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        String what;
        if (t instanceof HttpTimeoutException) {
            what = "request timed out";
        } else if (t instanceof ConnectException) {
            what = "connection refused";
        } else {
            what = t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
        }
        return ProviderAnswer.retry(0, 0, PhoneNumbers.scrub(redact.apply(what)));
    }
}
