package dev.otellab.lab.docker.images;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.BuildImageCmd;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.BuildResponseItem;
import dev.otellab.lab.docker.engine.EngineErrors;
import dev.otellab.lab.docker.stack.StackException;
import dev.otellab.lab.docker.stack.StackListener;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The lab-backend image, built from lab-backend's Dockerfile and the console's own lab-backend
 * jar when the image is missing or was built from another jar (the jar's SHA-256 is kept as an
 * image label). The build context is a temporary folder with just the Dockerfile and
 * target/lab-backend.jar, so an installed console needs no source tree.
 */
public final class LabBackendImage {
    public static final String JAR_SHA256_LABEL = "dev.otellab.lab-backend.jar-sha256";
    private static final int OUTPUT_LINES_ON_FAILURE = 15;

    private final DockerClient client;
    private final String image;
    private final Path dockerfile;
    private final Path jar;
    private final Map<String, String> buildArgs;

    public LabBackendImage(DockerClient client, String image, Path dockerfile, Path jar, Map<String, String> buildArgs) {
        this.client = client;
        this.image = image;
        this.dockerfile = dockerfile;
        this.jar = jar;
        this.buildArgs = Map.copyOf(buildArgs);
    }

    /** True when the image exists and was built from this jar. */
    public boolean isCurrent() throws StackException {
        try {
            InspectImageResponse inspected = client.inspectImageCmd(image).exec();
            Map<String, String> labels = inspected.getConfig() == null ? null : inspected.getConfig().getLabels();
            return labels != null && jarSha256().equals(labels.get(JAR_SHA256_LABEL));
        } catch (NotFoundException e) {
            return false;
        }
    }

    /** Builds the image unless it is current; build output goes to {@code listener.buildOutput}. */
    public void ensure(StackListener listener) throws StackException, InterruptedException {
        if (isCurrent()) {
            return;
        }
        listener.step("Building image " + image + " from " + jar.getFileName());
        Path context = null;
        try {
            context = Files.createTempDirectory("lab-backend-image");
            Files.copy(dockerfile, context.resolve("Dockerfile"));
            Files.createDirectories(context.resolve("target"));
            Files.copy(jar, context.resolve("target").resolve("lab-backend.jar"));
            build(context, listener);
        } catch (IOException e) {
            throw new StackException("Could not prepare the build of " + image + ": " + e.getMessage());
        } finally {
            deleteQuietly(context);
        }
    }

    private void build(Path context, StackListener listener) throws StackException, InterruptedException {
        BuildOutput output = new BuildOutput(listener);
        BuildImageCmd build = client.buildImageCmd()
                .withBaseDirectory(context.toFile())
                .withDockerfile(context.resolve("Dockerfile").toFile())
                .withTags(Set.of(image))
                .withLabels(Map.of(JAR_SHA256_LABEL, jarSha256()))
                .withPull(false)
                .withRemove(true);
        buildArgs.forEach(build::withBuildArg);
        try {
            build.exec(output);
            output.awaitCompletion();
        } catch (InterruptedException e) {
            output.close();
            throw e;
        } catch (DockerException e) {
            throw failure(output, EngineErrors.reason(e));
        }
        if (output.error != null) {
            throw failure(output, output.error);
        }
    }

    /** The engine's reason alone may not say what it was doing ("no such host"): name the step and the build args. */
    private StackException failure(BuildOutput output, String reason) {
        String step = output.lastStep == null ? "" : " at step '" + output.lastStep.replaceFirst("^Step \\d+/\\d+ : ", "") + "'";
        String args = buildArgs.isEmpty() ? "" : " " + new java.util.TreeMap<>(buildArgs).toString()
                .replace("{", "(").replace("}", ")").replace(", ", " ");
        return new StackException("Could not build image " + image + step + args + ": " + reason, output.lastLines());
    }

    public String jarSha256() throws StackException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(jar), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new StackException("Cannot read lab-backend's jar " + jar + ": " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static void deleteQuietly(Path folder) {
        if (folder == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }

    /** The build's output lines, passed on and the last few kept; the error the engine reports in the stream. */
    private static final class BuildOutput extends ResultCallback.Adapter<BuildResponseItem> {
        private final StackListener listener;
        private final Deque<String> last = new ArrayDeque<>();
        private volatile String error;
        private volatile String lastStep;

        BuildOutput(StackListener listener) {
            this.listener = listener;
        }

        @Override
        public void onNext(BuildResponseItem item) {
            if (item.isErrorIndicated()) {
                error = EngineErrors.streamError(item);
                return;
            }
            if (item.getStream() == null) {
                return;
            }
            item.getStream().lines().filter(line -> !line.isBlank()).forEach(line -> {
                if (line.startsWith("Step ")) {
                    lastStep = line;
                }
                synchronized (last) {
                    last.addLast(line);
                    if (last.size() > OUTPUT_LINES_ON_FAILURE) {
                        last.removeFirst();
                    }
                }
                listener.buildOutput(line);
            });
        }

        List<String> lastLines() {
            synchronized (last) {
                return List.copyOf(last);
            }
        }

        @Override
        public void close() {
            try {
                super.close();
            } catch (IOException e) {
                // abandoning the build stream
            }
        }
    }
}
