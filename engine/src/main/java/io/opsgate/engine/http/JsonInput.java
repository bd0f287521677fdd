package io.opsgate.engine.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * A streaming JSON reader for request bodies (no tree is built) that turns every problem into a 400
 * naming the position or the field.
 */
final class JsonInput implements AutoCloseable {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
            .build();

    private static final com.fasterxml.jackson.databind.ObjectReader TREE = new com.fasterxml.jackson.databind.ObjectMapper(FACTORY)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS).reader();

    private final JsonParser parser;

    JsonInput(byte[] body) {
        try {
            this.parser = FACTORY.createParser(body);
        } catch (IOException e) {
            throw ApiError.badRequest("cannot read the body: " + e.getMessage());
        }
    }

    /** The next token; malformed JSON becomes a 400 with line and column. */
    JsonToken next() {
        try {
            return parser.nextToken();
        } catch (JsonProcessingException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw ApiError.badRequest("cannot read the body: " + e.getMessage());
        }
    }

    JsonToken current() {
        return parser.currentToken();
    }

    String name() {
        try {
            return parser.currentName();
        } catch (IOException e) {
            throw ApiError.badRequest(e.getMessage());
        }
    }

    String text() {
        try {
            return parser.getText();
        } catch (IOException e) {
            throw ApiError.badRequest(e.getMessage());
        }
    }

    /** Skips the value the parser is on (object or array included). */
    void skip() {
        try {
            parser.skipChildren();
        } catch (JsonProcessingException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw ApiError.badRequest(e.getMessage());
        }
    }

    /** Requires the current token and fails naming the field otherwise. */
    void expect(JsonToken token, String field, String what) {
        if (current() != token) {
            throw ApiError.badRequest(field(field) + " must be " + what + ", found " + describe(current())).field(field);
        }
    }

    /** Reads the string value the parser is on; null stays null. */
    String string(String field) {
        JsonToken t = current();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_STRING) {
            throw ApiError.badRequest(field(field) + " must be a string, found " + describe(t)).field(field);
        }
        return text();
    }

    /** Reads a boolean value. */
    boolean bool(String field) {
        JsonToken t = current();
        if (t == JsonToken.VALUE_TRUE) {
            return true;
        }
        if (t == JsonToken.VALUE_FALSE) {
            return false;
        }
        throw ApiError.badRequest(field(field) + " must be true or false, found " + describe(t)).field(field);
    }

    /**
     * Reads an object of strings, e.g. labels.
     *
     * @param maxEntries  most entries, or 0 for any
     * @param maxLength   longest name or value, or 0 for any
     */
    Map<String, String> stringMap(String field, int maxEntries, String entriesLimit, int maxLength, String lengthLimit) {
        JsonToken t = current();
        Map<String, String> result = new TreeMap<>();
        if (t == JsonToken.VALUE_NULL) {
            return result;
        }
        expect(JsonToken.START_OBJECT, field, "an object of strings");
        while (next() == JsonToken.FIELD_NAME) {
            String key = name();
            String path = field + "." + key;
            next();
            String value = string(path);
            if (value == null) {
                continue;
            }
            if (maxLength > 0 && (key.length() > maxLength || value.length() > maxLength)) {
                throw ApiError.badRequest(path + " is longer than " + maxLength + " characters")
                        .field(path).limit(lengthLimit, maxLength);
            }
            result.put(key, value);
            if (maxEntries > 0 && result.size() > maxEntries) {
                throw ApiError.badRequest(field + " has more than " + maxEntries + " entries")
                        .field(field).limit(entriesLimit, maxEntries);
            }
        }
        return result;
    }

    /** The body as a tree, for payloads whose shape a tenant declares (AlertSource paths); 400 when malformed. */
    static com.fasterxml.jackson.databind.JsonNode tree(byte[] body) {
        try {
            com.fasterxml.jackson.databind.JsonNode n = TREE.readTree(body);
            if (n == null || n.isMissingNode()) {
                throw ApiError.badRequest("the body is empty; a JSON object is expected");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw ApiError.badRequest("cannot read the body: " + e.getMessage());
        }
    }

    /** Fails unless the body has ended. */
    void expectEnd() {
        JsonToken t = next();
        if (t != null) {
            JsonLocation l = parser.currentTokenLocation();
            throw ApiError.badRequest("unexpected content after the JSON value at line " + l.getLineNr()
                    + ", column " + l.getColumnNr()).detail("line", l.getLineNr()).detail("column", l.getColumnNr());
        }
    }

    private static String field(String field) {
        return field == null || field.isEmpty() ? "the body" : field;
    }

    static String describe(JsonToken t) {
        if (t == null) {
            return "the end of the body";
        }
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.asString() == null ? t.name() : t.asString();
        };
    }

    private static ApiError malformed(JsonProcessingException e) {
        JsonLocation l = e.getLocation();
        String msg = e.getOriginalMessage();
        int nl = msg == null ? -1 : msg.indexOf('\n');
        if (nl > 0) {
            msg = msg.substring(0, nl);
        }
        if (l == null) {
            return ApiError.badRequest("malformed JSON: " + msg);
        }
        return ApiError.badRequest("malformed JSON at line " + l.getLineNr() + ", column " + l.getColumnNr() + ": " + msg)
                .detail("line", l.getLineNr()).detail("column", l.getColumnNr());
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            // nothing to release for a byte-array parser
        }
    }
}
