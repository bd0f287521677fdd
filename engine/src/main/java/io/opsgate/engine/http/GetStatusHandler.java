package io.opsgate.engine.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.opsgate.api.config.CompiledConfig;
import io.opsgate.engine.config.TenantConfig;
import io.opsgate.engine.tenant.TenantRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * GET /api/v2/status: Alertmanager's status (cluster disabled, version, the tenant's effective
 * configuration as YAML, uptime) plus opsgate's configuration health: the hash in force and the problems
 * of the latest load, so a bad file shows here while the last good configuration keeps running.
 */
final class GetStatusHandler implements Operation {
    private static final ObjectMapper YAML = YAMLMapper.builder().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS).build();

    private final TenantRegistry registry;
    private final ServerInfo info;

    GetStatusHandler(TenantRegistry registry, ServerInfo info) {
        this.registry = registry;
        this.info = info;
    }

    @Override
    public CompletionStage<Reply> handle(Call call) {
        TenantConfig config = call.tenant().config();
        String tenant = call.tenant().name();
        byte[] body = Json.write(g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("cluster");
            g.writeStringField("name", "");
            g.writeStringField("status", "disabled");
            g.writeArrayFieldStart("peers");
            g.writeEndArray();
            g.writeEndObject();
            g.writeObjectFieldStart("config");
            g.writeStringField("original", yaml(config.compiled));
            g.writeEndObject();
            g.writeObjectFieldStart("versionInfo");
            g.writeStringField("branch", "");
            g.writeStringField("buildDate", "");
            g.writeStringField("buildUser", "");
            g.writeStringField("goVersion", "");
            g.writeStringField("revision", "");
            g.writeStringField("version", info.version());
            g.writeEndObject();
            g.writeStringField("uptime", Json.time(info.startedAt()));
            g.writeObjectFieldStart("opsgate");
            g.writeStringField("tenant", tenant);
            g.writeStringField("configHash", config.compiled.hash == null ? "" : config.compiled.hash);
            g.writeArrayFieldStart("configProblems");
            for (String p : registry.problemsFor(tenant)) {
                g.writeString(p);
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
        });
        return CompletableFuture.completedFuture(Reply.json(200, body));
    }

    /** The effective configuration without token hashes: they are no business of a reader. */
    private static String yaml(CompiledConfig c) {
        try {
            com.fasterxml.jackson.databind.node.ObjectNode tree = YAML.valueToTree(c);
            tree.remove("tokens");
            return YAML.writeValueAsString(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
