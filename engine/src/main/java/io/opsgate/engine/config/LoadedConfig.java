package io.opsgate.engine.config;

import io.opsgate.api.config.CompiledConfig;

import java.util.List;
import java.util.Map;

/**
 * What a configuration source read.
 *
 * @param tenants  the compiled configuration per tenant name
 * @param problems what could not be read or was left out, each naming the file or object
 * @param refuse   whether the problems make this load unfit to replace a running configuration
 */
public record LoadedConfig(Map<String, CompiledConfig> tenants, List<String> problems, boolean refuse) {
}
