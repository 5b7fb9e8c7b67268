package dev.otellab.lab.docker.orchestration;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import dev.otellab.lab.docker.compose.ComposeProject;
import dev.otellab.lab.docker.compose.ComposeService;
import dev.otellab.lab.docker.compose.DependencyCondition;
import dev.otellab.lab.docker.engine.EngineErrors;
import dev.otellab.lab.docker.engine.LogStream;
import dev.otellab.lab.docker.images.ImagePuller;
import dev.otellab.lab.docker.stack.ServiceStatus;
import dev.otellab.lab.docker.stack.StackException;
import dev.otellab.lab.docker.stack.StackListener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs one compose project on a Docker engine the way `docker compose` would: the project
 * network {@code <project>_default}, named volumes {@code <project>_<volume>} and containers
 * {@code <project>-<service>-1}, all with compose's labels. Containers already there (from an
 * earlier session or from `docker compose up`) are adopted. Long operations report through a
 * {@link StackListener} and stop early when their thread is interrupted.
 */
public final class StackOrchestrator {
    private static final int LOG_LINES_ON_FAILURE = 15;
    private static final Duration POLL = Duration.ofMillis(250);

    private final DockerClient client;
    private final ComposeProject project;
    private final Duration readyTimeout;
    private final ContainerFactory containers;
    private final ServiceInspector inspector;
    private final ContainerLogs logs;
    private final ImagePuller puller;

    /** {@code readyTimeout}: how long one service may take from its start to ready. */
    public StackOrchestrator(DockerClient client, ComposeProject project, Duration readyTimeout) {
        this.client = client;
        this.project = project;
        this.readyTimeout = readyTimeout;
        this.containers = new ContainerFactory(client, project);
        this.inspector = new ServiceInspector(client);
        this.logs = new ContainerLogs(client);
        this.puller = new ImagePuller(client);
    }

    public ComposeProject project() {
        return project;
    }

    /**
     * Brings every service up in dependency order and waits until each is ready. Checks ports
     * first (nothing is created when one is taken), then pulls missing images, creates the
     * network and volumes, and creates, starts or adopts each container.
     */
    public void up(StackListener listener) throws StackException, InterruptedException {
        engineCall(() -> {
            bringAllUp(listener);
            return null;
        });
    }

    private void bringAllUp(StackListener listener) throws StackException, InterruptedException {
        Map<String, Container> existing = containersByService();
        checkPorts(existing);
        pullMissingImages(listener);
        ensureNetwork(listener);
        ensureVolumes(listener);
        Map<String, String> ids = new HashMap<>();
        for (ComposeService service : project.startOrder()) {
            for (Map.Entry<String, DependencyCondition> dependency : service.dependsOn().entrySet()) {
                if (dependency.getValue() == DependencyCondition.HEALTHY) {
                    awaitReady(project.service(dependency.getKey()).orElseThrow(), ids.get(dependency.getKey()), listener);
                }
            }
            ids.put(service.name(), bringUp(service, existing.get(service.name()), listener));
        }
        for (ComposeService service : project.startOrder()) {
            awaitReady(service, ids.get(service.name()), listener);
        }
        listener.step("All " + project.services().size() + " services of " + project.name() + " are ready");
    }

    /** Stops every container, dependents first; containers, network and volumes stay. */
    public void stop(StackListener listener) throws InterruptedException {
        Map<String, Container> existing = containersByService();
        List<ComposeService> order = new ArrayList<>(project.startOrder());
        java.util.Collections.reverse(order);
        for (ComposeService service : order) {
            throwIfInterrupted();
            Container container = existing.get(service.name());
            if (container != null && "running".equals(container.getState())) {
                listener.step("Stopping " + service.name());
                try {
                    client.stopContainerCmd(container.getId()).exec();
                } catch (NotModifiedException | NotFoundException e) {
                    // already stopped or removed meanwhile: the end state is the one asked for
                }
                listener.serviceChanged(inspector.inspect(service, container.getId()));
            }
        }
    }

    /** Removes the project's containers, its network and its volumes: all data of the stack is gone. */
    public void reset(StackListener listener) throws InterruptedException {
        for (Container container : projectContainers()) {
            throwIfInterrupted();
            listener.step("Removing container " + String.join(",", container.getNames()));
            try {
                client.removeContainerCmd(container.getId()).withForce(true).withRemoveVolumes(true).exec();
            } catch (NotFoundException e) {
                // removed meanwhile
            }
        }
        for (Network network : client.listNetworksCmd().withNameFilter(project.networkName()).exec()) {
            if (network.getName().equals(project.networkName())) {
                listener.step("Removing network " + network.getName());
                removeQuietly(() -> client.removeNetworkCmd(network.getId()).exec());
            }
        }
        Set<String> volumes = new LinkedHashSet<>();
        project.volumes().forEach(volume -> volumes.add(project.volumeName(volume)));
        client.listVolumesCmd().withFilter("label", List.of(ComposeLabels.PROJECT + "=" + project.name())).exec()
                .getVolumes().forEach(volume -> volumes.add(volume.getName()));
        for (String volume : volumes) {
            throwIfInterrupted();
            listener.step("Removing volume " + volume);
            removeQuietly(() -> client.removeVolumeCmd(volume).exec());
        }
        project.services().forEach(service -> listener.serviceChanged(ServiceStatus.absent(service.name())));
    }

