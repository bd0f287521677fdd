package io.opsgate.operator.tenant.dependent;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;

import java.util.Map;
import java.util.Objects;

/**
 * The API server stores quantities in canonical form ("0.5" comes back as "500m"), so comparing a
 * Deployment's JSON with the desired one would see a change that is none, and rewrite it on every
 * reconcile. This aligns the live object's container quantities with the desired ones where they are
 * equal in value, on a copy, before the comparison.
 */
final class QuantityAlignment {

    private QuantityAlignment() {
    }

    /** A copy of {@code actual} whose container requests and limits use desired's spelling where equal in value. */
    static Deployment alignedTo(Deployment desired, Deployment actual) {
        Deployment copy = new DeploymentBuilder(actual).build();
        if (desired.getSpec() == null || copy.getSpec() == null || copy.getSpec().getTemplate() == null
                || copy.getSpec().getTemplate().getSpec() == null) {
            return copy;
        }
        for (Container want : desired.getSpec().getTemplate().getSpec().getContainers()) {
            for (Container have : copy.getSpec().getTemplate().getSpec().getContainers()) {
                if (want.getName().equals(have.getName()) && want.getResources() != null && have.getResources() != null) {
                    align(want.getResources().getRequests(), have.getResources().getRequests());
                    align(want.getResources().getLimits(), have.getResources().getLimits());
                }
            }
        }
        return copy;
    }

    private static void align(Map<String, Quantity> want, Map<String, Quantity> have) {
        if (want == null || have == null) {
            return;
        }
        want.forEach((name, quantity) -> {
            if (Objects.equals(quantity, have.get(name))) {
                have.put(name, quantity);
            }
        });
    }
}
