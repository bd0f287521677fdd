package io.opsgate.engine.importer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * For every configuration of the corpus (examples/alertmanager), label sets that cover its routing tree
 * ({@link BranchCorpus}) go through Debian's {@code amtool config routes test} on the original file and
 * through the engine's rule evaluation on the imported objects: the receivers must be the same, in the
 * same order, and every imported rule must take some alert of the corpus.
 */
class RoutingEquivalenceIT {
    private static ExecutorService pool;

    @BeforeAll
    static void start() {
        Amtool.require("amtool");
        pool = Executors.newFixedThreadPool(3);
    }

    @AfterAll
    static void stop() {
        pool.shutdownNow();
    }

    static List<Path> configs() {
        return Corpus.configs();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void everyBranchReachesTheSameReceiversAsInAlertmanager(Path config) throws Exception {
        AmConfig am = AlertmanagerYamlParser.parse(Corpus.read(config), config.getParent());
        compare(config, am, new ImportedRouting(Corpus.importOf(config)), receivers -> receivers);
    }

    @Test
    void anAlertmanagerConfigRoutesAsTheConfigurationThePrometheusOperatorGeneratesFromIt() throws Exception {
        Path dir = Path.of(resource("alertmanager/alertmanagerconfig"));
        Path generated = dir.resolve("payments.generated.yml");
        ImportResult imported = AlertmanagerImport.fromAlertmanagerConfig(Corpus.read(dir.resolve("payments.yaml")),
                "payments.yaml", ImportOptions.forTenant("acme"), NamespaceMatching.OnNamespace);
        AmConfig am = AlertmanagerYamlParser.parse(Corpus.read(generated), dir);
        // The operator names receivers namespace/resource/receiver; the main route's "null" takes what no
        // route of the resource takes, where opsgate has no rule.
        compare(generated, am, new ImportedRouting(imported), receivers -> receivers.stream()
                .filter(r -> !r.equals("null")).map(r -> r.substring(r.lastIndexOf('/') + 1)).toList());
    }

    private static void compare(Path config, AmConfig am, ImportedRouting opsgate,
                                Function<List<String>, List<String>> alertmanagerNames) throws Exception {
        Set<Map<String, String>> alerts = BranchCorpus.of(am);
        List<Future<List<String>>> expected = new ArrayList<>();
        for (Map<String, String> labels : alerts) {
            expected.add(pool.submit(() -> Amtool.routes(config, labels)));
        }
        Set<String> reachedRules = new HashSet<>();
        int i = 0;
        for (Map<String, String> labels : alerts) {
            List<String> amtool = alertmanagerNames.apply(expected.get(i++).get());
            assertThat(opsgate.receivers(labels)).as("receivers of %s in %s", labels, config.getFileName())
                    .isEqualTo(amtool);
            reachedRules.addAll(opsgate.taking(labels));
        }
        assertThat(reachedRules).as("rules of %s that some alert of the corpus reached", config.getFileName())
                .containsExactlyInAnyOrderElementsOf(opsgate.config().alertRules.stream()
                        .filter(r -> r.spec.inhibit == null).map(r -> r.name).toList());
    }

    private static java.net.URI resource(String name) throws URISyntaxException {
        return RoutingEquivalenceIT.class.getClassLoader().getResource(name).toURI();
    }
}
