package io.opsgate.operator.sources;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.opsgate.api.common.ConditionTypes;
import io.opsgate.api.common.Conditions;
import io.opsgate.api.common.SecretReference;
import io.opsgate.api.config.CompiledConfig;
import io.opsgate.api.config.CompiledConfigCodec;
import io.opsgate.api.v1alpha1.AlertSource;
import io.opsgate.api.v1alpha1.AlertSourceSpec;
import io.opsgate.api.v1alpha1.Tenant;
import io.opsgate.operator.support.Fixtures;
import io.opsgate.operator.support.MockCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * AlertSources reach the compiled configuration and report their status as AlertRules do: a bad
 * pattern or a recipient another source owns is named in the Ready condition and left out, and the
 * ingest Deployment mounts the SMTP AUTH Secret of each valid mail source.
 */
class AlertSourceStatusIT {

    static final String NS = "opsgate-acme";
    @RegisterExtension
    final MockCluster cluster = MockCluster.runningOperator().withDeploymentController();

    @Test
    void invalidSourcesAreReportedAndLeftOutAndValidOnesReachIngest() {
        cluster.create(Fixtures.tenant("acme"));
        await().atMost(Duration.ofSeconds(30)).until(() -> cluster.client().namespaces().withName(NS).get() != null);
        AlertSource inbox = mail("inbox", "alerts@acme.example", "\\[(?P<severity>[A-Z]+)\\]");
        inbox.getSpec().mail.authSecretRef = new SecretReference();
        inbox.getSpec().mail.authSecretRef.name = "batch-smtp";
        cluster.create(Fixtures.secret(NS, "batch-smtp"));
        cluster.create(inbox);
        cluster.create(mail("no-groups", "jobs@acme.example", "host=(\\S+)"));
        cluster.create(mail("taken", "alerts@acme.example", "(?P<host>\\S+)"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(ready("inbox").getStatus()).isEqualTo("True");
            Condition noGroups = ready("no-groups");
            assertThat(noGroups.getStatus()).isEqualTo("False");
            assertThat(noGroups.getReason()).isEqualTo("InvalidRegex");
            assertThat(noGroups.getMessage()).startsWith("spec.mail.patterns[0].regex: ").contains("named group");
            Condition taken = ready("taken");
            assertThat(taken.getReason()).isEqualTo("InvalidValue");
            assertThat(taken.getMessage()).startsWith("spec.mail.recipients[0]: ").contains("AlertSource inbox");
            assertThat(source("taken").getStatus().observedGeneration).isEqualTo(source("taken").getMetadata().getGeneration());
            assertThat(sourceNames(compiled())).containsExactly("inbox");
            assertThat(tenant().getStatus().counts.alertSources).isEqualTo(1);
            assertThat(intakeSecrets()).containsExactly("batch-smtp");
        });

        AlertSource fixed = source("no-groups");
        fixed.getSpec().mail.patterns.get(0).regex = "host=(?P<host>\\S+)";
        cluster.client().resource(fixed).update();
        cluster.client().resource(source("inbox")).delete();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(ready("no-groups").getStatus()).isEqualTo("True");
            assertThat(ready("taken").getStatus()).as("the address is free once its owner is gone").isEqualTo("True");
            assertThat(sourceNames(compiled())).containsExactly("no-groups", "taken");
            assertThat(intakeSecrets()).isEmpty();
        });
    }

    private static AlertSource mail(String name, String recipient, String regex) {
        AlertSource s = new AlertSource();
        s.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
        AlertSourceSpec spec = new AlertSourceSpec();
        spec.type = AlertSourceSpec.SourceType.Mail;
        spec.mail = new AlertSourceSpec.MailSource();
        spec.mail.recipients = new ArrayList<>(List.of(recipient));
        spec.mail.patterns = new ArrayList<>(List.of(new AlertSourceSpec.ExtractionPattern(AlertSourceSpec.MailField.body, regex)));
        s.setSpec(spec);
        return s;
    }

    private Condition ready(String name) {
        AlertSource s = source(name);
        assertThat(s.getStatus()).isNotNull();
        return Conditions.find(s.getStatus().conditions, ConditionTypes.READY).orElseThrow();
    }

    private AlertSource source(String name) {
        return cluster.client().resources(AlertSource.class).inNamespace(NS).withName(name).get();
    }

    private Tenant tenant() {
        return cluster.client().resources(Tenant.class).withName("acme").get();
    }

    private CompiledConfig compiled() throws Exception {
        Secret s = cluster.client().secrets().inNamespace(NS).withName("opsgate-config").get();
        assertThat(s).isNotNull();
        return CompiledConfigCodec.read(Base64.getDecoder().decode(s.getData().get("config.json")));
    }

    private static List<String> sourceNames(CompiledConfig c) {
        return c.alertSources.stream().map(n -> n.name).toList();
    }

    private List<String> intakeSecrets() {
        Deployment ingest = cluster.client().apps().deployments().inNamespace(NS).withName("opsgate-ingest").get();
        assertThat(ingest).isNotNull();
        Volume v = ingest.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(x -> x.getName().equals("intake-secrets")).findFirst().orElseThrow();
        return v.getProjected().getSources().stream().map(p -> p.getSecret().getName()).toList();
    }
}
