package dev.otellab.lab.docker.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;

/** A connection to one Docker engine (docker-java over its API socket); close it when done. */
public final class DockerEngine implements AutoCloseable {
    private final String host;
    private final DockerClient client;

    private DockerEngine(String host, DockerClient client) {
        this.host = host;
        this.client = client;
    }

    /**
     * A client for {@code host} (unix:///path or tcp://host:port). {@code responseTimeout} bounds
     * every call; null means none, for streams that stay open (logs, pulls, builds).
     */
    static DockerEngine connect(String host, Duration connectTimeout, Duration responseTimeout) {
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(host)
                .withDockerTlsVerify(false)
                .build();
        ApacheDockerHttpClient.Builder http = new ApacheDockerHttpClient.Builder()
                .dockerHost(URI.create(host))
                .maxConnections(32)
                .connectionTimeout(connectTimeout);
        if (responseTimeout != null) {
            http.responseTimeout(responseTimeout);
        }
        return new DockerEngine(host, DockerClientImpl.getInstance(config, http.build()));
    }

    /** A client for {@code host} with a short connect timeout and no response timeout. */
    public static DockerEngine connect(String host) {
        return connect(host, Duration.ofSeconds(3), null);
    }

    public String host() {
        return host;
    }

    public DockerClient client() {
        return client;
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
