package dev.otellab.lab.docker.compose;

/** One published port: always bound to a host address (127.0.0.1 unless the file names one). */
public record PortMapping(String hostIp, int hostPort, int containerPort, String protocol) {

    @Override
    public String toString() {
        return hostIp + ":" + hostPort + "->" + containerPort + "/" + protocol;
    }
}
