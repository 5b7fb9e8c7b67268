package dev.otellab.lab.docker.orchestration;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.InternetProtocol;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.api.model.Volume;
import dev.otellab.lab.docker.compose.ComposeProject;
import dev.otellab.lab.docker.compose.ComposeService;
import dev.otellab.lab.docker.compose.PortMapping;
import dev.otellab.lab.docker.compose.VolumeMount;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/** Creates a service's container the way compose would: name, labels, network alias, ports, mounts. */
final class ContainerFactory {
    private final DockerClient client;
    private final ComposeProject project;

    ContainerFactory(DockerClient client, ComposeProject project) {
        this.client = client;
        this.project = project;
    }

    /** Creates the container (not started) and returns its id. */
    String create(ComposeService service) {
        HostConfig host = HostConfig.newHostConfig()
                .withNetworkMode(project.networkName())
                .withPortBindings(service.ports().stream().map(ContainerFactory::binding).toList())
                .withBinds(service.volumes().stream().map(this::bind).toList());
        service.restart().map(RestartPolicy::parse).ifPresent(host::withRestartPolicy);
        CreateContainerCmd create = client.createContainerCmd(service.image())
                .withName(project.containerName(service.name()))
                .withLabels(ComposeLabels.container(project, service, configHash(service)))
                .withHostConfig(host)
                .withAliases(service.name())
                .withExposedPorts(service.ports().stream().map(ContainerFactory::exposed).toList())
                .withEnv(service.environment().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
        if (!service.command().isEmpty()) {
            create.withCmd(service.command());
        }
        if (!service.entrypoint().isEmpty()) {
            create.withEntrypoint(service.entrypoint());
        }
        service.user().ifPresent(create::withUser);
        service.stopSignal().ifPresent(create::withStopSignal);
        service.stopGracePeriod().ifPresent(grace -> create.withStopTimeout((int) Math.max(1, grace.toSeconds())));
        service.healthcheck().ifPresent(check -> create.withHealthcheck(new HealthCheck()
                .withTest(check.test())
                .withInterval(nanos(check.interval()))
                .withTimeout(nanos(check.timeout()))
                .withRetries(check.retries())
                .withStartPeriod(nanos(check.startPeriod()))));
        return create.exec().getId();
    }

    /**
     * A digest of everything the console sets on the container, stored as compose's config-hash
     * label: a stopped container whose hash differs was made from another version of the file.
     */
    static String configHash(ComposeService service) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(service.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private Bind bind(VolumeMount mount) {
        String source = mount.kind() == VolumeMount.Kind.NAMED ? project.volumeName(mount.source()) : mount.source();
        return new Bind(source, new Volume(mount.target()), mount.readOnly() ? AccessMode.ro : AccessMode.rw);
    }

    private static PortBinding binding(PortMapping port) {
        return new PortBinding(Ports.Binding.bindIpAndPort(port.hostIp(), port.hostPort()), exposed(port));
    }

    private static ExposedPort exposed(PortMapping port) {
        return new ExposedPort(port.containerPort(), InternetProtocol.parse(port.protocol()));
    }

    private static Long nanos(Duration duration) {
        return duration.toNanos();
    }
}
