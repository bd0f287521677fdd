package io.opsgate.api.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.client.CustomResource;
import io.opsgate.api.v1alpha1.AlertRule;
import io.opsgate.api.v1alpha1.AlertSource;
import io.opsgate.api.v1alpha1.ContactGroup;
import io.opsgate.api.v1alpha1.Monitor;
import io.opsgate.api.v1alpha1.NotificationChannel;
import io.opsgate.api.v1alpha1.OnCallSchedule;
import io.opsgate.api.v1alpha1.OperationsSuspension;
import io.opsgate.api.v1alpha1.OpsJob;
import io.opsgate.api.v1alpha1.OpsgateApi;
import io.opsgate.api.v1alpha1.Tenant;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads opsgate objects from YAML (or JSON) files as kubectl would apply them: several documents per
 * file, other kinds ignored. Standalone mode reads its directory with it, so the engine runs the same
 * YAML the operator would get. Unknown fields are errors, as with {@code kubectl apply --validate=strict}.
 */
public final class ManifestReader {

    private static final ObjectMapper YAML = YAMLMapper.builder(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private ManifestReader() {
    }

    /** Reads every .yaml, .yml and .json file directly in {@code dir} and its subdirectories, in path order. */
    public static ManifestSet readDirectory(Path dir) throws IOException {
        ManifestSet set = new ManifestSet();
        try (Stream<Path> files = Files.walk(dir, 4)) {
            List<Path> sorted = files.filter(Files::isRegularFile)
                    .filter(p -> {
                        String n = p.getFileName().toString();
                        return n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json");
                    })
                    .filter(p -> !dir.relativize(p).toString().startsWith("secrets"))
                    .sorted().toList();
            for (Path file : sorted) {
                read(dir.relativize(file).toString(), Files.readString(file), set);
            }
        }
        return set;
    }

    /** Reads the documents of one text into {@code set}; {@code source} names it in errors. */
    public static void read(String source, String text, ManifestSet set) {
        int index = 0;
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(text)) {
            while (docs.hasNext()) {
                index++;
                JsonNode doc;
                try {
                    doc = docs.next();
                } catch (RuntimeException e) {
                    set.errors.add(source + " document " + index + ": not valid YAML: " + rootMessage(e));
                    return;
                }
                if (doc == null || doc.isNull() || doc.isMissingNode()) {
                    continue;
                }
                readDocument(source + " document " + index, doc, set);
            }
        } catch (IOException | RuntimeException e) {
            set.errors.add(source + " document " + Math.max(index, 1) + ": not valid YAML: " + rootMessage(e));
        }
    }

    private static void readDocument(String where, JsonNode doc, ManifestSet set) {
        if (!(doc instanceof ObjectNode obj)) {
            set.errors.add(where + ": expected a mapping with apiVersion and kind");
            return;
        }
        String kind = obj.path("kind").asText("");
        String apiVersion = obj.path("apiVersion").asText("");
        if (kind.equals("List") && obj.path("items").isArray()) {
            int i = 0;
            for (JsonNode item : obj.path("items")) {
                readDocument(where + " item " + i++, item, set);
            }
            return;
        }
        if (!apiVersion.startsWith(OpsgateApi.GROUP + "/")) {
            return; // other kinds (Secrets, Namespaces) are not ours to read here
        }
        if (!apiVersion.equals(OpsgateApi.API_VERSION)) {
            set.errors.add(where + ": apiVersion " + apiVersion + " is not served; use " + OpsgateApi.API_VERSION);
            return;
        }
        try {
            switch (kind) {
                case "Tenant" -> set.tenants.add(convert(obj, Tenant.class, where, false));
                case "AlertRule" -> set.alertRules.add(convert(obj, AlertRule.class, where, true));
                case "Monitor" -> set.monitors.add(convert(obj, Monitor.class, where, true));
                case "NotificationChannel" -> set.notificationChannels.add(convert(obj, NotificationChannel.class, where, true));
                case "OpsJob" -> set.opsJobs.add(convert(obj, OpsJob.class, where, true));
                case "AlertSource" -> set.alertSources.add(convert(obj, AlertSource.class, where, true));
                case "OnCallSchedule" -> set.onCallSchedules.add(convert(obj, OnCallSchedule.class, where, true));
                case "ContactGroup" -> set.contactGroups.add(convert(obj, ContactGroup.class, where, true));
                case "OperationsSuspension" ->
                        set.operationsSuspensions.add(convert(obj, OperationsSuspension.class, where, true));
                case "OpsJobRun" -> {
                    // read by the components that handle them
                }
                default -> set.errors.add(where + ": unknown kind " + kind);
            }
        } catch (IllegalArgumentException e) {
            set.errors.add(e.getMessage());
        }
    }

    private static <T extends CustomResource<?, ?>> T convert(ObjectNode obj, Class<T> type, String where,
                                                              boolean namespaced) {
        T value;
        try {
            value = YAML.treeToValue(obj, type);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(where + " (" + obj.path("kind").asText() + "): " + rootMessage(e));
        }
        if (value.getMetadata() == null || value.getMetadata().getName() == null) {
            throw new IllegalArgumentException(where + ": metadata.name is required");
        }
        if (namespaced && value.getMetadata().getNamespace() == null) {
            throw new IllegalArgumentException(where + " (" + value.getKind() + " " + value.getMetadata().getName()
                    + "): metadata.namespace is required; it says which tenant the object belongs to");
        }
        if (value.getMetadata().getGeneration() == null) {
            value.getMetadata().setGeneration(1L);
        }
        return value;
    }

    private static String rootMessage(Throwable e) {
        String msg = e.getMessage() == null ? e.toString() : e.getMessage();
        // Jackson appends a long reference chain; the first line says what is wrong.
        int nl = msg.indexOf('\n');
        String first = nl < 0 ? msg : msg.substring(0, nl);
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException jme && !jme.getPath().isEmpty()) {
            return first + " (at " + path(jme.getPath()) + ")";
        }
        return first;
    }

    private static String path(List<com.fasterxml.jackson.databind.JsonMappingException.Reference> refs) {
        StringBuilder sb = new StringBuilder();
        for (var ref : refs) {
            if (ref.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }
}
