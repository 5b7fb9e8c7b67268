package dev.otellab.lab.docker.images;

import com.sun.net.httpserver.HttpServer;
import dev.otellab.lab.docker.engine.DockerEngine;
import dev.otellab.lab.docker.stack.ImagePullProgress;
import dev.otellab.lab.docker.stack.StackException;
import dev.otellab.lab.docker.stack.StackListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The pull path through docker-java against an engine endpoint on loopback that answers with
 * pull streams recorded from a real engine (see pull-streams/README.md): progress per layer, and
 * a failure the engine reports inside a 200 response.
 */
class ImagePullerTest {
    private HttpServer engine;
    private volatile String stream;
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private final List<ImagePullProgress> progress = new CopyOnWriteArrayList<>();
    private final StackListener listener = new StackListener() {
        @Override
        public void pullProgress(ImagePullProgress update) {
            progress.add(update);
        }
    };

    @BeforeEach
    void startEngine() throws IOException {
        engine = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        engine.createContext("/", exchange -> {
            paths.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            byte[] body = stream.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        engine.start();
    }

    @AfterEach
    void stopEngine() {
        engine.stop(0);
    }

    @Test
    void reportsLayersAndBytesUntilThePullCompletes() throws Exception {
        stream = recorded("pull-complete.jsonl");

        try (DockerEngine client = DockerEngine.connect("tcp://127.0.0.1:" + engine.getAddress().getPort())) {
            new ImagePuller(client.client()).pull("127.0.0.1:5599/dh-rec/good:1", listener);
        }

        assertThat(paths).singleElement().asString()
                .startsWith("POST ").contains("/images/create?").contains("fromImage=127.0.0.1%3A5599%2Fdh-rec%2Fgood").contains("tag=1");
        assertThat(progress).anySatisfy(update -> {
            assertThat(update.layers()).isEqualTo(1);
            assertThat(update.bytesDownloaded()).isEqualTo(36_445);
            assertThat(update.bytesTotal()).isEqualTo(3_001_218);
        });
        ImagePullProgress last = progress.get(progress.size() - 1);
        assertThat(last.done()).isTrue();
        assertThat(last.layersDone()).isEqualTo(1);
        assertThat(last.fraction()).isEqualTo(1.0);
    }

    @Test
    void anErrorInsideTheStreamFailsThePullWithTheEnginesReason() throws Exception {
        stream = recorded("pull-layer-verification-failed.jsonl");

        try (DockerEngine client = DockerEngine.connect("tcp://127.0.0.1:" + engine.getAddress().getPort())) {
            assertThatThrownBy(() -> new ImagePuller(client.client()).pull("127.0.0.1:5599/dh-rec/broken:1", listener))
                    .isInstanceOf(StackException.class)
                    .hasMessage("Could not pull image 127.0.0.1:5599/dh-rec/broken:1: filesystem layer verification failed"
                            + " for digest sha256:d2c9942e565b85207ccc930a2935c838964097743a9e3a6a17cc37dcf0efebaa");
        }
        assertThat(progress.get(progress.size() - 1).done()).isFalse();
        assertThat(progress).anyMatch(update -> update.bytesTotal() == 2_000_901);
    }

    @Test
    void imageReferencesSplitIntoRepositoryAndTag() {
        assertThat(ImagePuller.ImageReference.parse("grafana/tempo:2.7.2"))
                .isEqualTo(new ImagePuller.ImageReference("grafana/tempo", "2.7.2"));
        assertThat(ImagePuller.ImageReference.parse("127.0.0.1:5599/x/y"))
                .isEqualTo(new ImagePuller.ImageReference("127.0.0.1:5599/x/y", "latest"));
        assertThat(ImagePuller.ImageReference.parse("busybox@sha256:abc"))
                .isEqualTo(new ImagePuller.ImageReference("busybox", "sha256:abc"));
    }

    private static String recorded(String name) throws IOException {
        try (InputStream in = ImagePullerTest.class.getResourceAsStream("pull-streams/" + name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
