package io.opsgate.api.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Reads and writes the compiled configuration as canonical JSON (sorted keys), and hashes it. */
public final class CompiledConfigCodec {

    /** File name of the document inside the Secret and the mounted directory. */
    public static final String FILE_NAME = "config.json";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .configure(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true)
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .build();

    private CompiledConfigCodec() {
    }

    /** Serialises with the hash set. */
    public static byte[] write(CompiledConfig config) {
        config.hash = hash(config);
        try {
            return MAPPER.writeValueAsBytes(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("compiled configuration is not serialisable", e);
        }
    }

    /**
     * Parses a document and checks its format version and hash.
     *
     * @throws IOException when it is not a compiled configuration this version can read
     */
    public static CompiledConfig read(byte[] bytes) throws IOException {
        CompiledConfig config = MAPPER.readValue(bytes, CompiledConfig.class);
        if (!CompiledConfig.KIND.equals(config.kind)) {
            throw new IOException("not a CompiledConfig document (kind " + config.kind + ")");
        }
        if (config.formatVersion > CompiledConfig.FORMAT_VERSION) {
            throw new IOException("compiled configuration format " + config.formatVersion
                    + " is newer than this engine reads (" + CompiledConfig.FORMAT_VERSION + ")");
        }
        String expected = hash(config);
        if (config.hash != null && !config.hash.equals(expected)) {
            throw new IOException("compiled configuration hash mismatch: the document is truncated or altered");
        }
        return config;
    }

    /** SHA-256 of the canonical JSON without the hash field. */
    public static String hash(CompiledConfig config) {
        String saved = config.hash;
        config.hash = null;
        try {
            byte[] json = MAPPER.writeValueAsString(config).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            config.hash = saved;
        }
    }
}
