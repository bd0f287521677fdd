package io.opsgate.engine.importer;

import io.opsgate.api.matcher.Matcher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * For every configuration of the corpus (examples/alertmanager), label sets that reach every route of its
 * tree, that just miss each matcher, that satisfy two routes at once (continue) and that fall back to a
 * parent go through Debian's {@code amtool config routes test} on the original file and through the
 * engine's rule evaluation on the imported objects: the receivers must be the same, in the same order.
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

    /** A route with the matchers an alert must satisfy to reach it (its ancestors' and its own). */
    private record Node(AmConfig.Route route, List<Matcher> path, List<Matcher> parentPath) {
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void everyBranchReachesTheSameReceiversAsInAlertmanager(Path config) throws Exception {
        AmConfig am = AlertmanagerYamlParser.parse(Corpus.read(config), config.getParent());
        ImportedRouting opsgate = new ImportedRouting(Corpus.importOf(config));
        LabelSpace space = LabelSpace.of(am);
        List<Node> nodes = new ArrayList<>();
        collect(am.route, List.of(), nodes);

        Set<Map<String, String>> alerts = new LinkedHashSet<>();
        for (Node n : nodes) {
            add(alerts, space.solve(n.path(), List.of()));
            for (Matcher own : n.route().matchers) {
                List<Matcher> rest = new ArrayList<>(n.parentPath());
                n.route().matchers.stream().filter(m -> m != own).forEach(rest::add);
                add(alerts, space.solve(rest, List.of(own)));
            }
            // The parent itself takes the alert only when none of its children matches.
            List<Matcher> missEveryChild = new ArrayList<>();
            n.route().routes.forEach(c -> missEveryChild.addAll(c.matchers.isEmpty() ? List.of() : c.matchers.subList(0, 1)));
            if (!n.route().routes.isEmpty()) {
                add(alerts, space.solve(n.path(), missEveryChild));
            }
            for (Node other : nodes) {
                if (other != n) {
                    List<Matcher> both = new ArrayList<>(n.path());
                    both.addAll(other.path());
                    add(alerts, space.solve(both, List.of()));
                }
            }
        }

        List<Future<List<String>>> expected = new ArrayList<>();
        for (Map<String, String> labels : alerts) {
            expected.add(pool.submit(() -> Amtool.routes(config, labels)));
        }
        Set<String> reachedRules = new HashSet<>();
        int i = 0;
        for (Map<String, String> labels : alerts) {
            List<String> amtool = expected.get(i++).get();
            assertThat(opsgate.receivers(labels)).as("receivers of %s in %s", labels, config.getFileName())
                    .isEqualTo(amtool);
            reachedRules.addAll(opsgate.taking(labels));
        }
        assertThat(reachedRules).as("rules of %s that some alert of the corpus reached", config.getFileName())
                .containsExactlyInAnyOrderElementsOf(opsgate.config().alertRules.stream()
                        .filter(r -> r.spec.inhibit == null).map(r -> r.name).toList());
    }

    private static void collect(AmConfig.Route r, List<Matcher> parentPath, List<Node> into) {
        List<Matcher> path = new ArrayList<>(parentPath);
        path.addAll(r.matchers);
        into.add(new Node(r, path, parentPath));
        r.routes.forEach(c -> collect(c, path, into));
    }

    private static void add(Set<Map<String, String>> alerts, Map<String, String> labels) {
        if (labels != null) {
            alerts.add(labels);
        }
    }
}
