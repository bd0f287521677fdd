package io.opsgate.webhook;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookConfigTest {

    @Test
    void defaultsFollowTheContract() {
        WebhookConfig c = WebhookConfig.fromEnvironment(Map.of());
        assertThat(c.httpsPort()).isEqualTo(8443);
        assertThat(c.httpPort()).isEqualTo(8080);
        assertThat(c.certificate()).isEqualTo(Path.of("/etc/opsgate/webhook-tls/tls.crt"));
        assertThat(c.key()).isEqualTo(Path.of("/etc/opsgate/webhook-tls/tls.key"));
        assertThat(c.tlsReloadInterval()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void readsTheEnvironment() {
        WebhookConfig c = WebhookConfig.fromEnvironment(Map.of("OPSGATE_WEBHOOK_PORT", "9443", "OPSGATE_HTTP_PORT", "9090",
                "OPSGATE_WEBHOOK_TLS_DIR", "/tls", "OPSGATE_WEBHOOK_TLS_RELOAD_SECONDS", "3", "OPSGATE_WEBHOOK_HOST", "127.0.0.1"));
        assertThat(c.host()).isEqualTo("127.0.0.1");
        assertThat(c.httpsPort()).isEqualTo(9443);
        assertThat(c.httpPort()).isEqualTo(9090);
        assertThat(c.certificate()).isEqualTo(Path.of("/tls/tls.crt"));
        assertThat(c.tlsReloadInterval()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void aBadValueNamesItsVariable() {
        assertThatThrownBy(() -> WebhookConfig.fromEnvironment(Map.of("OPSGATE_WEBHOOK_PORT", "https")))
                .hasMessageContaining("OPSGATE_WEBHOOK_PORT=https is not a number");
        assertThatThrownBy(() -> WebhookConfig.fromEnvironment(Map.of("OPSGATE_HTTP_PORT", "70000")))
                .hasMessageContaining("OPSGATE_HTTP_PORT=70000 is out of range");
        assertThatThrownBy(() -> WebhookConfig.fromEnvironment(Map.of("OPSGATE_HTTP_PORT", "8443")))
                .hasMessageContaining("must differ");
    }
}
