package dev.otellab.lab.docker.compose;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A compose project as the console runs it: its name, its services in file order and its named
 * volumes, with the resource names compose uses ({@code <project>_default},
 * {@code <project>_<volume>}, {@code <project>-<service>-1}).
 */
public record ComposeProject(String name, Path file, List<ComposeService> services, List<String> volumes) {

    public ComposeProject {
        services = List.copyOf(services);
        volumes = List.copyOf(volumes);
    }

    public Optional<ComposeService> service(String serviceName) {
        return services.stream().filter(service -> service.name().equals(serviceName)).findFirst();
    }

    public Path workingDir() {
        return file.toAbsolutePath().getParent();
    }

    public String networkName() {
        return name + "_default";
    }

    public String volumeName(String volume) {
        return name + "_" + volume;
    }

    public String containerName(String service) {
        return name + "-" + service + "-1";
    }

    /** The same project under another name, e.g. to keep test runs apart. */
    public ComposeProject withName(String otherName) {
        return new ComposeProject(ComposeFile.normalizeProjectName(otherName), file, services, volumes);
    }

    /** The same project with some services' images replaced (service name -> image). */
    public ComposeProject withImages(Map<String, String> imageOverrides) {
        for (String service : imageOverrides.keySet()) {
            if (service(service).isEmpty()) {
                throw new IllegalArgumentException("No service named '" + service + "' in " + file
                        + " to override the image of");
            }
        }
        List<ComposeService> replaced = services.stream()
                .map(service -> imageOverrides.containsKey(service.name())
                        ? service.withImage(imageOverrides.get(service.name())) : service)
                .toList();
        return new ComposeProject(name, file, replaced, volumes);
    }

    /**
     * The services so that each comes after everything it depends on; among services free to
     * start, the file's order. The file was checked for cycles when it was read.
     */
    public List<ComposeService> startOrder() {
        Set<String> placed = new LinkedHashSet<>();
        List<ComposeService> order = new ArrayList<>();
        while (order.size() < services.size()) {
            ComposeService next = services.stream()
                    .filter(service -> !placed.contains(service.name()))
                    .filter(service -> placed.containsAll(service.dependsOn().keySet()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("dependency cycle among " + services));
            placed.add(next.name());
            order.add(next);
        }
        return order;
    }
}
