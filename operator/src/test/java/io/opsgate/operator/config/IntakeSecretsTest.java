package io.opsgate.operator.config;

import io.opsgate.api.common.SecretReference;
import io.opsgate.api.config.CompiledConfig;
import io.opsgate.api.config.NamedSpec;
import io.opsgate.api.v1alpha1.AlertSourceSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IntakeSecretsTest {

    @Test
    void eachAuthSecretOfAMailSourceOnceSortedWithUsernameAndPassword() {
        CompiledConfig config = new CompiledConfig();
        config.alertSources.add(mail("jp1", "zeta-smtp"));
        config.alertSources.add(mail("batch", "alpha-smtp"));
        config.alertSources.add(mail("batch-2", "alpha-smtp"));
        config.alertSources.add(mail("open", null));
        AlertSourceSpec webhook = new AlertSourceSpec();
        webhook.type = AlertSourceSpec.SourceType.Webhook;
        webhook.webhook = new AlertSourceSpec.WebhookSource();
        config.alertSources.add(new NamedSpec<>("zabbix", 1L, webhook));

        assertThat(IntakeSecrets.of(config)).containsExactly(
                new ChannelSecret("alpha-smtp", List.of("password", "username")),
                new ChannelSecret("zeta-smtp", List.of("password", "username")));
        assertThat(IntakeSecrets.of(new CompiledConfig())).isEmpty();
    }

    @Test
    void theConsolesOidcClientSecretIsMountedIntoIngestWithItsOneKey() {
        CompiledConfig config = new CompiledConfig();
        config.alertSources.add(mail("jp1", "zeta-smtp"));
        config.tenantSpec = new io.opsgate.api.v1alpha1.TenantSpec();
        config.tenantSpec.console = new io.opsgate.api.v1alpha1.ConsoleSpec();
        config.tenantSpec.console.oidc = new io.opsgate.api.v1alpha1.OidcSpec();
        config.tenantSpec.console.oidc.clientSecretRef = new SecretReference("console-oidc");

        assertThat(IntakeSecrets.of(config)).containsExactly(
                new ChannelSecret("console-oidc", List.of("clientSecret")),
                new ChannelSecret("zeta-smtp", List.of("password", "username")));
        config.tenantSpec.console.oidc.clientSecretRef = null;
        assertThat(IntakeSecrets.of(config)).containsExactly(new ChannelSecret("zeta-smtp", List.of("password", "username")));
    }

    private static NamedSpec<AlertSourceSpec> mail(String name, String secret) {
        AlertSourceSpec spec = new AlertSourceSpec();
        spec.type = AlertSourceSpec.SourceType.Mail;
        spec.mail = new AlertSourceSpec.MailSource();
        spec.mail.recipients.add(name + "@acme.example");
        if (secret != null) {
            spec.mail.authSecretRef = new SecretReference();
            spec.mail.authSecretRef.name = secret;
        }
        return new NamedSpec<>(name, 1L, spec);
    }
}
