package io.opsgate.operator.config;

import io.opsgate.api.config.CompiledConfig;
import io.opsgate.api.config.NamedSpec;
import io.opsgate.api.v1alpha1.ContactGroupSpec;
import io.opsgate.api.v1alpha1.OnCallScheduleSpec;
import io.opsgate.api.v1alpha1.OpsgateApi;
import io.opsgate.api.v1alpha1.NotificationChannelSpec;
import io.opsgate.api.v1alpha1.NotificationChannelSpec.ChannelType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which credentials notify needs: the Secrets referenced by the channels in the compiled configuration
 * (valid ones only), each with the keys its channel types read. Naming the keys lets one projected
 * volume lay every Secret out under its own directory.
 */
public final class ChannelSecrets {

    private static final Map<ChannelType, List<String>> KEYS_BY_TYPE = Map.of(
            ChannelType.Email, List.of("username", "password"),
            ChannelType.Slack, List.of("url"),
            ChannelType.Teams, List.of("url"),
            ChannelType.Webhook, List.of("hmacKey", "url"),
            ChannelType.PagerDuty, List.of("routingKey"),
            ChannelType.CallOut, List.of("accountSid", "authToken"));

    private ChannelSecrets() {
    }

    /** The keys a channel of that type reads from its Secret (the NotificationChannelSpec Javadoc lists them). */
    public static List<String> keysFor(ChannelType type) {
        return KEYS_BY_TYPE.getOrDefault(type, List.of());
    }

    /** Every person id the valid OnCallSchedules (layers, overrides) and ContactGroups name. */
    static SortedSet<String> people(CompiledConfig config) {
        SortedSet<String> people = new TreeSet<>();
        for (NamedSpec<OnCallScheduleSpec> s : config.onCallSchedules) {
            if (s.spec == null) {
                continue;
            }
            if (s.spec.layers != null) {
                s.spec.layers.forEach(l -> {
                    if (l.people != null) {
                        l.people.stream().filter(java.util.Objects::nonNull).forEach(people::add);
                    }
                });
            }
            if (s.spec.overrides != null) {
                s.spec.overrides.stream().filter(o -> o.person != null).forEach(o -> people.add(o.person));
            }
        }
        for (NamedSpec<ContactGroupSpec> g : config.contactGroups) {
            if (g.spec != null && g.spec.members != null) {
                g.spec.members.stream().filter(m -> m.person != null).forEach(m -> people.add(m.person));
            }
        }
        return people;
    }

    /**
     * The Secrets of the valid channels, sorted by name, keys merged when channels share a Secret; and the contacts
     * Secret ({@code opsgate-contacts}) with the keys of the people the schedules and groups name.
     */
    public static List<ChannelSecret> of(CompiledConfig config) {
        Map<String, SortedSet<String>> keys = new TreeMap<>();
        for (NamedSpec<NotificationChannelSpec> channel : config.notificationChannels) {
            NotificationChannelSpec spec = channel.spec;
            if (spec == null || spec.secretRef == null || spec.secretRef.name == null) {
                continue;
            }
            keys.computeIfAbsent(spec.secretRef.name, k -> new TreeSet<>()).addAll(keysFor(spec.type));
        }
        SortedSet<String> people = people(config);
        if (!people.isEmpty()) {
            // The contacts Secret: only the entries of people the schedules and groups name (least privilege).
            keys.computeIfAbsent(OpsgateApi.CONTACTS_SECRET, k -> new TreeSet<>()).addAll(people);
        }
        List<ChannelSecret> result = new ArrayList<>();
        keys.forEach((name, k) -> result.add(new ChannelSecret(name, new ArrayList<>(k))));
        return result;
    }
}
