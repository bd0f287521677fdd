package io.opsgate.engine.alerting;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fingerprints equal Alertmanager's. The expected values were read from Debian's prometheus-alertmanager
 * 0.25.0: POST /api/v2/alerts with these label sets, then the fingerprint field of GET /api/v2/alerts
 * ({@code AlertmanagerFingerprintIT} repeats this against the binary with random label sets).
 */
class FingerprintsTest {

    private static Map<String, String> labels(String... kv) {
        Map<String, String> m = new TreeMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void equalsAlertmanagersForTheSameLabels() {
        assertThat(Fingerprints.hex(labels("alertname", "DiskFull", "instance", "web-1", "severity", "critical")))
                .isEqualTo("bf29cd0c3cac59df");
        assertThat(Fingerprints.hex(labels("alertname", "a"))).isEqualTo("d258efc389808447");
        assertThat(Fingerprints.hex(labels("a", "1", "b", "2"))).isEqualTo("1cc37fac8a64ae01");
        assertThat(Fingerprints.hex(labels("alertname", "Ünïcode", "zone", "東京"))).isEqualTo("730f07d78090b954");
        assertThat(Fingerprints.hex(labels("job", "node", "__name__", "x", "Z", "upper"))).isEqualTo("63fa626f99d06839");
    }

    @Test
    void dependsOnLabelsNotOnInsertionOrder() {
        Map<String, String> a = new java.util.LinkedHashMap<>();
        a.put("b", "2");
        a.put("a", "1");
        assertThat(Fingerprints.hex(a)).isEqualTo("1cc37fac8a64ae01");
    }

    @Test
    void separatesNamesFromValues() {
        // Without the 0xff separators these two would hash the same bytes.
        assertThat(Fingerprints.of(labels("ab", "c"))).isNotEqualTo(Fingerprints.of(labels("a", "bc")));
    }

    @Test
    void printsSixteenHexDigits() {
        assertThat(Fingerprints.hex(0x1234L)).isEqualTo("0000000000001234");
    }
}
