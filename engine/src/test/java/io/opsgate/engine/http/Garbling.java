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
        Arbitrary<String> garbled = Combinators.combine(Arbitraries.of(VALID), Arbitraries.integers().between(0, 10_000),
                        Arbitraries.integers().between(0, 40), Arbitraries.strings().ofMaxLength(12)
                                .withChars("{}[]\",:\\0123456789abcntrue-+.eE \u0000\u00ff\u2028\ud83d\ude00"),
                        Arbitraries.of("cut", "insert", "replace", "repeat", "truncate"))
                .as((valid, at, len, piece, how) -> {
                    int pos = at % (valid.length() + 1);
                    int end = Math.min(valid.length(), pos + len);
                    return switch (how) {
                        case "cut" -> valid.substring(0, pos) + valid.substring(end);
                        case "insert" -> valid.substring(0, pos) + piece + valid.substring(pos);
                        case "replace" -> valid.substring(0, pos) + piece + valid.substring(end);
                        case "repeat" -> valid.substring(0, end) + valid.substring(pos);
                        default -> valid.substring(0, pos);
                    };
                });
        return Arbitraries.oneOf(garbled, Arbitraries.strings().ofMaxLength(200), Arbitraries.of(VALID));
    }
}
