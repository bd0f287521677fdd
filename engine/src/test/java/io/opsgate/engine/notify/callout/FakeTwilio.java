package io.opsgate.engine.notify.callout;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local provider that speaks the Twilio REST subset opsgate uses, on 127.0.0.1 and a free port: it
 * checks HTTP basic auth, takes Calls.json and Messages.json, hangs up on Calls/{sid}.json, and plays the
 * provider's part of a call on the test's command (fetch the TwiML from the call's Url, post the digits to
 * the Gather action, post the final status to StatusCallback), signing every callback as Twilio does.
 * It counts any moment one number is in two calls at once.
 */
final class FakeTwilio implements AutoCloseable {

    /** A call the provider accepted. */
    record Call(String sid, String to, String from, URI url, URI statusCallback, int timeoutSeconds, Instant at) {
    }

    /** An SMS the provider accepted. */
    record Sms(String sid, String to, String from, String body, Instant at) {
    }

    /** A scripted answer to the next POST of Calls.json. */
    record Answer(int status, String retryAfter, String body) {
    }

    private final String accountSid;
    private final String authToken;
    private final Clock clock;
    private final HttpServer server;
    private final HttpClient client = HttpClient.newHttpClient();
    private final Deque<Answer> callScript = new ArrayDeque<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<Instant> callPosts = new CopyOnWriteArrayList<>();
    private final List<Sms> messages = new CopyOnWriteArrayList<>();
    private final List<String> hangUps = new CopyOnWriteArrayList<>();
    private final Set<String> inCall = new HashSet<>();
    private final Map<String, Call> live = new LinkedHashMap<>();
    private final AtomicInteger overlaps = new AtomicInteger();
    private final AtomicInteger unauthorized = new AtomicInteger();
    private final AtomicInteger concurrentPosts = new AtomicInteger();
    private final AtomicInteger maxConcurrentPosts = new AtomicInteger();
    private int nextSid = 1;

    FakeTwilio(String accountSid, String authToken, Clock clock) throws IOException {
        this.accountSid = accountSid;
        this.authToken = authToken;
        this.clock = clock;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "fake-twilio");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/2010-04-01/Accounts/", this::handle);
        server.start();
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The next Calls.json POSTs get these answers, in order; then 201. */
    synchronized void scriptCalls(Answer... answers) {
        callScript.addAll(List.of(answers));
    }

    List<Call> calls() {
        return calls;
    }

    /** When each Calls.json POST arrived, accepted or not. */
    List<Instant> callPosts() {
        return callPosts;
    }

    List<Sms> messages() {
        return messages;
    }

    List<String> hangUps() {
        return hangUps;
    }

    /** Times a number was called while already in a call. */
    int overlaps() {
        return overlaps.get();
    }

    int unauthorized() {
        return unauthorized.get();
    }

    /** The most Calls.json POSTs that were in flight at once. */
    int maxConcurrentPosts() {
        return maxConcurrentPosts.get();
    }

