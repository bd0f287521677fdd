package io.opsgate.engine.mail;

import io.opsgate.engine.sources.MailSource;
import io.opsgate.engine.tenant.TenantRegistry;
import io.opsgate.engine.tenant.TenantRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the tenant that owns a recipient address, in the configuration in force now. Several tenants share
 * one listener standalone; an address two tenants claim belongs to neither until the configuration is fixed.
 */
final class RecipientRouter {
    private static final Logger LOG = LoggerFactory.getLogger(RecipientRouter.class);
    private static final long LOG_EVERY_MILLIS = 60_000;

    /** A recipient's owner: the tenant and its mail source. */
    record Route(TenantRuntime tenant, MailSource source) {
    }

    private final TenantRegistry registry;
    private final Map<String, Long> loggedAt = new ConcurrentHashMap<>();

    RecipientRouter(TenantRegistry registry) {
        this.registry = registry;
    }

    /** Every claim on the address: none (unknown), one, or several (a configuration problem). */
    List<Route> claims(String address) {
        String key = address.trim().toLowerCase(Locale.ROOT);
        List<Route> routes = new ArrayList<>(1);
        for (TenantRuntime rt : registry.tenants().values()) {
            MailSource s = rt.config().sources.mailFor(key);
            if (s != null) {
                routes.add(new Route(rt, s));
            }
        }
        if (routes.size() > 1) {
            long now = System.currentTimeMillis();
            Long last = loggedAt.get(key);
            if (last == null || now - last > LOG_EVERY_MILLIS) {
                loggedAt.put(key, now);
                LOG.error("recipient {} is claimed by tenants {}; mail to it is refused until only one claims it", key,
                        routes.stream().map(r -> r.tenant().name()).toList());
            }
        }
        return routes;
    }
}
