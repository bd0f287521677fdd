package io.opsgate.operator.config;

import java.util.List;

/**
 * A Secret that valid NotificationChannels reference, and the keys notify may read from it. Mounted at
 * {@code /var/run/opsgate/secrets/<secretName>/<key>}.
 *
 * @param secretName the Secret in the tenant namespace
 * @param keys       sorted keys the channel types using it read
 */
public record ChannelSecret(String secretName, List<String> keys) {
    public ChannelSecret {
        keys = List.copyOf(keys);
    }
}
