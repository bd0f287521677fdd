package io.opsgate.engine;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.library.Architectures;

import java.util.ArrayList;
import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The engine's import rules, as docs/architecture.md ("Packages") writes them down: the packages stand in
 * layers, and a package imports only packages of the layers below its own, never one beside it in its own
 * layer; no package cycle; notify (its own workload) and the ingest side know nothing of each other. A new
 * package fails {@link #LAYERS} until it is given a place here and in the docs.
 */
@AnalyzeClasses(packages = EngineLayersTest.ROOT, importOptions = ImportOption.DoNotIncludeTests.class)
class EngineLayersTest {
    static final String ROOT = "io.opsgate.engine";

    /** Top to bottom; the packages of one layer are siblings. Names are relative to {@link #ROOT}. */
    static final List<List<String>> ORDER = List.of(
            List.of("app"),
            List.of("http", "mail", "importer", "console", "ruletest"),
            List.of("monitors", "jobs", "security", "notify.delivery", "notify.callout", "identity"),
            List.of("tenant"),
            List.of("config"),
            List.of("sources"),
            List.of("pipeline"),
            List.of("handoff"),
            List.of("tickets"),
            List.of("alerting"),
            List.of("notify.contacts"),
            List.of("notify.channels"),
            List.of("notify.templates"),
            List.of("notify"),
            List.of("security.vault"),
            List.of("store"),
            List.of("domain", "metrics", "kubernetes", "security.audit", "security.crypto", "oncall", "egress"));

    /** The ingest workload's own packages: notify's delivery must not reach them, nor they notify's delivery. */
    static final List<String> INGEST = List.of("mail", "console", "monitors", "jobs", "identity", "sources", "pipeline",
            "handoff", "tickets", "alerting");
    /** The notify workload's own packages (its contract types in {@code notify} are shared with the handoff). */
    static final List<String> NOTIFY = List.of("notify.delivery", "notify.callout", "notify.contacts", "notify.channels",
            "notify.templates");

    @ArchTest
    static final ArchRule LAYERS = layers();

    @ArchTest
    static final ArchRule SIBLINGS = siblings();

    @ArchTest
    static final ArchRule NO_CYCLES = slices().matching(ROOT + ".(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule NOTIFY_BESIDE_INGEST = noClasses().that().resideInAnyPackage(packages(NOTIFY))
            .should().dependOnClassesThat().resideInAnyPackage(packages(INGEST))
            .because("notify runs as its own workload: it plugs into the tenant lifecycle and knows nothing of ingest");

    @ArchTest
    static final ArchRule INGEST_BESIDE_NOTIFY = noClasses().that()
            .resideInAnyPackage(packages(plus(INGEST, "tenant", "config")))
            .should().dependOnClassesThat().resideInAnyPackage(packages(NOTIFY))
            .because("ingest reaches notify only through the handoff's NotifyLink and notify's contract types");

    private static ArchRule layers() {
        Architectures.LayeredArchitecture arch = Architectures.layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (int i = 0; i < ORDER.size(); i++) {
            arch = arch.layer(name(i)).definedBy(packages(ORDER.get(i)));
        }
        for (int i = 0; i < ORDER.size() - 1; i++) {
            List<String> below = new ArrayList<>();
            for (int j = i + 1; j < ORDER.size(); j++) {
                below.add(name(j));
            }
            arch = arch.whereLayer(name(i)).mayOnlyAccessLayers(below.toArray(String[]::new));
        }
        arch = arch.whereLayer(name(ORDER.size() - 1)).mayNotAccessAnyLayer();
        return arch.ensureAllClassesAreContainedInArchitecture()
                .because("each package imports only what lies below it (docs/architecture.md, \"Packages\")");
    }

    private static ArchRule siblings() {
        List<ArchRule> rules = new ArrayList<>();
        for (List<String> layer : ORDER) {
            for (String p : layer) {
                List<String> others = without(layer, p);
                if (!others.isEmpty()) {
                    rules.add(noClasses().that().resideInAPackage(ROOT + "." + p).should().dependOnClassesThat()
                            .resideInAnyPackage(packages(others)).because(p + " and " + others + " stand side by side"));
                }
            }
        }
        return CompositeArchRule.of(rules);
    }

    private static String name(int layer) {
        return String.join("+", ORDER.get(layer));
    }

    private static String[] packages(List<String> names) {
        return names.stream().map(n -> ROOT + "." + n).toArray(String[]::new);
    }

    private static List<String> plus(List<String> names, String... more) {
        List<String> result = new ArrayList<>(names);
        result.addAll(List.of(more));
        return result;
    }

    private static List<String> without(List<String> names, String name) {
        return names.stream().filter(n -> !n.equals(name)).toList();
    }
}
