package io.opsgate.engine.sources;

import io.opsgate.api.config.CompiledConfig;
import io.opsgate.api.config.NamedSpec;
import io.opsgate.api.v1alpha1.AlertSourceSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Recipient addresses claimed by more than one tenant of one engine (standalone serves several tenants on
 * one SMTP listener). The compiler refuses a recipient used twice within a tenant; across tenants it cannot
 * see, so this says it, and the intake refuses such an address rather than pick a tenant.
 */
public final class RecipientClaims {
    private record Claim(String tenant, String source) {
    }

    private RecipientClaims() {
    }

    /** One problem per tenant and contested address, each starting with {@code "<tenant>: "}. */
    public static List<String> conflicts(Map<String, CompiledConfig> tenants) {
        Map<String, List<Claim>> claims = new LinkedHashMap<>();
        tenants.forEach((tenant, config) -> {
            for (NamedSpec<AlertSourceSpec> s : config.alertSources) {
                if (s.spec != null && s.spec.type == AlertSourceSpec.SourceType.Mail && s.spec.mail != null
                        && s.spec.mail.recipients != null) {
                    for (String r : s.spec.mail.recipients) {
                        claims.computeIfAbsent(r.trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                                .add(new Claim(tenant, s.name));
                    }
                }
            }
        });
        List<String> problems = new ArrayList<>();
        claims.forEach((address, list) -> {
            if (list.stream().map(Claim::tenant).distinct().count() < 2) {
                return;
            }
            for (Claim c : list) {
                List<String> others = list.stream().filter(o -> !o.tenant().equals(c.tenant()))
                        .map(o -> "tenant " + o.tenant() + " (AlertSource/" + o.source() + ")").distinct().toList();
                problems.add(c.tenant() + ": AlertSource/" + c.source() + ": recipient " + address
                        + " is also claimed by " + String.join(", ", others)
                        + "; mail to it is refused until one tenant gives it up");
            }
        });
        return problems;
    }
}
