package io.opsgate.webhook.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JsonPatchesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void addsWhatIsAbsentAndReplacesWhatIsNull() throws Exception {
        ArrayNode ops = diff("{\"a\":1,\"b\":null}", "{\"a\":2,\"b\":\"x\",\"c\":{\"d\":true}}");
        assertThat(ops.toString()).isEqualTo(
                "[{\"op\":\"replace\",\"path\":\"/spec/b\",\"value\":\"x\"},"
                        + "{\"op\":\"add\",\"path\":\"/spec/c\",\"value\":{\"d\":true}}]");
    }

    @Test
    void neverChangesAValueTheUserWrote() throws Exception {
        assertThat(diff("{\"port\":\"587\",\"list\":[1,2],\"s\":\"a\"}", "{\"port\":587,\"list\":[3],\"s\":\"b\"}"))
                .isEmpty();
    }

    @Test
    void anEmptyListTheDefaultsFillIsReplaced() throws Exception {
        assertThat(diff("{\"groupBy\":[]}", "{\"groupBy\":[\"alertname\"]}").toString())
                .isEqualTo("[{\"op\":\"replace\",\"path\":\"/spec/groupBy\",\"value\":[\"alertname\"]}]");
    }

    @Test
    void emptyContainersFromTheModelAreNotAdded() throws Exception {
        ArrayNode ops = diff("{}", "{\"owners\":[],\"headers\":{},\"ingest\":{\"allowedCidrs\":[],\"replicas\":1}}");
        assertThat(ops.toString())
                .isEqualTo("[{\"op\":\"add\",\"path\":\"/spec/ingest\",\"value\":{\"replicas\":1}}]");
    }

    @Test
    void descendsIntoListEntriesOfEqualLength() throws Exception {
        ArrayNode ops = diff("{\"apiTokens\":[{\"name\":\"a\"},{\"name\":\"b\",\"scopes\":[\"Read\"]}]}",
                "{\"apiTokens\":[{\"name\":\"a\",\"scopes\":[\"Ingest\"]},{\"name\":\"b\",\"scopes\":[\"Read\"]}]}");
        assertThat(ops.toString())
                .isEqualTo("[{\"op\":\"add\",\"path\":\"/spec/apiTokens/0/scopes\",\"value\":[\"Ingest\"]}]");
    }

    @Test
    void keysAreEscapedAsJsonPointerTokens() throws Exception {
        ArrayNode ops = diff("{}", "{\"a/b~c\":1}");
        assertThat(ops.get(0).path("path").asText()).isEqualTo("/spec/a~1b~0c");
    }

    private static ArrayNode diff(String original, String target) throws Exception {
        JsonNode o = JSON.readTree(original);
        JsonNode t = JSON.readTree(target);
        ArrayNode ops = JSON.createArrayNode();
        JsonPatches.addMissing(o, t, "/spec", ops);
        return ops;
    }
}
