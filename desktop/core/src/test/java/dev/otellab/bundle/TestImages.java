package dev.otellab.bundle;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.otellab.lab.docker.engine.DockerEngine;
import dev.otellab.lab.docker.engine.DockerEngineLocator;
import dev.otellab.lab.docker.engine.DockerEngineUnavailableException;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.fail;

/**
 * Images the bundle tests make and remove on the real engine: names unique to one run (other
 * helpers and tests share the engine), tiny images with a layer of their own (so removing one
 * really removes its data), and extra tags on the shared local images.
 */
final class TestImages implements AutoCloseable {
    final String prefix = "otellabtest-bundle-" + UUID.randomUUID().toString().substring(0, 8);
    final DockerEngine engine;
    final DockerClient client;
    private final List<String> created = new ArrayList<>();

    private TestImages(DockerEngine engine) {
        this.engine = engine;
        this.client = engine.client();
    }

    /** The engine, or a skipped test when none answers and LAB_DOCKER_TESTS is not "required". */
    static TestImages onEngine() {
        try {
            return new TestImages(DockerEngineLocator.forThisProcess().locate());
        } catch (DockerEngineUnavailableException e) {
            if ("required".equals(System.getenv("LAB_DOCKER_TESTS"))) {
                fail("LAB_DOCKER_TESTS=required but " + e.getMessage());
            }
            Assumptions.abort("No Docker engine (set LAB_DOCKER_TESTS=required to make this a failure): " + e.getMessage());
            throw new IllegalStateException("unreachable");
        }
    }

    /** A new image (one layer: a unique file and {@code kilobytes} of random bytes) named prefix/name:1. */
    String tiny(String name, int kilobytes) throws IOException {
        String image = prefix + "/" + name + ":1";
        Path context = Files.createTempDirectory("bundle-test-image");
        try {
            Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY id.txt filler.bin /\n");
            Files.writeString(context.resolve("id.txt"), image + " " + UUID.randomUUID());
            byte[] filler = new byte[kilobytes * 1024];
            new Random().nextBytes(filler);
            Files.write(context.resolve("filler.bin"), filler);
            client.buildImageCmd(context.toFile()).withTags(Set.of(image)).withPull(false).withRemove(true)
                    .start().awaitImageId();
        } finally {
            try (Stream<Path> files = Files.walk(context)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
        created.add(image);
        return image;
    }

    /** Another name for an existing image (e.g. a shared local one), removed again by {@link #close}. */
    String tag(String existing, String name) {
        String repository = prefix + "/" + name;
        client.tagImageCmd(existing, repository, "1").exec();
        created.add(repository + ":1");
        return repository + ":1";
    }

    /** A name the test will create by other means (e.g. a build), removed by {@link #close}. */
    String reserve(String name) {
        String image = prefix + "/" + name + ":1";
        created.add(image);
        return image;
    }

    Optional<String> id(String image) {
        try {
            return Optional.of(client.inspectImageCmd(image).exec().getId());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /** Removes a name (the image itself when no other name holds it), as `docker rmi` does. */
    void remove(String image) {
        try {
            client.removeImageCmd(image).exec();
        } catch (NotFoundException e) {
            // already gone
        }
    }

    @Override
    public void close() {
        created.forEach(this::remove);
        engine.close();
    }

}