    synchronized boolean inCall(String number) {
        return inCall.contains(number);
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String expected = "Basic " + Base64.getEncoder().encodeToString((accountSid + ":" + authToken).getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            unauthorized.incrementAndGet();
            answer(ex, 401, null, "{\"code\": 20003, \"message\": \"Authenticate\", \"status\": 401}");
            return;
        }
        if (!"POST".equals(ex.getRequestMethod()) || !path.startsWith("/2010-04-01/Accounts/" + accountSid + "/")) {
            answer(ex, 404, null, "{\"code\": 20404, \"message\": \"not found\", \"status\": 404}");
            return;
        }
        Map<String, String> form = form(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String resource = path.substring(("/2010-04-01/Accounts/" + accountSid + "/").length());
        if (resource.equals("Calls.json")) {
            placeCall(ex, form);
        } else if (resource.equals("Messages.json")) {
            String sid;
            synchronized (this) {
                sid = "SM" + nextSid++;
            }
            messages.add(new Sms(sid, form.get("To"), form.get("From"), form.get("Body"), clock.instant()));
            answer(ex, 201, null, "{\"sid\": \"" + sid + "\", \"status\": \"queued\"}");
        } else if (resource.startsWith("Calls/") && "completed".equals(form.get("Status"))) {
            String sid = resource.substring("Calls/".length(), resource.length() - ".json".length());
            hangUps.add(sid);
            Call call = end(sid);
            answer(ex, 200, null, "{\"sid\": \"" + sid + "\", \"status\": \"completed\"}");
            if (call != null) {
                postStatus(call, "canceled");
            }
        } else {
            answer(ex, 400, null, "{\"code\": 21000, \"message\": \"unsupported\", \"status\": 400}");
        }
    }

    private void placeCall(HttpExchange ex, Map<String, String> form) throws IOException {
        int inFlight = concurrentPosts.incrementAndGet();
        maxConcurrentPosts.accumulateAndGet(inFlight, Math::max);
        try {
            callPosts.add(clock.instant());
            Answer scripted;
            synchronized (this) {
                scripted = callScript.poll();
            }
            if (scripted != null && scripted.status() != 201) {
                answer(ex, scripted.status(), scripted.retryAfter(), scripted.body());
                return;
            }
            Call call;
            synchronized (this) {
                call = new Call("CA" + nextSid++, form.get("To"), form.get("From"), URI.create(form.get("Url")),
                        URI.create(form.get("StatusCallback")), Integer.parseInt(form.getOrDefault("Timeout", "60")),
                        clock.instant());
                if (!inCall.add(call.to())) {
                    overlaps.incrementAndGet();
                }
                live.put(call.sid(), call);
            }
            calls.add(call);
            answer(ex, 201, null, "{\"sid\": \"" + call.sid() + "\", \"status\": \"queued\", \"to\": \"" + call.to() + "\"}");
        } finally {
            concurrentPosts.decrementAndGet();
        }
    }

    private synchronized Call end(String sid) {
        Call call = live.remove(sid);
        if (call != null) {
            inCall.remove(call.to());
        }
        return call;
    }

    // ---- the provider's part of a call, on the test's command ----

    /** The person picks up: the provider fetches the TwiML from the call's Url. */
    HttpResponse<String> answer(Call call) throws Exception {
        return signedPost(call.url(), params(call, Map.of("CallStatus", "in-progress")));
    }

    /** The person presses keys: the provider posts them to the Gather action. */
    HttpResponse<String> press(Call call, URI gatherAction, String digits) throws Exception {
        return signedPost(gatherAction, params(call, Map.of("Digits", digits, "CallStatus", "in-progress")));
    }

    /** The call ends: the provider posts the final status to the StatusCallback. */
    HttpResponse<String> finish(Call call, String status) throws Exception {
        end(call.sid());
        return signedPost(call.statusCallback(), params(call, Map.of("CallStatus", status)));
    }

    private void postStatus(Call call, String status) {
        try {
            signedPost(call.statusCallback(), params(call, Map.of("CallStatus", status)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> params(Call call, Map<String, String> extra) {
        Map<String, String> p = new TreeMap<>(extra);
        p.put("AccountSid", accountSid);
        p.put("CallSid", call.sid());
        p.put("To", call.to());
        p.put("From", call.from());
        p.put("Direction", "outbound-api");
        return p;
    }

    /** A POST with the provider's signature: HMAC-SHA1 over the URL and the sorted parameters. */
    HttpResponse<String> signedPost(URI url, Map<String, String> params) throws Exception {
        return post(url, params, sign(url.toString(), params));
    }

    HttpResponse<String> post(URI url, Map<String, String> params, String signature) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(url)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(params)));
        if (signature != null) {
            b.header("X-Twilio-Signature", signature);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    String sign(String url, Map<String, String> params) throws Exception {
        StringBuilder data = new StringBuilder(url);
        for (Map.Entry<String, String> e : new TreeMap<>(params).entrySet()) {
            data.append(e.getKey()).append(e.getValue());
        }
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static String encode(Map<String, String> params) {
        StringBuilder sb = new StringBuilder();
        params.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return sb.toString();
    }

    static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        if (body.isEmpty()) {
            return form;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return form;
    }

    private static void answer(HttpExchange ex, int status, String retryAfter, String body) throws IOException {
        byte[] bytes = (body == null ? "" : body).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        if (retryAfter != null) {
            ex.getResponseHeaders().set("Retry-After", retryAfter);
        }
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
