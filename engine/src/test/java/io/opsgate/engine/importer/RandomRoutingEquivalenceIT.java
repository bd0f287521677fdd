package io.opsgate.engine.importer;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random label sets over the names and values the corpus' matchers use (and some they do not) reach the
 * same receivers through the imported rules as through {@code amtool config routes test} on the original.
 */
class RandomRoutingEquivalenceIT {
    /** One corpus configuration, imported once. */
    private record Config(Path path, ImportedRouting opsgate, LabelSpace space) {
        @Override
        public String toString() {
            return path.getFileName().toString();
        }
    }

    private static final List<Config> CONFIGS = new ArrayList<>();

    @BeforeContainer
    static void importCorpus() throws ImportFailure {
        Amtool.require("amtool");
        for (Path p : Corpus.configs()) {
            CONFIGS.add(new Config(p, new ImportedRouting(Corpus.importOf(p)),
                    LabelSpace.of(AlertmanagerYamlParser.parse(Corpus.read(p), p.getParent()))));
        }
    }

    /** A configuration and a label set for it. */
    record Case(Config config, Map<String, String> labels) {
    }

    @Provide
    Arbitrary<Case> cases() {
        return Arbitraries.of(CONFIGS).flatMap(c -> Arbitraries.randomValue(r -> c.space().random(r))
                .map(labels -> new Case(c, labels)));
    }

    @Property(tries = 150)
    void randomAlertsReachTheSameReceiversAsInAlertmanager(@ForAll("cases") Case c) throws Exception {
        assertThat(c.config().opsgate().receivers(c.labels())).as("receivers of %s in %s", c.labels(), c.config())
                .isEqualTo(Amtool.routes(c.config().path(), c.labels()));
    }
}
