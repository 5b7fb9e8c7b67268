package dev.otellab.lab.docker.orchestration;

import dev.otellab.lab.docker.compose.ComposeService;
import dev.otellab.lab.docker.compose.PortMapping;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Finds the ports a stack would publish that another program already holds. */
final class PortCheck {
    private PortCheck() {
    }

    /** One line per busy port, naming the port and the service that needs it; empty when all are free. */
    static List<String> busyPorts(List<ComposeService> services) {
        List<String> busy = new ArrayList<>();
        for (ComposeService service : services) {
            for (PortMapping port : service.ports()) {
                if (port.protocol().equals("tcp") && !canBind(port)) {
                    busy.add("port " + port.hostIp() + ":" + port.hostPort() + " (needed by " + service.name() + ")");
                }
            }
        }
        return busy;
    }

    private static boolean canBind(PortMapping port) {
        try (ServerSocket socket = new ServerSocket()) {
            // as the engine's port proxy does: a listener conflicts, leftover TIME_WAIT connections do not
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(port.hostIp()), port.hostPort()));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
