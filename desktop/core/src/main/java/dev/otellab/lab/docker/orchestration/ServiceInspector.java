package dev.otellab.lab.docker.orchestration;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import dev.otellab.config.HttpClients;
import dev.otellab.lab.docker.compose.ComposeService;
import dev.otellab.lab.docker.compose.PortMapping;
import dev.otellab.lab.docker.stack.ServiceState;
import dev.otellab.lab.docker.stack.ServiceStatus;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Tells where a service's container stands, readiness included: the container healthcheck when
 * it has one, else the x-lab-console ready URL probed from the host, else "running".
 */
final class ServiceInspector {
    private final DockerClient client;
    private final OkHttpClient http = HttpClients.probe();

    ServiceInspector(DockerClient client) {
        this.client = client;
    }

    ServiceStatus inspect(ComposeService service, String containerId) {
        InspectContainerResponse container;
        try {
            container = client.inspectContainerCmd(containerId).exec();
        } catch (NotFoundException e) {
            return ServiceStatus.absent(service.name());
        }
        InspectContainerResponse.ContainerState state = container.getState();
        List<PortMapping> ports = publishedPorts(container);
        String health = state.getHealth() == null || state.getHealth().getStatus() == null ? "" : state.getHealth().getStatus();
        if (!Boolean.TRUE.equals(state.getRunning())) {
            String detail = "created".equals(state.getStatus()) ? "created, not started"
                    : "exited with code " + state.getExitCodeLong();
            return new ServiceStatus(service.name(), ServiceState.STOPPED, health, ports, detail);
        }
        if (Boolean.TRUE.equals(state.getRestarting())) {
            return new ServiceStatus(service.name(), ServiceState.STARTING, health, ports, "restarting");
        }
        if (!health.isEmpty()) {
            ServiceState byHealth = switch (health) {
                case "healthy" -> ServiceState.HEALTHY;
                case "unhealthy" -> ServiceState.UNHEALTHY;
                default -> ServiceState.STARTING;
            };
            return new ServiceStatus(service.name(), byHealth, health, ports, "healthcheck: " + health + lastProbe(state));
        }
        if (service.readyUrl().isPresent()) {
            String url = service.readyUrl().get().toString();
            return answers(url)
                    ? new ServiceStatus(service.name(), ServiceState.HEALTHY, health, ports, url + " answers")
                    : new ServiceStatus(service.name(), ServiceState.STARTING, health, ports, "waiting for " + url);
        }
        return new ServiceStatus(service.name(), ServiceState.HEALTHY, health, ports, "running");
    }

    private static String lastProbe(InspectContainerResponse.ContainerState state) {
        if (state.getHealth().getLog() == null || state.getHealth().getLog().isEmpty()) {
            return "";
        }
        String output = state.getHealth().getLog().get(state.getHealth().getLog().size() - 1).getOutput();
        return output == null || output.isBlank() ? "" : " (" + output.strip().lines().reduce((a, b) -> b).orElse("") + ")";
    }

    private boolean answers(String url) {
        try (Response response = http.newCall(new Request.Builder().url(url).get().build()).execute()) {
            return response.isSuccessful();
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    private static List<PortMapping> publishedPorts(InspectContainerResponse container) {
        List<PortMapping> ports = new ArrayList<>();
        if (container.getNetworkSettings() == null || container.getNetworkSettings().getPorts() == null) {
            return ports;
        }
        for (Map.Entry<ExposedPort, Ports.Binding[]> entry : container.getNetworkSettings().getPorts().getBindings().entrySet()) {
            if (entry.getValue() == null) {
                continue;
            }
            for (Ports.Binding binding : entry.getValue()) {
                ports.add(new PortMapping(binding.getHostIp(), Integer.parseInt(binding.getHostPortSpec()),
                        entry.getKey().getPort(), entry.getKey().getProtocol().toString()));
            }
        }
        return ports;
    }
}
