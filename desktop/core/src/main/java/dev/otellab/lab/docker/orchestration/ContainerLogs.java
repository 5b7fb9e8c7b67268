package dev.otellab.lab.docker.orchestration;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import dev.otellab.lab.docker.engine.EngineErrors;
import dev.otellab.lab.docker.engine.LogStream;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** A container's output as lines: the last few, or followed as it is written. */
final class ContainerLogs {
    private final DockerClient client;

    ContainerLogs(DockerClient client) {
        this.client = client;
    }

    /** The last {@code count} lines (stdout and stderr), oldest first; empty when there are none. */
    List<String> last(String containerId, int count) throws InterruptedException {
        List<String> lines = new ArrayList<>();
        LineCallback callback = new LineCallback(line -> {
            synchronized (lines) {
                lines.add(line);
            }
        });
        try {
            client.logContainerCmd(containerId).withStdOut(true).withStdErr(true).withTail(count).exec(callback);
            callback.awaitCompletion(10, TimeUnit.SECONDS);
        } catch (RuntimeException e) {
            return List.of("(its log could not be read: " + EngineErrors.reason(e) + ")");
        } finally {
            callback.close();
        }
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /**
     * Sends each new line (after the last {@code tail} ones) to {@code lines} on docker-java's
     * stream thread until the returned handle is closed or the container is removed.
     */
    LogStream follow(String containerId, int tail, Consumer<String> lines) {
        LineCallback callback = new LineCallback(lines);
        client.logContainerCmd(containerId).withStdOut(true).withStdErr(true).withFollowStream(true).withTail(tail)
                .exec(callback);
        return callback;
    }

    /** Like {@link #follow}, from the given moment on (epoch seconds): nothing older is sent again. */
    LogStream followSince(String containerId, long epochSecond, Consumer<String> lines) {
        LineCallback callback = new LineCallback(lines);
        client.logContainerCmd(containerId).withStdOut(true).withStdErr(true).withFollowStream(true)
                .withSince((int) epochSecond).exec(callback);
        return callback;
    }

    /** Frames carry arbitrary chunks of output: join them per stream and cut at newlines. */
    private static final class LineCallback extends ResultCallback.Adapter<Frame> implements LogStream {
        private final Consumer<String> lines;
        private final Map<StreamType, StringBuilder> partial = new EnumMap<>(StreamType.class);
        private volatile long endedAt;

        LineCallback(Consumer<String> lines) {
            this.lines = lines;
        }

        @Override
        public void onNext(Frame frame) {
            StringBuilder buffer = partial.computeIfAbsent(frame.getStreamType(), type -> new StringBuilder());
            buffer.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
            int newline;
            while ((newline = buffer.indexOf("\n")) >= 0) {
                String line = buffer.substring(0, newline);
                buffer.delete(0, newline + 1);
                lines.accept(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
            }
        }

        @Override
        public void onComplete() {
            partial.values().stream().filter(buffer -> buffer.length() > 0).forEach(buffer -> lines.accept(buffer.toString()));
            partial.clear();
            markEnded();
            super.onComplete();
        }

        @Override
        public void onError(Throwable throwable) {
            markEnded();
            super.onError(throwable);
        }

        @Override
        public boolean ended() {
            return endedAt != 0;
        }

        @Override
        public long endedAtEpochSecond() {
            return endedAt;
        }

        private void markEnded() {
            if (endedAt == 0) {
                endedAt = java.time.Instant.now().getEpochSecond();
            }
        }

        @Override
        public void close() {
            markEnded();
            try {
                super.close();
            } catch (java.io.IOException e) {
                // closing a finished or broken stream: nothing left to release
            }
        }
    }
}
