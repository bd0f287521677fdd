package io.opsgate.helm;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.opsgate.api.v1alpha1.Tenant;
import io.opsgate.api.v1alpha1.TenantSpec;
import io.opsgate.engine.app.Options;
import io.opsgate.operator.config.TenantCompiler;
import io.opsgate.operator.tenant.model.DesiredTenant;
import io.opsgate.operator.tenant.model.TenantDeploymentBuilder;
import io.opsgate.operator.tenant.model.Workload;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The images the build makes with Jib (profile images) are the ones the chart and the operator run: same
 * registry, names and tag (the project version), non-root, reproducible, started by their main class with only
 * the arguments the Deployments pass. Building them needs the base image from a registry, which this machine
 * cannot reach; what can be checked without it is checked here.
 */
class ImagesTest {

    static final String VERSION = System.getProperty("opsgate.projectVersion");
    static final List<String> MODULES = List.of("engine", "operator", "webhook");

    @Test
    void theChartsAppVersionIsTheProjectVersionSoItsDefaultTagsAreTheBuiltImages() throws Exception {
        assertThat(VERSION).as("opsgate.projectVersion from the helm module's pom").isNotBlank();
        String appVersion = Chart.tree(Files.readString(Chart.dir().resolve("Chart.yaml"))).path("appVersion").asText();
        assertThat(appVersion).as("helm/opsgate/Chart.yaml appVersion; bump it with the project version").isEqualTo(VERSION);
    }

    @Test
    void everyImageTheChartRunsIsTheImageAModuleBuilds() throws Exception {
        Manifests m = Manifests.cached(Chart.Values.DEFAULTS);
        Container operator = m.one(Deployment.class, "opsgate-operator").getSpec().getTemplate().getSpec().getContainers().get(0);
        Container webhook = m.one(Deployment.class, "opsgate-webhook").getSpec().getTemplate().getSpec().getContainers().get(0);
        String engine = operator.getEnv().stream().filter(e -> e.getName().equals("OPSGATE_ENGINE_IMAGE"))
                .findFirst().orElseThrow().getValue();
        assertThat(Map.of("operator", operator.getImage(), "webhook", webhook.getImage(), "engine", engine))
                .isEqualTo(Map.of("operator", built("operator"), "webhook", built("webhook"), "engine", built("engine")));
    }

    @Test
    void theImagesAreNonRootReproducibleAndRunTheirModulesMainClass() throws Exception {
        Element jib = jibPlugin(pom(Chart.repoRoot().resolve("pom.xml")));
        assertThat(text(jib, "version")).isEqualTo("${jib.version}");
        assertThat(property(Chart.repoRoot().resolve("pom.xml"), "jib.version")).isEqualTo("3.5.2");
        Element container = child(child(jib, "configuration"), "container");
        assertThat(text(container, "user")).isEqualTo("10001:10001");
        assertThat(text(container, "creationTime")).as("fixed times: same inputs, same digest").isEqualTo("EPOCH");
        assertThat(text(container, "filesModificationTime")).isEqualTo("EPOCH_PLUS_SECOND");
        assertThat(text(container, "mainClass")).isEqualTo("${image.mainClass}");
        assertThat(text(child(child(jib, "configuration"), "to"), "image"))
                .isEqualTo("${image.registry}/${image.name}:${image.tag}");
        assertThat(property(Chart.repoRoot().resolve("pom.xml"), "image.tag")).isEqualTo("${project.version}");
        assertThat(property(Chart.repoRoot().resolve("pom.xml"), "jib.skip")).as("only the three image modules").isEqualTo("true");
        for (String module : MODULES) {
            Path pom = Chart.repoRoot().resolve(module).resolve("pom.xml");
            assertThat(property(pom, "jib.skip")).as(module).isEqualTo("false");
            Method main = Class.forName(property(pom, "image.mainClass")).getMethod("main", String[].class);
            assertThat(Modifier.isStatic(main.getModifiers())).as(module + " main class").isTrue();
        }
    }

    @Test
    void theEngineImageTakesExactlyTheArgumentsOfTheOperatorsDeployments() {
        Tenant tenant = new Tenant();
        tenant.setMetadata(new ObjectMetaBuilder().withName("acme").build());
        tenant.setSpec(new TenantSpec());
        TenantSpec spec = TenantCompiler.defaultedSpec(tenant);
        for (Workload w : Workload.values()) {
            Container c = TenantDeploymentBuilder.build(DesiredTenant.beforeCompilation("acme", "opsgate-acme", spec,
                    built("engine")), w).getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(c.getCommand()).as("the image's entrypoint (java ... Main) runs; the Deployment passes arguments only")
                    .isEmpty();
            Options options = Options.parse(c.getArgs().toArray(String[]::new));
            assertThat(options.mode()).isEqualTo(w.component());
        }
    }

    /** registry/name:tag as the module's pom and the parent's properties make it. */
    private static String built(String module) {
        try {
            Path parent = Chart.repoRoot().resolve("pom.xml");
            return property(parent, "image.registry") + "/" + property(Chart.repoRoot().resolve(module).resolve("pom.xml"),
                    "image.name") + ":" + VERSION;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Document pom(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    private static String property(Path pom, String name) throws Exception {
        Element properties = child(pom(pom).getDocumentElement(), "properties");
        return text(properties, name);
    }

    private static Element jibPlugin(Document pom) {
        NodeList plugins = pom.getElementsByTagName("plugin");
        for (int i = 0; i < plugins.getLength(); i++) {
            Element p = (Element) plugins.item(i);
            if ("jib-maven-plugin".equals(text(p, "artifactId")) && child(p, "configuration") != null) {
                return p;
            }
        }
        throw new AssertionError("no configured jib-maven-plugin in the parent pom");
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? null : e.getTextContent().strip();
    }
}
