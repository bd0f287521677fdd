package io.opsgate.engine.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.opsgate.engine.security.SecurityService;
import io.opsgate.engine.security.vault.TenantVault;
import io.opsgate.engine.security.vault.VaultRecord;
import io.opsgate.engine.store.TenantKeys;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

/**
 * The tenant's own security routes: the credential vault ({@code /api/v1/credentials}, values never
 * returned), on-demand data-key rotation ({@code POST /api/v1/keys/rotate}) and its access log
 * ({@code GET /api/v1/access-log}). Work that touches the disk runs off the event loop.
 */
final class SecurityHandlers {
    static final Pattern NAME = Pattern.compile("^[A-Za-z0-9]([-A-Za-z0-9_.]{0,98}[A-Za-z0-9])?$");
    static final int MAX_KEYS = 64;
    static final int MAX_VALUE_CHARS = 65536;
    static final int MAX_LOG_LIMIT = 1000;

    private final SecurityService security;
    private final Executor worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "security-api");
        t.setDaemon(true);
        return t;
    });

    /** How long a credential change waits for notify to take it. */
    static final long HANDOVER_SECONDS = 5;

    SecurityHandlers(SecurityService security) {
        this.security = security;
    }

    /** PUT /api/v1/credentials/{name}, body {@code {"<key>": "<value>", ...}}. */
    CompletionStage<Reply> put(Call call) {
        String name = name(call);
        Map<String, String> values = parseValues(call.body);
        String tenant = call.tenant().name();
        return off(() -> fields(vault(call).put(name, values)))
                .thenCompose(fields -> handedOver(tenant).thenApply(handed -> {
                    fields.put("notify", handed ? "synced" : "pending");
                    return Reply.json(200, Json.value(fields));
                }));
    }

    /** GET /api/v1/credentials/{name}: metadata only. */
    CompletionStage<Reply> get(Call call) {
        String name = name(call);
        return off(() -> {
            VaultRecord r = vault(call).metadata(name);
            if (r == null) {
                throw new ApiError(404, "credential " + name + " not found").field("name");
            }
            return metadata(r);
        }).thenApply(b -> Reply.json(200, b));
    }

    /** GET /api/v1/credentials: every credential's metadata. */
    CompletionStage<Reply> list(Call call) {
        return off(() -> {
            List<Map<String, Object>> all = new ArrayList<>();
            for (VaultRecord r : vault(call).list()) {
                all.add(fields(r));
            }
            return Json.value(Map.of("credentials", all));
        }).thenApply(b -> Reply.json(200, b));
    }

    /** DELETE /api/v1/credentials/{name}. */
    CompletionStage<Reply> delete(Call call) {
        String name = name(call);
        return off(() -> {
            if (!vault(call).delete(name)) {
                throw new ApiError(404, "credential " + name + " not found").field("name");
            }
            return new byte[0];
        }).thenCompose(b -> handedOver(call.tenant().name())).thenApply(handed -> Reply.empty(204));
    }

    /**
     * POST /api/v1/keys/rotate: a new data key, every record of the tenant re-encrypted, the old key destroyed (kept
     * wrapped only while access-log lines sealed with it are kept).
     */
    CompletionStage<Reply> rotate(Call call) {
        return off(() -> {
            TenantKeys.Rotation r;
            try {
                r = security.rotate(call.tenant().name(), "on demand by token " + call.actor());
            } catch (SecurityService.Unavailable e) {
                throw new ApiError(503, e.getMessage());
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", r.key().id());
            body.put("createdAt", Instant.ofEpochMilli(r.key().createdAt()).toString());
            body.put("kekId", r.key().kekId());
            body.put("reencrypted", r.reencrypted());
            return Json.value(Map.of("dataKey", body));
        }).thenApply(b -> Reply.json(200, b));
    }

    /** GET /api/v1/access-log?since=&limit=: the caller's tenant's entries, oldest first. */
    CompletionStage<Reply> accessLog(Call call) {
        Instant since;
        int limit;
        try {
            String s = call.queryParam("since");
            since = s == null || s.isEmpty() ? null : Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest("since must be an RFC 3339 UTC time").field("since");
        }
        try {
            String l = call.queryParam("limit");
            limit = l == null || l.isEmpty() ? 100 : Integer.parseInt(l);
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("limit must be a number").field("limit");
        }
        if (limit < 1 || limit > MAX_LOG_LIMIT) {
            throw ApiError.badRequest("limit must be 1 to " + MAX_LOG_LIMIT).field("limit").limit("limit", MAX_LOG_LIMIT);
        }
        String tenant = call.tenant().name();
        int max = limit;
        return off(() -> {
            List<JsonNode> entries = security.accessLog().read(tenant, since, max);
            return Json.value(Map.of("entries", entries));
        }).thenApply(b -> Reply.json(200, b));
    }

    private TenantVault vault(Call call) {
        try {
            return security.vault(call.tenant().name());
        } catch (SecurityService.Unavailable e) {
            throw new ApiError(503, e.getMessage());
        }
    }

    private static String name(Call call) {
        String name = call.pathParam("name");
        if (name == null || !NAME.matcher(name).matches()) {
            throw ApiError.badRequest("name must be 1 to 100 letters, digits, '-', '_' or '.'").field("name");
        }
        return name;
    }

    /** A flat JSON object of string values, keys named like Secret keys. */
    static Map<String, String> parseValues(byte[] body) {
        Map<String, String> values = new TreeMap<>();
        try (JsonParser p = Json.MAPPER.getFactory().createParser(body == null ? new byte[0] : body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw ApiError.badRequest("the body must be a JSON object of string values");
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                if (!NAME.matcher(key).matches()) {
                    throw ApiError.badRequest("key \"" + clip(key) + "\" must be 1 to 100 letters, digits, '-', '_' or '.'")
                            .field(clip(key));
                }
                if (p.nextToken() != JsonToken.VALUE_STRING) {
                    throw ApiError.badRequest("the value of " + key + " must be a string").field(key);
                }
                String v = p.getText();
                if (v.length() > MAX_VALUE_CHARS) {
                    throw ApiError.badRequest("the value of " + key + " is too long").field(key)
                            .limit("maxValueChars", MAX_VALUE_CHARS);
                }
                if (values.put(key, v) != null) {
                    throw ApiError.badRequest("key " + key + " is given twice").field(key);
                }
                if (values.size() > MAX_KEYS) {
                    throw ApiError.badRequest("more than " + MAX_KEYS + " keys").limit("maxKeys", MAX_KEYS);
                }
            }
            if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw ApiError.badRequest("the body must be one JSON object of string values");
            }
        } catch (IOException e) {
            throw ApiError.badRequest("the body is not JSON: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
        }
        if (values.isEmpty()) {
            throw ApiError.badRequest("a credential needs at least one key");
        }
        return values;
    }

    private static String clip(String s) {
        return s.length() > 100 ? s.substring(0, 100) : s;
    }

    /**
     * Hands the tenant's changed credentials to notify (in a cluster it delivers from a copy; see
     * CredentialReplica); waits a few seconds at most, after which the replica keeps trying on its own.
     */
    private CompletableFuture<Boolean> handedOver(String tenant) {
        return security.credentialsChanged(tenant).completeOnTimeout(false, HANDOVER_SECONDS, TimeUnit.SECONDS);
    }

    private static byte[] metadata(VaultRecord r) {
        return Json.value(fields(r));
    }

    private static Map<String, Object> fields(VaultRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", r.name());
        m.put("keys", r.keys());
        m.put("updatedAt", Instant.ofEpochMilli(r.updatedAt()).toString());
        return m;
    }

    /** Work that may block, off the event loop. */
    private <T> CompletableFuture<T> off(Work<T> work) {
        CompletableFuture<T> f = new CompletableFuture<>();
        worker.execute(() -> {
            try {
                f.complete(work.run());
            } catch (Exception | Error e) {
                f.completeExceptionally(e);
            }
        });
        return f;
    }

    @FunctionalInterface
    private interface Work<T> {
        T run() throws Exception;
    }
}