    /** Restarts one service's container and waits until it is ready again. */
    public void restart(String serviceName, StackListener listener) throws StackException, InterruptedException {
        ComposeService service = service(serviceName);
        String id = containerId(service);
        listener.step("Restarting " + serviceName);
        engineCall(() -> {
            client.restartContainerCmd(id).exec();
            awaitReady(service, id, listener);
            return null;
        });
    }

    /** Every service in file order, as the engine reports it now. */
    public List<ServiceStatus> status() {
        Map<String, Container> existing = containersByService();
        return project.services().stream()
                .map(service -> existing.containsKey(service.name())
                        ? inspector.inspect(service, existing.get(service.name()).getId())
                        : ServiceStatus.absent(service.name()))
                .toList();
    }

    /**
     * Follows one service's output: the last {@code tail} lines, then each new line as it is
     * written, until the returned handle is closed (or the container goes away).
     */
    public LogStream followLogs(String serviceName, int tail, Consumer<String> lines) throws StackException {
        return logs.follow(containerId(service(serviceName)), tail, lines);
    }

    /** Follows one service's output from {@code epochSecond} on (to pick up again after a restart). */
    public LogStream followLogsSince(String serviceName, long epochSecond, Consumer<String> lines) throws StackException {
        return logs.followSince(containerId(service(serviceName)), epochSecond, lines);
    }

    /** The last {@code count} lines one service wrote. */
    public List<String> lastLogLines(String serviceName, int count) throws StackException, InterruptedException {
        return logs.last(containerId(service(serviceName)), count);
    }

    private void checkPorts(Map<String, Container> existing) throws StackException {
        // A running container of this project holds its own ports: it will be adopted, not started.
        List<ComposeService> toStart = project.services().stream()
                .filter(service -> !isRunning(existing.get(service.name())))
                .toList();
        List<String> busy = PortCheck.busyPorts(toStart);
        if (!busy.isEmpty()) {
            throw new StackException("Cannot start " + project.name() + ": " + String.join(", ", busy)
                    + (busy.size() == 1 ? " is" : " are") + " already in use by another program. "
                    + "Stop that program (or change the port in " + project.file().getFileName() + ") and start again.");
        }
    }

    private void pullMissingImages(StackListener listener) throws StackException, InterruptedException {
        Set<String> checked = new LinkedHashSet<>();
        for (ComposeService service : project.services()) {
            if (!checked.add(service.image()) || puller.isPresent(service.image())) {
                continue;
            }
            if (service.build().isPresent()) {
                throw new StackException("Image " + service.image() + " of service " + service.name()
                        + " is not built yet (it is built from " + service.build().get().dockerfilePath() + ").");
            }
            throwIfInterrupted();
            puller.pull(service.image(), listener);
        }
    }

    private void ensureNetwork(StackListener listener) {
        boolean present = client.listNetworksCmd().withNameFilter(project.networkName()).exec().stream()
                .anyMatch(network -> network.getName().equals(project.networkName()));
        if (!present) {
            listener.step("Creating network " + project.networkName());
            client.createNetworkCmd().withName(project.networkName()).withDriver("bridge")
                    .withLabels(ComposeLabels.network(project)).exec();
        }
    }

    private void ensureVolumes(StackListener listener) {
        for (String volume : project.volumes()) {
            String name = project.volumeName(volume);
            try {
                client.inspectVolumeCmd(name).exec();
            } catch (NotFoundException e) {
                listener.step("Creating volume " + name);
                client.createVolumeCmd().withName(name).withLabels(ComposeLabels.volume(project, volume)).exec();
            }
        }
    }

