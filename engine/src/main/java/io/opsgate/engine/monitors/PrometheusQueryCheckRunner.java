package io.opsgate.engine.monitors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsgate.api.v1alpha1.PrometheusQueryCheck;

import io.opsgate.engine.egress.EgressGate;
import io.opsgate.engine.egress.EgressHttp;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A PromQL instant query ({@code GET /api/v1/query}) whose samples are compared with a threshold: the
 * monitor is down when any sample value {@code <operator> threshold} holds, or, with failWhenEmpty, when
 * the result is empty. NaN never compares true, as in PromQL. The status message says only how many samples
 * compared and how: the labels of the series and the server's error text are the Prometheus server's, which
 * may hold other tenants' data, and never reach the tenant's status.
 */
final class PrometheusQueryCheckRunner implements Check {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrometheusQueryCheck spec;
    private final EgressHttp http;
    private final Supplier<EgressGate> gate;

    PrometheusQueryCheckRunner(PrometheusQueryCheck spec, CheckResources resources, Supplier<EgressGate> gate) {
        this.spec = spec;
        this.http = resources.http();
        this.gate = gate;
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
        CompletableFuture<EgressHttp.Response> sent = null;
        try {
            sent = http.send(new EgressHttp.Request("GET", uri, Map.of(), null, timeout, HttpCheckRunner.BODY_LIMIT * 4,
                    true, false), gate.get());
            EgressHttp.Response r = sent.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
            if (r.status() != 200) {
                return CheckOutcome.down("query failed: HTTP " + r.status(), elapsed.millis());
            }
            JsonNode body = JSON.readTree(r.body());
            if (!"success".equals(body.path("status").asText())) {
                return CheckOutcome.down("query failed: the answer's status is not success", elapsed.millis());
            }
            data = body.path("data");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CheckOutcome.down("interrupted", elapsed.millis());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return CheckOutcome.down("query failed: the answer is not JSON", elapsed.millis());
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
        return CheckOutcome.down(failing.size() + " of " + samples.size() + " samples " + symbol() + " "
                + format(spec.threshold), millis);
    }

    /** A sample's value; its labels are not kept (see the class comment). */
    private record Sample(double value) {
    }

    private static List<Sample> samples(JsonNode data) {
        List<Sample> result = new ArrayList<>();
        String type = data.path("resultType").asText();
        JsonNode r = data.path("result");
        switch (type) {
            case "scalar" -> result.add(new Sample(value(r.path(1))));
            case "vector" -> r.forEach(s -> result.add(new Sample(value(s.path("value").path(1)))));
            case "matrix" -> r.forEach(s -> {
                JsonNode values = s.path("values");
                if (values.size() > 0) {
                    result.add(new Sample(value(values.get(values.size() - 1).path(1))));
                }
            });
            default -> {
            }
        }
        return result;
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
