package io.opsgate.engine.support;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.opsgate.api.config.NamedSpec;
import io.opsgate.api.v1alpha1.AlertRuleSpec;
import io.opsgate.engine.alerting.CompiledRule;
import io.opsgate.engine.alerting.RuleSet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds rules from YAML specs, as a tenant would write them. */
public final class Rules {
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private Rules() {
    }

    public static AlertRuleSpec spec(String yaml) {
        try {
            return YAML.readValue(yaml, AlertRuleSpec.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static CompiledRule rule(String name, String yaml) {
        return CompiledRule.compile(0, new NamedSpec<>(name, 1L, spec(yaml)));
    }

    /** Rules in the order given: name, yaml, name, yaml, ... */
    public static RuleSet set(String... nameYaml) {
        List<NamedSpec<AlertRuleSpec>> specs = new ArrayList<>();
        for (int i = 0; i < nameYaml.length; i += 2) {
            specs.add(new NamedSpec<>(nameYaml[i], 1L, spec(nameYaml[i + 1])));
        }
        return RuleSet.compile(specs);
    }

    public static Map<String, String> labels(String... kv) {
        Map<String, String> m = new TreeMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }
}