    /** Adopts a running container, starts a stopped one made from the same definition, else (re)creates it. */
    private String bringUp(ComposeService service, Container existing, StackListener listener)
            throws StackException, InterruptedException {
        throwIfInterrupted();
        String id;
        if (existing != null && isRunning(existing)) {
            listener.step("Adopting the running container of " + service.name() + " (" + String.join(",", existing.getNames()) + ")");
            return existing.getId();
        } else if (existing != null && ContainerFactory.configHash(service).equals(existing.getLabels().get(ComposeLabels.CONFIG_HASH))) {
            id = existing.getId();
        } else {
            if (existing != null) {
                listener.step("Replacing the stopped container of " + service.name() + " (its definition changed)");
                client.removeContainerCmd(existing.getId()).exec();
            }
            listener.step("Creating container " + project.containerName(service.name()));
            id = create(service);
        }
        listener.step("Starting " + service.name());
        try {
            client.startContainerCmd(id).exec();
        } catch (DockerException e) {
            throw new StackException("Could not start " + service.name() + ": " + EngineErrors.reason(e),
                    logs.last(id, LOG_LINES_ON_FAILURE));
        }
        listener.serviceChanged(inspector.inspect(service, id));
        return id;
    }

    private String create(ComposeService service) throws StackException {
        try {
            return containers.create(service);
        } catch (ConflictException e) {
            throw new StackException("A container named " + project.containerName(service.name())
                    + " already exists but is not part of project " + project.name()
                    + ": remove it (docker rm " + project.containerName(service.name()) + ") and start again.");
        } catch (DockerException e) {
            throw new StackException("Could not create the container of " + service.name() + ": " + EngineErrors.reason(e));
        }
    }

    private void awaitReady(ComposeService service, String id, StackListener listener)
            throws StackException, InterruptedException {
        long deadline = System.nanoTime() + readyTimeout.toNanos();
        ServiceStatus last = null;
        while (true) {
            ServiceStatus now = inspector.inspect(service, id);
            if (!now.equals(last)) {
                listener.serviceChanged(now);
                last = now;
            }
            switch (now.state()) {
                case HEALTHY -> {
                    return;
                }
                case STOPPED, ABSENT -> throw new StackException(service.name() + " stopped while starting ("
                        + now.detail() + ").", logs.last(id, LOG_LINES_ON_FAILURE));
                case UNHEALTHY -> throw new StackException(service.name() + " is unhealthy (" + now.detail() + ").",
                        logs.last(id, LOG_LINES_ON_FAILURE));
                default -> {
                    // still starting
                }
            }
            if (System.nanoTime() > deadline) {
                throw new StackException(service.name() + " did not become ready within " + readyTimeout.toSeconds()
                        + " s (" + now.detail() + ").", logs.last(id, LOG_LINES_ON_FAILURE));
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private ComposeService service(String serviceName) throws StackException {
        return project.service(serviceName)
                .orElseThrow(() -> new StackException("No service named " + serviceName + " in " + project.file()));
    }

    private String containerId(ComposeService service) throws StackException {
        return Optional.ofNullable(containersByService().get(service.name())).map(Container::getId)
                .orElseThrow(() -> new StackException(service.name() + " has no container yet: start the stack first."));
    }

    /** This project's service containers (not one-off `run` containers), by service name. */
    private Map<String, Container> containersByService() {
        Map<String, Container> byService = new HashMap<>();
        for (Container container : projectContainers()) {
            Map<String, String> labels = container.getLabels();
            String service = labels.get(ComposeLabels.SERVICE);
            boolean oneOff = "True".equalsIgnoreCase(labels.getOrDefault(ComposeLabels.ONEOFF, "False"));
            boolean first = "1".equals(labels.getOrDefault(ComposeLabels.CONTAINER_NUMBER, "1"));
            if (service != null && !oneOff && first) {
                byService.put(service, container);
            }
        }
        return byService;
    }

    private List<Container> projectContainers() {
        return client.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(ComposeLabels.PROJECT, project.name())).exec();
    }

    private static boolean isRunning(Container container) {
        return container != null && "running".equals(container.getState());
    }

    private static void removeQuietly(Runnable removal) {
        try {
            removal.run();
        } catch (NotFoundException e) {
            // already gone
        }
    }

    /**
     * Runs engine calls, turning what docker-java throws into the console's terms: an interrupted
     * thread (docker-java reports it as a closed channel) into InterruptedException, any other
     * engine error into a StackException with the engine's reason.
     */
    private static <T> T engineCall(EngineWork<T> work) throws StackException, InterruptedException {
        try {
            return work.run();
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted() || causedByInterrupt(e)) {
                Thread.interrupted();
                throw new InterruptedException("cancelled");
            }
            throw new StackException("The Docker engine refused a step: " + EngineErrors.reason(e));
        }
    }

    private static boolean causedByInterrupt(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.nio.channels.ClosedByInterruptException || cause instanceof InterruptedException) {
                return true;
            }
        }
        return false;
    }

    @FunctionalInterface
    private interface EngineWork<T> {
        T run() throws StackException, InterruptedException;
    }

    private static void throwIfInterrupted() throws InterruptedException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("cancelled");
        }
    }
}
