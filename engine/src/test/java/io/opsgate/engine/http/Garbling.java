package io.opsgate.engine.http;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.util.List;

/** Payloads for property tests: valid ones, and valid ones with a piece cut, repeated or replaced. */
final class Garbling {
    static final List<String> VALID = List.of(
            "[{\"labels\":{\"alertname\":\"A\",\"severity\":\"critical\"},\"annotations\":{\"summary\":\"s\"},"
                    + "\"startsAt\":\"2026-01-01T00:00:00Z\",\"endsAt\":\"2026-01-01T01:00:00Z\",\"generatorURL\":\"http://x\"}]",
            "{\"version\":\"4\",\"status\":\"firing\",\"alerts\":[{\"status\":\"resolved\",\"labels\":{\"alertname\":\"B\"},"
                    + "\"annotations\":{},\"startsAt\":\"2026-01-01T00:00:00Z\",\"endsAt\":\"2026-01-01T00:05:00Z\"}]}",
            "{\"source\":\"zabbix\",\"severity\":\"warning\",\"summary\":\"disk\",\"host\":\"h\",\"labels\":{\"team\":\"t\"},"
                    + "\"dedupKey\":\"k\",\"action\":\"trigger\",\"timestamp\":\"2026-01-01T00:00:00+09:00\"}",
            "{\"matchers\":[{\"name\":\"alertname\",\"value\":\"A.*\",\"isRegex\":true,\"isEqual\":true}],"
                    + "\"startsAt\":\"2026-01-01T00:00:00Z\",\"endsAt\":\"2099-01-01T00:00:00Z\",\"createdBy\":\"me\",\"comment\":\"c\"}");

    private Garbling() {
    }

    static Arbitrary<String> payloads() {
        return payloads(VALID);
    }

    /** Garbled variants of the given valid payloads, random strings, and the valid ones themselves. */
    static Arbitrary<String> payloads(List<String> valid) {
        Arbitrary<String> garbled = Combinators.combine(Arbitraries.of(valid), Arbitraries.integers().between(0, 10_000),
                        Arbitraries.integers().between(0, 40), Arbitraries.strings().ofMaxLength(12)
                                .withChars("{}[]\",:\\0123456789abcntrue-+.eE \u0000\u00ff\u2028\ud83d\ude00"),
                        Arbitraries.of("cut", "insert", "replace", "repeat", "truncate"))
                .as((v, at, len, piece, how) -> {
                    int pos = at % (v.length() + 1);
                    int end = Math.min(v.length(), pos + len);
                    return switch (how) {
                        case "cut" -> v.substring(0, pos) + v.substring(end);
                        case "insert" -> v.substring(0, pos) + piece + v.substring(pos);
                        case "replace" -> v.substring(0, pos) + piece + v.substring(end);
                        case "repeat" -> v.substring(0, end) + v.substring(pos);
                        default -> v.substring(0, pos);
                    };
                });
        return Arbitraries.oneOf(garbled, Arbitraries.strings().ofMaxLength(200), Arbitraries.of(valid));
    }
}
