package dev.otellab.lab.docker.compose;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a compose.yaml into a {@link ComposeProject}: the keys the console understands, every
 * value interpolated from the given environment, relative bind paths resolved against the
 * file's folder. Anything malformed is a {@link ComposeFileException} naming file, service and key.
 */
public final class ComposeFile {
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|ms|s|m|h)");
    private static final Pattern PORT = Pattern.compile("(?:(\\d{1,3}(?:\\.\\d{1,3}){3}):)?(\\d+):(\\d+)(?:/(tcp|udp))?");

    private final Path file;
    private final Interpolation interpolation;
    private final Set<String> activeProfiles;
    private final Set<String> declaredVolumes = new HashSet<>();

    private ComposeFile(Path file, Map<String, String> environment) {
        this.file = file;
        this.interpolation = new Interpolation(environment);
        this.activeProfiles = activeProfiles(environment.getOrDefault("COMPOSE_PROFILES", ""));
    }

    /** COMPOSE_PROFILES, as compose reads it: comma-separated profile names. */
    private static Set<String> activeProfiles(String value) {
        Set<String> profiles = new HashSet<>();
        for (String profile : value.split(",")) {
            if (!profile.isBlank()) {
                profiles.add(profile.strip());
            }
        }
        return profiles;
    }

    /**
     * Compose's rule: a service with {@code profiles} runs only when one of them is active
     * (COMPOSE_PROFILES); a service without any always runs.
     */
    private boolean enabled(String name, JsonNode node) throws ComposeFileException {
        JsonNode profiles = node == null ? null : node.get("profiles");
        if (profiles == null || profiles.isNull()) {
            return true;
        }
        if (!profiles.isArray()) {
            throw problem(name, "profiles", "profiles is a list of names");
        }
        for (JsonNode profile : profiles) {
            if (activeProfiles.contains(profile.asText())) {
                return true;
            }
        }
        return profiles.isEmpty();
    }

    /** Reads and checks the file; {@code environment} supplies the ${VAR} values. */
    public static ComposeProject read(Path file, Map<String, String> environment) throws ComposeFileException {
        Path absolute = file.toAbsolutePath().normalize();
        JsonNode root;
        try {
            root = YAML.readTree(Files.readString(absolute));
        } catch (JacksonException e) {
            throw ComposeFileException.at(absolute, null, null, "not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        } catch (IOException e) {
            throw ComposeFileException.at(absolute, null, null, "cannot be read: " + e.getMessage());
        }
        return new ComposeFile(absolute, environment).project(root);
    }

    /** Compose's rule for project names: lower case letters, digits, '-' and '_'. */
    static String normalizeProjectName(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "");
    }

    private ComposeProject project(JsonNode root) throws ComposeFileException {
        if (root == null || !root.isObject()) {
            throw problem(null, null, "the file must be a mapping with a 'services' key");
        }
        String name = root.has("name") ? text(root.get("name"), null, "name")
                : file.getParent().getFileName().toString();
        String projectName = normalizeProjectName(name);
        if (projectName.isEmpty()) {
            throw problem(null, "name", "'" + name + "' leaves no usable project name (letters, digits, '-', '_')");
        }
        List<String> volumes = new ArrayList<>();
        for (Map.Entry<String, JsonNode> volume : entries(root.get("volumes"), null, "volumes")) {
            volumes.add(volume.getKey());
        }
        declaredVolumes.addAll(volumes);
        List<Map.Entry<String, JsonNode>> serviceNodes = entries(root.get("services"), null, "services");
        if (serviceNodes.isEmpty()) {
            throw problem(null, "services", "the file defines no services");
        }
        List<ComposeService> services = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : serviceNodes) {
            if (enabled(entry.getKey(), entry.getValue())) {
                services.add(service(entry.getKey(), entry.getValue(), projectName));
            }
        }
        checkDependencies(services);
        return new ComposeProject(projectName, file, services, volumes);
    }

    private ComposeService service(String name, JsonNode node, String projectName) throws ComposeFileException {
        if (node == null || !node.isObject()) {
            throw problem(name, null, "a service must be a mapping of keys");
        }
        Optional<BuildSpec> build = node.has("build") ? Optional.of(build(name, node.get("build"))) : Optional.empty();
        String image;
        if (node.hasNonNull("image")) {
            image = text(node.get("image"), name, "image");
        } else if (build.isPresent()) {
            image = projectName + "-" + name;
        } else {
            throw problem(name, "image", "every service needs an image (or a build)");
        }
        if (image.isBlank()) {
            throw problem(name, "image", "the image name is empty");
        }
        return new ComposeService(name, image, build,
                stringList(node.get("command"), name, "command"),
                stringList(node.get("entrypoint"), name, "entrypoint"),
                environment(node.get("environment"), name),
                ports(node.get("ports"), name),
                volumes(node.get("volumes"), name),
                dependsOn(node.get("depends_on"), name),
                healthcheck(node.get("healthcheck"), name),
                readyUrl(node.get("x-lab-console"), name),
                optionalText(node.get("restart"), name, "restart"),
                optionalText(node.get("user"), name, "user"),
                optionalText(node.get("stop_signal"), name, "stop_signal"),
                node.hasNonNull("stop_grace_period")
                        ? Optional.of(duration(node.get("stop_grace_period"), name, "stop_grace_period"))
                        : Optional.empty());
    }

    private BuildSpec build(String service, JsonNode node) throws ComposeFileException {
        if (node.isTextual()) {
            return new BuildSpec(resolve(text(node, service, "build")), "Dockerfile", Map.of());
        }
        if (!node.isObject() || !node.hasNonNull("context")) {
            throw problem(service, "build", "give the build context as a path or as 'context:'");
        }
        Path context = resolve(text(node.get("context"), service, "build.context"));
        String dockerfile = node.hasNonNull("dockerfile") ? text(node.get("dockerfile"), service, "build.dockerfile")
                : "Dockerfile";
        return new BuildSpec(context, dockerfile, keyValues(node.get("args"), service, "build.args"));
    }

    private Map<String, String> environment(JsonNode node, String service) throws ComposeFileException {
        return keyValues(node, service, "environment");
    }

    /** A map of names to values, or compose's list form ["NAME=value"]. */
    private Map<String, String> keyValues(JsonNode node, String service, String key) throws ComposeFileException {
        Map<String, String> values = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return values;
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String item = text(node.get(i), service, key + "[" + i + "]");
                int equals = item.indexOf('=');
                if (equals <= 0) {
                    throw problem(service, key + "[" + i + "]", "'" + item + "' is not of the form NAME=value");
                }
                values.put(item.substring(0, equals), item.substring(equals + 1));
            }
            return values;
        }
        for (Map.Entry<String, JsonNode> entry : entries(node, service, key)) {
            JsonNode value = entry.getValue();
            values.put(entry.getKey(), value == null || value.isNull() ? ""
                    : text(value, service, key + "." + entry.getKey()));
        }
        return values;
    }

    private List<PortMapping> ports(JsonNode node, String service) throws ComposeFileException {
        List<PortMapping> ports = new ArrayList<>();
        List<String> items = stringList(node, service, "ports");
        for (int i = 0; i < items.size(); i++) {
            String key = "ports[" + i + "]";
            Matcher matcher = PORT.matcher(items.get(i));
            if (!matcher.matches()) {
                throw problem(service, key, "'" + items.get(i) + "' is not of the form \"127.0.0.1:HOST:CONTAINER\"");
            }
            int hostPort = port(matcher.group(2), service, key);
            int containerPort = port(matcher.group(3), service, key);
            String hostIp = matcher.group(1) == null ? "127.0.0.1" : matcher.group(1);
            ports.add(new PortMapping(hostIp, hostPort, containerPort, matcher.group(4) == null ? "tcp" : matcher.group(4)));
        }
        return ports;
    }

    private int port(String digits, String service, String key) throws ComposeFileException {
        int port = Integer.parseInt(digits);
        if (port < 1 || port > 65535) {
            throw problem(service, key, "port " + digits + " is outside 1-65535");
        }
        return port;
    }

    private List<VolumeMount> volumes(JsonNode node, String service) throws ComposeFileException {
        List<VolumeMount> mounts = new ArrayList<>();
        List<String> items = stringList(node, service, "volumes");
        for (int i = 0; i < items.size(); i++) {
            String key = "volumes[" + i + "]";
            String[] parts = items.get(i).split(":");
            if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || !parts[1].startsWith("/")) {
                throw problem(service, key, "'" + items.get(i) + "' is not of the form SOURCE:/container/path[:ro]");
            }
            boolean readOnly = parts.length == 3 && parts[2].equals("ro");
            if (parts.length == 3 && !readOnly && !parts[2].equals("rw")) {
                throw problem(service, key, "mode '" + parts[2] + "' is neither ro nor rw");
            }
            String source = parts[0];
            if (source.startsWith(".") || source.startsWith("/") || source.startsWith("~")) {
                mounts.add(new VolumeMount(VolumeMount.Kind.BIND, resolve(source).toString(), parts[1], readOnly));
            } else if (declaredVolumes.contains(source)) {
                mounts.add(new VolumeMount(VolumeMount.Kind.NAMED, source, parts[1], readOnly));
            } else {
                throw problem(service, key, "named volume '" + source + "' is not declared under the top-level 'volumes'");
            }
        }
        return mounts;
    }

    private Map<String, DependencyCondition> dependsOn(JsonNode node, String service) throws ComposeFileException {
        Map<String, DependencyCondition> dependencies = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return dependencies;
        }
        if (node.isArray()) {
            for (String dependency : stringList(node, service, "depends_on")) {
                dependencies.put(dependency, DependencyCondition.STARTED);
            }
            return dependencies;
        }
        for (Map.Entry<String, JsonNode> entry : entries(node, service, "depends_on")) {
            String key = "depends_on." + entry.getKey() + ".condition";
            JsonNode condition = entry.getValue() == null ? null : entry.getValue().get("condition");
            String value = condition == null || condition.isNull() ? "service_started" : text(condition, service, key);
            dependencies.put(entry.getKey(), switch (value) {
                case "service_started" -> DependencyCondition.STARTED;
                case "service_healthy" -> DependencyCondition.HEALTHY;
                default -> throw problem(service, key, "'" + value
                        + "' is not supported by the console (use service_started or service_healthy)");
            });
        }
        return dependencies;
    }

    private Optional<Healthcheck> healthcheck(JsonNode node, String service) throws ComposeFileException {
        if (node == null || node.isNull() || node.path("disable").asBoolean(false)) {
            return Optional.empty();
        }
        JsonNode testNode = node.get("test");
        if (testNode == null || testNode.isNull()) {
            throw problem(service, "healthcheck.test", "a healthcheck needs a test");
        }
        List<String> test = testNode.isTextual()
                ? List.of("CMD-SHELL", text(testNode, service, "healthcheck.test"))
                : stringList(testNode, service, "healthcheck.test");
        if (test.isEmpty() || !List.of("CMD", "CMD-SHELL", "NONE").contains(test.get(0))) {
            throw problem(service, "healthcheck.test", "the list must start with \"CMD\" or \"CMD-SHELL\"");
        }
        if (test.get(0).equals("NONE")) {
            return Optional.empty();
        }
        return Optional.of(new Healthcheck(test,
                optionalDuration(node.get("interval"), service, "healthcheck.interval", Duration.ofSeconds(30)),
                optionalDuration(node.get("timeout"), service, "healthcheck.timeout", Duration.ofSeconds(30)),
                node.hasNonNull("retries") ? count(node.get("retries"), service, "healthcheck.retries") : 3,
                optionalDuration(node.get("start_period"), service, "healthcheck.start_period", Duration.ZERO)));
    }

    private Optional<URI> readyUrl(JsonNode extension, String service) throws ComposeFileException {
        if (extension == null || !extension.hasNonNull("ready")) {
            return Optional.empty();
        }
        String url = text(extension.get("ready"), service, "x-lab-console.ready");
        try {
            URI uri = URI.create(url);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw problem(service, "x-lab-console.ready", "'" + url + "' is not an http(s) URL");
            }
            return Optional.of(uri);
        } catch (IllegalArgumentException e) {
            throw problem(service, "x-lab-console.ready", "'" + url + "' is not a URL");
        }
    }

    private void checkDependencies(List<ComposeService> services) throws ComposeFileException {
        Set<String> names = new HashSet<>();
        services.forEach(service -> names.add(service.name()));
        for (ComposeService service : services) {
            for (String dependency : service.dependsOn().keySet()) {
                if (!names.contains(dependency)) {
                    throw problem(service.name(), "depends_on", "no service named '" + dependency + "'");
                }
            }
        }
        Set<String> placed = new HashSet<>();
        boolean progress = true;
        while (progress) {
            progress = false;
            for (ComposeService service : services) {
                if (!placed.contains(service.name()) && placed.containsAll(service.dependsOn().keySet())) {
                    placed.add(service.name());
                    progress = true;
                }
            }
        }
        if (placed.size() < services.size()) {
            List<String> inCycle = services.stream().map(ComposeService::name).filter(name -> !placed.contains(name)).toList();
            throw problem(inCycle.get(0), "depends_on", "services depend on each other in a cycle: " + inCycle);
        }
    }

    private List<String> stringList(JsonNode node, String service, String key) throws ComposeFileException {
        List<String> values = new ArrayList<>();
        if (node == null || node.isNull()) {
            return values;
        }
        if (!node.isArray()) {
            throw problem(service, key, "use the list form, e.g. [\"a\", \"b\"]");
        }
        for (int i = 0; i < node.size(); i++) {
            values.add(text(node.get(i), service, key + "[" + i + "]"));
        }
        return values;
    }

    private Optional<String> optionalText(JsonNode node, String service, String key) throws ComposeFileException {
        return node == null || node.isNull() ? Optional.empty() : Optional.of(text(node, service, key));
    }

    private String text(JsonNode node, String service, String key) throws ComposeFileException {
        if (node == null || !node.isValueNode() || node.isNull()) {
            throw problem(service, key, "expected a single value here");
        }
        try {
            return interpolation.apply(node.asText());
        } catch (Interpolation.InterpolationException e) {
            throw problem(service, key, e.getMessage());
        }
    }

    private int count(JsonNode node, String service, String key) throws ComposeFileException {
        String value = text(node, service, key);
        try {
            int count = Integer.parseInt(value);
            if (count >= 0) {
                return count;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw problem(service, key, "'" + value + "' is not a whole number >= 0");
    }

    private Duration optionalDuration(JsonNode node, String service, String key, Duration fallback)
            throws ComposeFileException {
        return node == null || node.isNull() ? fallback : duration(node, service, key);
    }

    /** Compose durations: "1m30s", "10s", "500ms", or a plain number of seconds. */
    private Duration duration(JsonNode node, String service, String key) throws ComposeFileException {
        String value = text(node, service, key).trim();
        if (value.matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(value));
        }
        Matcher matcher = DURATION_PART.matcher(value);
        long nanos = 0;
        int end = 0;
        while (matcher.find() && matcher.start() == end) {
            BigDecimal amount = new BigDecimal(matcher.group(1));
            long unit = switch (matcher.group(2)) {
                case "h" -> 3_600_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "s" -> 1_000_000_000L;
                case "ms" -> 1_000_000L;
                case "us" -> 1_000L;
                default -> 1L;
            };
            nanos += amount.multiply(BigDecimal.valueOf(unit)).longValue();
            end = matcher.end();
        }
        if (end == 0 || end != value.length()) {
            throw problem(service, key, "'" + value + "' is not a duration like 10s, 1m30s or 500ms");
        }
        return Duration.ofNanos(nanos);
    }

    private List<Map.Entry<String, JsonNode>> entries(JsonNode node, String service, String key) throws ComposeFileException {
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        if (node == null || node.isNull()) {
            return entries;
        }
        if (!node.isObject()) {
            throw problem(service, key, "expected a mapping of names to values");
        }
        entries.addAll(node.properties());
        return entries;
    }

    private Path resolve(String path) {
        Path expanded = path.startsWith("~/") ? Path.of(System.getProperty("user.home"), path.substring(2)) : Path.of(path);
        return file.getParent().resolve(expanded).normalize();
    }

    private ComposeFileException problem(String service, String key, String message) {
        return ComposeFileException.at(file, service, key, message);
    }
}
