package dev.otellab.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.otellab.lab.docker.compose.ComposeFile;
import dev.otellab.lab.docker.compose.ComposeProject;
import dev.otellab.lab.docker.compose.ComposeService;
import dev.otellab.lab.docker.compose.PortMapping;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.internal.KubernetesDeserializer;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * stack/k8s (kustomize base and local overlay) parsed with fabric8's Kubernetes model and held
 * to stack/compose.yaml (as the console reads it, defaults filled in) service by service: a
 * workload with the same image, command, ports, environment, mounted configuration files
 * (generated from the same files), volumes, readiness URL, plus resources and a Service. Any
 * compose service without its workload is reported.
 */
class KubernetesParityTest {
    private static final Path BASE = StackFiles.path("stack/k8s/base");
    private static final Path LOCAL = StackFiles.path("stack/k8s/overlays/local");
    private static final Path COMPONENT = StackFiles.path("stack/k8s/components/jaeger-zipkin");
    /** Jackson reading Kubernetes objects by apiVersion and kind, with fabric8's own deserializer. */
    private static final ObjectMapper KUBERNETES = new ObjectMapper(new YAMLFactory()).registerModule(
            new SimpleModule().addDeserializer(KubernetesResource.class, new KubernetesDeserializer()));
    private static final Pattern LOOPBACK_URL = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)(/[^\\s\"']*)");

    private final JsonNode kustomization = StackFiles.YAML.readTree(BASE.resolve("kustomization.yaml").toFile());
    private final List<HasMetadata> objects = parseResources(BASE, kustomization);
    private final Map<String, List<Path>> generated = generators(kustomization);
    private final ComposeProject compose = ComposeFile.read(StackFiles.path("stack/compose.yaml"),
            Map.of("GRAFANA_ADMIN_PASSWORD", "not-used-by-the-parity-test"));

    KubernetesParityTest() throws Exception {
    }

    @Test
    void everyManifestParsesAsAKubernetesObject() {
        assertThat(objects).isNotEmpty().allSatisfy(object -> {
            assertThat(object.getMetadata().getName()).isNotBlank();
            assertThat(object.getApiVersion()).isNotBlank();
        });
        assertThat(objects).filteredOn(object -> object instanceof Secret).as("no secret is committed").isEmpty();
    }

    @Test
    void everyComposeServiceHasAWorkloadAndEveryWorkloadAComposeService() {
        Set<String> composeServices = new TreeSet<>(compose.services().stream().map(ComposeService::name).toList());
        Set<String> workloads = new TreeSet<>(workloads().keySet());
        SoftAssertions soft = new SoftAssertions();
        composeServices.stream().filter(name -> !workloads.contains(name)).forEach(name ->
                soft.fail("compose service '" + name + "' has no Deployment or StatefulSet in stack/k8s/base"));
        workloads.stream().filter(name -> !composeServices.contains(name)).forEach(name ->
                soft.fail("workload '" + name + "' in stack/k8s/base is not a service of stack/compose.yaml"));
        soft.assertAll();
    }

    @Test
    void eachWorkloadRunsWhatComposeRuns() {
        SoftAssertions soft = new SoftAssertions();
        compose.services().forEach(service -> checkService(soft, service, objects));
        soft.assertAll();
    }

    @Test
    void theJaegerZipkinComponentMirrorsTheComposeProfile() throws Exception {
        JsonNode component = StackFiles.YAML.readTree(COMPONENT.resolve("kustomization.yaml").toFile());
        List<HasMetadata> withProfile = new ArrayList<>(objects);
        withProfile.addAll(parseResources(COMPONENT, component));
        ComposeProject profile = ComposeFile.read(StackFiles.path("stack/compose.yaml"), Map.of(
                "GRAFANA_ADMIN_PASSWORD", "not-used-by-the-parity-test", "COMPOSE_PROFILES", "jaeger-zipkin",
                "LAB_TRACE_EXPORT", "jaeger-zipkin"));
        SoftAssertions soft = new SoftAssertions();
        profile.services().stream().filter(service -> compose.service(service.name()).isEmpty())
                .forEach(service -> checkService(soft, service, withProfile));
        soft.assertAll();

        // the component's one patch gives the collector the profile's second config file
        JsonNode patch = StackFiles.YAML.readTree(component.path("patches").get(0).path("patch").asText());
        assertThat(component.path("patches").get(0).path("target").path("name").asText()).isEqualTo("otel-collector");
        assertThat(patch.get(0).path("path").asText()).isEqualTo("/spec/template/spec/containers/0/args/1");
        assertThat(patch.get(0).path("value").asText())
                .isEqualTo(profile.service("otel-collector").orElseThrow().command().get(1));
    }

    private void checkService(SoftAssertions soft, ComposeService service, List<HasMetadata> manifests) {
        PodSpec pod = workloads(manifests).get(service.name());
        if (pod == null) {
            soft.fail("compose service '" + service.name() + "' has no Deployment or StatefulSet in stack/k8s");
            return;
        }
        String name = service.name();
        Optional<Container> found = pod.getContainers().stream().filter(c -> c.getName().equals(name)).findFirst();
        soft.assertThat(found).as("%s: a container named like the service", name).isPresent();
        if (found.isEmpty()) {
            return;
        }
        Container container = found.get();
        soft.assertThat(container.getImage()).as("%s: image", name).isEqualTo(service.image());
        soft.assertThat(container.getArgs()).as("%s: args = compose command", name).isEqualTo(service.command());
        soft.assertThat(container.getCommand()).as("%s: command = compose entrypoint", name).isEqualTo(service.entrypoint());
        List<Integer> containerPorts = container.getPorts().stream().map(ContainerPort::getContainerPort).toList();
        List<Integer> servicePorts = service(manifests, name).map(s -> s.getSpec().getPorts().stream()
                .map(ServicePort::getPort).toList()).orElse(List.of());
        for (PortMapping port : service.ports()) {
            soft.assertThat(containerPorts).as("%s: container ports", name).contains(port.containerPort());
            soft.assertThat(servicePorts).as("%s: Service ports", name).contains(port.containerPort());
        }
        checkEnvironment(soft, service, container);
        checkMounts(soft, service, pod, container, manifests);
        checkReadiness(soft, service, container);
        soft.assertThat(container.getResources().getRequests()).as("%s: requests", name).containsKeys("cpu", "memory");
        soft.assertThat(container.getResources().getLimits()).as("%s: limits", name).containsKeys("cpu", "memory");
    }

    @Test
    void tempoLokiAndPrometheusKeepTheirDataOnPersistentVolumeClaims() {
        for (String name : List.of("tempo", "loki", "prometheus")) {
            StatefulSet set = statefulSet(objects, name).orElseThrow(() -> new AssertionError(name + " is not a StatefulSet"));
            assertThat(set.getSpec().getVolumeClaimTemplates()).as(name).extracting(pvc -> pvc.getMetadata().getName())
                    .containsExactly(name + "-data");
            PersistentVolumeClaim claim = set.getSpec().getVolumeClaimTemplates().get(0);
            assertThat(claim.getSpec().getResources().getRequests()).as(name).containsKey("storage");
        }
    }

    @Test
    void grafanasAdminPasswordComesFromASecretNeverADefault() {
        Container grafana = workloads().get("grafana").getContainers().get(0);
        EnvVar password = grafana.getEnv().stream().filter(env -> env.getName().equals("GF_SECURITY_ADMIN_PASSWORD"))
                .findFirst().orElseThrow();
        assertThat(password.getValue()).isNull();
        assertThat(password.getValueFrom().getSecretKeyRef().getName()).isEqualTo("grafana-admin");
        assertThat(password.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("password");
    }

    @Test
    void theLocalOverlayPutsTheBaseInItsNamespace() throws Exception {
        JsonNode overlay = StackFiles.YAML.readTree(LOCAL.resolve("kustomization.yaml").toFile());
        assertThat(overlay.path("namespace").asText()).isEqualTo("otel-lab");
        assertThat(ComposeFileTest.texts(overlay.path("resources"))).contains("../../base");
        assertThat(parseResources(LOCAL, overlay)).filteredOn(object -> object instanceof Namespace)
                .extracting(object -> object.getMetadata().getName()).containsExactly("otel-lab");
    }

    private void checkEnvironment(SoftAssertions soft, ComposeService service, Container container) {
        Map<String, EnvVar> env = new LinkedHashMap<>();
        container.getEnv().forEach(variable -> env.put(variable.getName(), variable));
        service.environment().forEach((key, value) -> {
            EnvVar variable = env.get(key);
            soft.assertThat(variable).as("%s: environment %s", service.name(), key).isNotNull();
            if (variable != null && variable.getValueFrom() == null) {
                soft.assertThat(variable.getValue()).as("%s: environment %s", service.name(), key).isEqualTo(value);
            }
        });
    }

    /** Bind-mounted files come from a ConfigMap generated from the same file; named volumes are claims. */
    private void checkMounts(SoftAssertions soft, ComposeService service, PodSpec pod, Container container,
                             List<HasMetadata> manifests) {
        Map<String, VolumeMount> byPath = new LinkedHashMap<>();
        container.getVolumeMounts().forEach(mount -> byPath.put(mount.getMountPath(), mount));
        for (dev.otellab.lab.docker.compose.VolumeMount mount : service.volumes()) {
            String what = service.name() + " mounts " + mount.source() + " at " + mount.target();
            if (mount.kind() == dev.otellab.lab.docker.compose.VolumeMount.Kind.NAMED) {
                VolumeMount claim = byPath.get(mount.target());
                soft.assertThat(claim).as(what).isNotNull();
                if (claim != null) {
                    soft.assertThat(claim.getName()).as(what + ": the claim is named like the volume").isEqualTo(mount.source());
                    soft.assertThat(statefulSet(manifests, service.name()).map(set -> set.getSpec().getVolumeClaimTemplates().stream()
                            .map(pvc -> pvc.getMetadata().getName()).toList()).orElse(List.of()))
                            .as(what + ": a volume claim template").contains(mount.source());
                }
                continue;
            }
            Path source = Path.of(mount.source()).normalize();
            boolean directory = Files.isDirectory(source);
            String mountPath = directory ? mount.target() : parent(mount.target());
            VolumeMount k8s = byPath.get(mountPath);
            soft.assertThat(k8s).as(what + ": a volume mounted at " + mountPath).isNotNull();
            if (k8s == null) {
                continue;
            }
            String configMap = pod.getVolumes().stream().filter(volume -> volume.getName().equals(k8s.getName()))
                    .map(Volume::getConfigMap).filter(java.util.Objects::nonNull).map(ref -> ref.getName()).findFirst().orElse("");
            List<Path> files = generated.getOrDefault(configMap, List.of());
            if (directory) {
                soft.assertThat(files).as(what + ": ConfigMap " + configMap + " is generated from every file of the folder")
                        .containsExactlyInAnyOrderElementsOf(filesIn(source));
            } else {
                soft.assertThat(files).as(what + ": ConfigMap " + configMap + " is generated from the same file").contains(source);
                soft.assertThat(source.getFileName().toString()).as(what + ": the same file name")
                        .isEqualTo(Path.of(mount.target()).getFileName().toString());
            }
        }
    }

    /** Compose's readiness (x-lab-console.ready, or the healthcheck's URL) is the readiness probe. */
    private void checkReadiness(SoftAssertions soft, ComposeService service, Container container) {
        Optional<URI> ready = service.readyUrl().or(() -> service.healthcheck().flatMap(check -> check.test().stream()
                .map(LOOPBACK_URL::matcher).filter(Matcher::find)
                .map(match -> URI.create("http://127.0.0.1:" + match.group(1) + match.group(2))).findFirst()));
        Probe probe = container.getReadinessProbe();
        soft.assertThat(probe).as("%s: readiness probe", service.name()).isNotNull();
        soft.assertThat(container.getLivenessProbe()).as("%s: liveness probe", service.name()).isNotNull();
        if (ready.isEmpty() || probe == null || probe.getHttpGet() == null) {
            soft.assertThat(ready).as("%s: compose says when it is ready", service.name()).isPresent();
            return;
        }
        int containerPort = service.ports().stream().filter(port -> port.hostPort() == ready.get().getPort())
                .map(PortMapping::containerPort).findFirst().orElse(ready.get().getPort());
        soft.assertThat(probe.getHttpGet().getPath()).as("%s: readiness path", service.name()).isEqualTo(ready.get().getPath());
        soft.assertThat(probe.getHttpGet().getPort().getIntVal()).as("%s: readiness port", service.name()).isEqualTo(containerPort);
    }

    private Map<String, PodSpec> workloads() {
        return workloads(objects);
    }

    private static Map<String, PodSpec> workloads(List<HasMetadata> manifests) {
        Map<String, PodSpec> workloads = new LinkedHashMap<>();
        manifests.forEach(object -> podSpec(object).ifPresent(pod -> workloads.put(object.getMetadata().getName(), pod)));
        return workloads;
    }

    private static Optional<PodSpec> podSpec(HasMetadata object) {
        if (object instanceof Deployment deployment) {
            return Optional.of(deployment.getSpec().getTemplate().getSpec());
        }
        if (object instanceof StatefulSet set) {
            return Optional.of(set.getSpec().getTemplate().getSpec());
        }
        return Optional.empty();
    }

    private static Optional<StatefulSet> statefulSet(List<HasMetadata> manifests, String name) {
        return manifests.stream().filter(object -> object instanceof StatefulSet && object.getMetadata().getName().equals(name))
                .map(StatefulSet.class::cast).findFirst();
    }

    private static Optional<Service> service(List<HasMetadata> manifests, String name) {
        return manifests.stream().filter(object -> object instanceof Service && object.getMetadata().getName().equals(name))
                .map(Service.class::cast).findFirst();
    }

    private static List<HasMetadata> parseResources(Path dir, JsonNode kustomization) throws IOException {
        List<HasMetadata> parsed = new ArrayList<>();
        for (String resource : ComposeFileTest.texts(kustomization.path("resources"))) {
            Path path = dir.resolve(resource).normalize();
            if (Files.isRegularFile(path)) {
                parsed.addAll(parseAll(Files.readString(path)));
            }
        }
        return parsed;
    }

    private static List<HasMetadata> parseAll(String yaml) throws IOException {
        List<HasMetadata> parsed = new ArrayList<>();
        try (MappingIterator<JsonNode> documents = KUBERNETES.readerFor(JsonNode.class).readValues(yaml)) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document == null || document.isEmpty()) {
                    continue;
                }
                KubernetesResource resource = KUBERNETES.treeToValue(document, KubernetesResource.class);
                assertThat(resource).as(document.path("kind").asText()).isInstanceOf(HasMetadata.class);
                parsed.add((HasMetadata) resource);
            }
        }
        return parsed;
    }

    /** configMapGenerator: each ConfigMap's source files, resolved; every one exists. */
    private static Map<String, List<Path>> generators(JsonNode kustomization) {
        Map<String, List<Path>> generated = new LinkedHashMap<>();
        kustomization.path("configMapGenerator").forEach(generator -> {
            List<Path> files = ComposeFileTest.texts(generator.path("files")).stream()
                    .map(file -> BASE.resolve(file.contains("=") ? file.substring(file.indexOf('=') + 1) : file).normalize())
                    .toList();
            files.forEach(file -> assertThat(file).as("configMapGenerator " + generator.path("name").asText()).isRegularFile());
            generated.put(generator.path("name").asText(), files);
        });
        return generated;
    }

    private static List<Path> filesIn(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(Files::isRegularFile).map(Path::normalize).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String parent(String path) {
        return path.substring(0, path.lastIndexOf('/'));
    }
}
