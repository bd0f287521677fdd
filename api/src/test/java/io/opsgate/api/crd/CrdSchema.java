package io.opsgate.api.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Checks an object against a committed CRD as the API server would on create: the structural
 * openAPIV3Schema with a JSON-schema validator, then every x-kubernetes-validations CEL rule at the
 * node it is attached to. Transition rules (those using oldSelf) do not apply on create.
 */
public final class CrdSchema {

    /** One rejection: where (a field path like spec.actions) and why. */
    public record Violation(String path, String message) {
    }

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
    private static final CelCompiler CEL = CelCompilerFactory.standardCelCompilerBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("self", SimpleType.DYN)
            .build();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

    private final Map<String, JsonNode> schemasByKind = new HashMap<>();

    /** Loads every CRD in crds/. */
    public static CrdSchema load() throws IOException {
        CrdSchema s = new CrdSchema();
        try (Stream<Path> files = Files.list(CrdFiles.repoRoot().resolve("crds"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                JsonNode crd = CrdFiles.parse(f);
                String kind = crd.path("spec").path("names").path("kind").asText();
                s.schemasByKind.put(kind, crd.path("spec").path("versions").get(0).path("schema").path("openAPIV3Schema"));
            }
        }
        return s;
    }

    public boolean knows(String kind) {
        return schemasByKind.containsKey(kind);
    }

    /** Every violation of the object's kind's schema and CEL rules. */
    public List<Violation> validate(JsonNode object) {
        String kind = object.path("kind").asText();
        JsonNode schema = schemasByKind.get(kind);
        if (schema == null) {
            throw new IllegalArgumentException("no CRD for kind " + kind);
        }
        List<Violation> result = new ArrayList<>();
        JsonSchema js = FACTORY.getSchema(schema);
        for (ValidationMessage m : js.validate(object)) {
            String path = m.getInstanceLocation().toString().replaceFirst("^\\$\\.?", "");
            result.add(new Violation(path, m.getMessage()));
        }
        cel(schema, object, "", result);
        return result;
    }

    private void cel(JsonNode schema, JsonNode value, String path, List<Violation> out) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return;
        }
        for (JsonNode rule : schema.path("x-kubernetes-validations")) {
            String expr = rule.path("rule").asText();
            if (expr.contains("oldSelf")) {
                continue;
            }
            try {
                CelRuntime.Program program = RUNTIME.createProgram(CEL.compile(expr).getAst());
                Object ok = program.eval(Map.of("self", toCel(value)));
                if (!Boolean.TRUE.equals(ok)) {
                    out.add(new Violation(path, rule.path("message").asText(expr)));
                }
            } catch (Exception e) {
                throw new IllegalStateException("CEL rule " + expr + " at " + path + " failed to evaluate: " + e, e);
            }
        }
        if (value.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = schema.path("properties").fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                cel(f.getValue(), value.get(f.getKey()), path.isEmpty() ? f.getKey() : path + "." + f.getKey(), out);
            }
        } else if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                cel(schema.get("items"), value.get(i), path + "[" + i + "]", out);
            }
        }
    }

    /** CEL wants int64 for integers, and plain maps and lists. */
    private static Object toCel(JsonNode n) {
        if (n.isObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            n.fields().forEachRemaining(e -> m.put(e.getKey(), toCel(e.getValue())));
            return m;
        }
        if (n.isArray()) {
            List<Object> l = new ArrayList<>();
            n.forEach(x -> l.add(toCel(x)));
            return l;
        }
        if (n.isIntegralNumber()) {
            return n.asLong();
        }
        if (n.isNumber()) {
            return n.asDouble();
        }
        if (n.isBoolean()) {
            return n.asBoolean();
        }
        return n.asText();
    }
}
