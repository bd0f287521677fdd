package io.opsgate.engine.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's texts: English and Japanese have the same keys, and every key the front end names literally
 * ({@code t('tickets.newRequest')}) or by a known prefix ({@code t('category.' + c)}) exists in both.
 */
class ConsoleTextsTest {
    static final Path DIR = Path.of("src/main/resources/console");
    private static final Pattern LITERAL = Pattern.compile("\\bt\\('([a-zA-Z0-9_.-]+)'");

    private static Set<String> keys(String lang) throws IOException {
        JsonNode n = new ObjectMapper().readTree(DIR.resolve("i18n-" + lang + ".json").toFile());
        Set<String> keys = new TreeSet<>();
        n.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    @Test
    void bothLanguagesHaveEveryKeyTheFrontEndUses() throws IOException {
        Set<String> en = keys("en");
        assertThat(keys("ja")).isEqualTo(en);
        List<String> used = new ArrayList<>();
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".js")).toList()) {
                Matcher m = LITERAL.matcher(Files.readString(f));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        List<String> exact = used.stream().filter(k -> !k.endsWith(".")).toList();
        assertThat(exact).contains("tickets.newRequest", "jobs.byHand", "notices.sentTo");
        assertThat(en).containsAll(exact);
        for (String category : List.of("incident", "service_request", "problem", "change")) {
            assertThat(en).contains("category." + category);
        }
        for (String role : List.of("owner", "operator", "viewer")) {
            assertThat(en).contains("role." + role);
        }
    }
}
