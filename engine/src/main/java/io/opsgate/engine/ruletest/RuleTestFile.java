package io.opsgate.engine.ruletest;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.opsgate.api.time.Durations;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A rule test file ({@code opsgate test rules}, docs/rules.md "Offline rule tests"): test cases, each a sequence of alerts
 * with what is expected to happen to each. Read strictly: an unknown field fails the file, named with its line and
 * column.
 */
public final class RuleTestFile {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /** The tenant whose objects the directory holds; may be left out when it holds one tenant. */
    public String tenant;
    public List<Case> tests = new ArrayList<>();

    /** One test case: alerts fed in order through a fresh pipeline, starting at {@code at}. */
    public static final class Case {
        public String name;
        /** RFC 3339 time of the case's start, the injected clock's first reading. */
        public String at;
        public List<TestAlert> alerts = new ArrayList<>();
    }

    /** One alert as a source would deliver it, and what is expected to happen to it. */
    public static final class TestAlert {
        public Map<String, String> labels = new LinkedHashMap<>();
        public Map<String, String> annotations = new LinkedHashMap<>();
        /** For an alert that came by mail: its sender, subject and body, which text conditions read. */
        public Mail mail;
        /** When the alert arrives, after the case's start (a duration such as 30s); 0 when left out. */
        public String after;
        public Expectation expect;
    }

    /** The mail an alert came in. */
    public static final class Mail {
        public String from;
        public String subject;
        public String body;
    }

    /** What should happen to an alert; a field left out is not checked. */
    public static final class Expectation {
        public Boolean dropped;
        /** The priority of the ticket the alert is on, or {@code none}. */
        public String ticket;
        /** The channels its notify rules route it to, in order. */
        public List<String> channels;
        public Boolean silenced;
        public Boolean inhibited;
        /** The keys of the aggregation groups it is in. */
        @JsonProperty("groupKeys")
        public List<String> groupKeys;
    }

    /** A test file that cannot be used, with a message naming the field and its place. */
    public static final class BadFile extends Exception {
        public BadFile(String message) {
            super(message);
        }
    }

    /** Reads and checks a test file. */
    public static RuleTestFile read(Path file) throws BadFile {
        RuleTestFile f;
        try {
            f = YAML.readValue(Files.readString(file), RuleTestFile.class);
        } catch (UnrecognizedPropertyException e) {
            throw new BadFile(file + ":" + place(e) + ": unknown field \"" + e.getPropertyName() + "\" ("
                    + path(e) + "; known: " + e.getKnownPropertyIds().stream().map(Object::toString).sorted()
                    .collect(Collectors.joining(", ")) + ")");
        } catch (JsonMappingException e) {
            throw new BadFile(file + ":" + place(e) + ": " + path(e) + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadFile(file + ": " + e.getMessage());
        }
        if (f == null || f.tests == null || f.tests.isEmpty()) {
            throw new BadFile(file + ": no tests (the file needs a tests list)");
        }
        for (int i = 0; i < f.tests.size(); i++) {
            Case c = f.tests.get(i);
            String where = file + ": tests[" + i + "]";
            if (c.alerts == null || c.alerts.isEmpty()) {
                throw new BadFile(where + ".alerts: a test needs at least one alert");
            }
            if (c.at != null) {
                try {
                    Instant.parse(c.at);
                } catch (DateTimeParseException e) {
                    throw new BadFile(where + ".at: \"" + c.at + "\" is not an RFC 3339 time such as 2026-03-02T10:00:00Z");
                }
            }
            for (int j = 0; j < c.alerts.size(); j++) {
                TestAlert a = c.alerts.get(j);
                if (a.labels == null || a.labels.isEmpty()) {
                    throw new BadFile(where + ".alerts[" + j + "].labels: an alert needs labels");
                }
                if (a.after != null) {
                    try {
                        Durations.parse(a.after);
                    } catch (IllegalArgumentException e) {
                        throw new BadFile(where + ".alerts[" + j + "].after: \"" + a.after + "\" is not a duration such as 30s");
                    }
                }
            }
        }
        return f;
    }

    private static String place(JsonMappingException e) {
        return e.getLocation() == null ? "?" : e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr();
    }

    /** The field's path as tests[0].alerts[1].expect. */
    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            } else if (r.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            }
        }
        return sb.isEmpty() ? "the file" : sb.toString();
    }
}
