package io.opsgate.operator.support;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.opsgate.api.common.SecretReference;
import io.opsgate.api.v1alpha1.AlertRule;
import io.opsgate.api.v1alpha1.AlertRuleSpec;
import io.opsgate.api.v1alpha1.ApiTokenSpec;
import io.opsgate.api.v1alpha1.EgressRule;
import io.opsgate.api.v1alpha1.IngestSpec;
import io.opsgate.api.v1alpha1.NotificationChannel;
import io.opsgate.api.v1alpha1.NotificationChannelSpec;
import io.opsgate.api.v1alpha1.RuleActions;
import io.opsgate.api.v1alpha1.Subject;
import io.opsgate.api.v1alpha1.Tenant;
import io.opsgate.api.v1alpha1.TenantSpec;

import java.util.ArrayList;
import java.util.List;

/** Small objects for tests. */
public final class Fixtures {

    private Fixtures() {
    }

    public static Tenant tenant(String name) {
        Tenant t = new Tenant();
        t.setMetadata(new ObjectMetaBuilder().withName(name).build());
        TenantSpec spec = new TenantSpec();
        spec.owners = new ArrayList<>(List.of(new Subject(Subject.SubjectKind.Group, name + "-owners", null)));
        spec.operators = new ArrayList<>(List.of(new Subject(Subject.SubjectKind.User, "oncall@" + name + ".example", null)));
        spec.viewers = new ArrayList<>(List.of(new Subject(Subject.SubjectKind.ServiceAccount, "auditor", "audit")));
        spec.ingest = new IngestSpec();
        spec.ingest.allowedCidrs = new ArrayList<>(List.of("10.0.0.0/8"));
        spec.ingest.allowedNamespaces = new ArrayList<>(List.of("monitoring"));
        spec.egress = new ArrayList<>(List.of(new EgressRule("192.0.2.0/24", new ArrayList<>(List.of(443, 587)))));
        ApiTokenSpec token = new ApiTokenSpec();
        token.name = "prometheus";
        spec.apiTokens = new ArrayList<>(List.of(token));
        t.setSpec(spec);
        return t;
    }

    public static NotificationChannel channel(String namespace, String name, NotificationChannelSpec.ChannelType type,
                                              String secret) {
        NotificationChannel c = new NotificationChannel();
        c.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        c.setSpec(new NotificationChannelSpec());
        c.getSpec().type = type;
        c.getSpec().secretRef = new SecretReference(secret);
        return c;
    }

    /** A Secret with one key, as the platform team creates credentials. */
    public static io.fabric8.kubernetes.api.model.Secret secret(String namespace, String name) {
        return new io.fabric8.kubernetes.api.model.SecretBuilder()
                .withMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build())
                .addToStringData("key", "value")
                .build();
    }

    public static AlertRule rule(String namespace, String name, String matcher) {
        AlertRule r = new AlertRule();
        r.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        AlertRuleSpec spec = new AlertRuleSpec();
        spec.matchers = new ArrayList<>(List.of(matcher));
        spec.actions = new RuleActions();
        spec.actions.drop = true;
        r.setSpec(spec);
        return r;
    }
}
