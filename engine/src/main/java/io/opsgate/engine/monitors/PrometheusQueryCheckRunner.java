package io.opsgate.engine.monitors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsgate.api.v1alpha1.PrometheusQueryCheck;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A PromQL instant query ({@code GET /api/v1/query}) whose samples are compared with a threshold: the
 * monitor is down when any sample value {@code <operator> threshold} holds, or, with failWhenEmpty, when
 * the result is empty. NaN never compares true, as in PromQL.
 */
final class PrometheusQueryCheckRunner implements Check {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SHOWN = 5;

    private final PrometheusQueryCheck spec;
    private final HttpClient client;

    PrometheusQueryCheckRunner(PrometheusQueryCheck spec, CheckResources resources) {
        this.spec = spec;
        this.client = resources.http(true, false);
    }

    @Override
    public String target() {
        return spec.url + " " + spec.query;
    }

    @Override
    public CheckOutcome run(Duration timeout) {
        Elapsed elapsed = new Elapsed();
        String base = spec.url.endsWith("/") ? spec.url.substring(0, spec.url.length() - 1) : spec.url;
        URI uri = URI.create(base + "/api/v1/query?query=" + URLEncoder.encode(spec.query, StandardCharsets.UTF_8)
                + "&timeout=" + Math.max(1, timeout.toSeconds()) + "s");
        JsonNode data;
        CompletableFuture<HttpResponse<byte[]>> sent = null;
        try {
            sent = client.sendAsync(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                    info -> new LimitedBody(HttpCheckRunner.BODY_LIMIT * 4));
            HttpResponse<byte[]> r = sent.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            JsonNode body = JSON.readTree(r.body());
            if (r.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
                return CheckOutcome.down("query failed: HTTP " + r.statusCode() + " " + body.path("errorType").asText("")
                        + " " + body.path("error").asText(""), elapsed.millis());
            }
            data = body.path("data");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CheckOutcome.down("interrupted", elapsed.millis());
        } catch (Exception e) {
            if (sent != null) {
                sent.cancel(true);
            }
            return CheckOutcome.down(spec.url + ": " + CheckErrors.describe(e), elapsed.millis());
        }
        long millis = elapsed.millis();
        List<Sample> samples = samples(data);
        if (samples.isEmpty()) {
            return Boolean.TRUE.equals(spec.failWhenEmpty) ? CheckOutcome.down("the query returned no samples", millis)
                    : CheckOutcome.up("the query returned no samples", millis);
        }
        List<Sample> failing = new ArrayList<>();
        for (Sample s : samples) {
            if (fails(s.value)) {
                failing.add(s);
            }
        }
        if (failing.isEmpty()) {
            return CheckOutcome.up("no sample " + symbol() + " " + format(spec.threshold), millis);
        }
        StringBuilder sb = new StringBuilder();
        sb.append(failing.size()).append(" of ").append(samples.size()).append(" samples ").append(symbol()).append(' ')
                .append(format(spec.threshold)).append(": ");
        for (int i = 0; i < Math.min(SHOWN, failing.size()); i++) {
            sb.append(i == 0 ? "" : ", ").append(failing.get(i).labels).append('=').append(format(failing.get(i).value));
        }
        if (failing.size() > SHOWN) {
            sb.append(", ...");
        }
        return CheckOutcome.down(sb.toString(), millis);
    }

    private record Sample(Map<String, String> labels, double value) {
    }

    private static List<Sample> samples(JsonNode data) {
        List<Sample> result = new ArrayList<>();
        String type = data.path("resultType").asText();
        JsonNode r = data.path("result");
        switch (type) {
            case "scalar" -> result.add(new Sample(Map.of(), value(r.path(1))));
            case "vector" -> r.forEach(s -> result.add(new Sample(labels(s.path("metric")), value(s.path("value").path(1)))));
            case "matrix" -> r.forEach(s -> {
                JsonNode values = s.path("values");
                if (values.size() > 0) {
                    result.add(new Sample(labels(s.path("metric")), value(values.get(values.size() - 1).path(1))));
                }
            });
            default -> {
            }
        }
        return result;
    }

    private static Map<String, String> labels(JsonNode metric) {
        Map<String, String> labels = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = metric.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            labels.put(e.getKey(), e.getValue().asText());
        }
        return labels;
    }

    private static double value(JsonNode v) {
        try {
            return Double.parseDouble(v.asText());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private boolean fails(double v) {
        double t = spec.threshold;
        if (Double.isNaN(v)) {
            return false;
        }
        return switch (spec.operator == null ? PrometheusQueryCheck.Operator.GT : spec.operator) {
            case GT -> v > t;
            case GE -> v >= t;
            case LT -> v < t;
            case LE -> v <= t;
            case EQ -> v == t;
            case NE -> v != t;
        };
    }

    private String symbol() {
        return switch (spec.operator == null ? PrometheusQueryCheck.Operator.GT : spec.operator) {
            case GT -> ">";
            case GE -> ">=";
            case LT -> "<";
            case LE -> "<=";
            case EQ -> "==";
            case NE -> "!=";
        };
    }

    private static String format(double v) {
        return v == Math.rint(v) && !Double.isInfinite(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
