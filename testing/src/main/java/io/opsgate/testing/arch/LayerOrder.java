package io.opsgate.testing.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A module's package layering as an executable rule: packages listed from the top floor down, each
 * allowed to use only packages on the floors below it, never one beside or above it. Every package of
 * the module must be placed, so a new package is a decision, not an accident.
 *
 * <p>A package is named relative to the module's base package ({@code ""} is the base itself) and means
 * that package alone, not its subpackages: {@code tenant} and {@code tenant.model} are two floors.
 *
 * <p>Bytecode is what is checked: a compile-time constant ({@code static final String}) is copied into
 * its user, so an import of nothing but a constant is invisible here; everything else (calls, fields,
 * signatures, supertypes, annotations, generic arguments) counts.
 */
public final class LayerOrder {

    private final String base;
    private final List<List<String>> floors = new ArrayList<>();

    private LayerOrder(String base) {
        this.base = base;
    }

    /** The layering of the packages below {@code basePackage}, such as {@code io.opsgate.operator}. */
    public static LayerOrder of(String basePackage) {
        return new LayerOrder(basePackage);
    }

    /**
     * The next floor down. Packages on one floor are independent of each other.
     *
     * @param packages package names relative to the base package
     */
    public LayerOrder floor(String... packages) {
        floors.add(List.of(packages));
        return this;
    }

    /** The main classes of the module, as compiled (tests excluded). */
    public JavaClasses importMainClasses() {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(base);
    }

    /** Each package uses only packages on floors below its own; every class lies in a listed package. */
    public ArchRule layerRule() {
        Architectures.LayeredArchitecture rule = Architectures.layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (List<String> floor : floors) {
            for (String p : floor) {
                rule = rule.layer(p.isEmpty() ? "(base)" : p).definedBy(qualified(p));
            }
        }
        for (int i = 0; i < floors.size(); i++) {
            Set<String> below = new LinkedHashSet<>();
            for (List<String> lower : floors.subList(i + 1, floors.size())) {
                lower.forEach(p -> below.add(p.isEmpty() ? "(base)" : p));
            }
            for (String p : floors.get(i)) {
                String layer = p.isEmpty() ? "(base)" : p;
                rule = below.isEmpty() ? rule.whereLayer(layer).mayNotAccessAnyLayer()
                        : rule.whereLayer(layer).mayOnlyAccessLayers(below.toArray(String[]::new));
            }
        }
        return rule.ensureAllClassesAreContainedInArchitecture()
                .as("packages of " + base + " use only packages on floors below them, in the order " + floors)
                .because("docs/architecture.md: each package imports only what lies below it");
    }

    /** No two packages of the base package depend on each other, directly or through others. */
    public ArchRule cycleRule() {
        return SlicesRuleDefinition.slices().matching(base + ".(**)").should().beFreeOfCycles()
                .as("packages of " + base + " are free of cycles");
    }

    /** Checks both rules against the module's main classes; an AssertionError names each offending dependency. */
    public void check() {
        JavaClasses classes = importMainClasses();
        layerRule().check(classes);
        cycleRule().check(classes);
    }

    private String qualified(String p) {
        return p.isEmpty() ? base : base + "." + p;
    }
}
