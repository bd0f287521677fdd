package io.opsgate.engine.monitors;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

/** Whether a server certificate is valid for long enough: the rule HTTP and TLS checks share. */
final class CertificateExpiry {
    private CertificateExpiry() {
    }

    /** A problem to report, or null when the certificate is valid for at least {@code minDays} more days. */
    static String problem(X509Certificate leaf, int minDays, Instant now) {
        Instant notAfter = leaf.getNotAfter().toInstant();
        String subject = leaf.getSubjectX500Principal().getName();
        if (!notAfter.isAfter(now)) {
            return "certificate " + subject + " expired at " + notAfter;
        }
        if (notAfter.isBefore(now.plus(Duration.ofDays(minDays)))) {
            long days = Duration.between(now, notAfter).toDays();
            return "certificate " + subject + " expires at " + notAfter + " (in " + days + (days == 1 ? " day" : " days")
                    + "), within the " + minDays + " days the monitor requires";
        }
        return null;
    }
}
