package dev.otellab.lab.docker.images;

import com.github.dockerjava.api.model.PullResponseItem;
import dev.otellab.lab.docker.engine.EngineErrors;
import dev.otellab.lab.docker.stack.ImagePullProgress;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Follows the engine's pull stream for one image: per layer its download bytes and whether it
 * is done, and the error the engine reports inside the (200) stream when the pull fails.
 */
final class PullProgressTracker {
    private final String image;
    private final Map<String, Layer> layers = new LinkedHashMap<>();
    private String lastStatus = "";
    private String error;
    private boolean done;

    PullProgressTracker(String image) {
        this.image = image;
    }

    ImagePullProgress accept(PullResponseItem item) {
        if (item.isErrorIndicated()) {
            error = EngineErrors.streamError(item);
            lastStatus = error;
            return snapshot();
        }
        String status = item.getStatus() == null ? "" : item.getStatus();
        lastStatus = status;
        String id = item.getId();
        if (status.startsWith("Digest:") || status.startsWith("Status:")) {
            done = status.startsWith("Status:");
        } else if (id != null && !status.startsWith("Pulling from")) {
            track(layers.computeIfAbsent(id, key -> new Layer()), status, item);
        }
        return snapshot();
    }

    Optional<String> error() {
        return Optional.ofNullable(error);
    }

    ImagePullProgress snapshot() {
        long downloaded = 0;
        long total = 0;
        int finished = 0;
        for (Layer layer : layers.values()) {
            downloaded += layer.downloaded;
            total += layer.total;
            finished += layer.done ? 1 : 0;
        }
        return new ImagePullProgress(image, layers.size(), finished, downloaded, total, lastStatus, done && error == null);
    }

    private static void track(Layer layer, String status, PullResponseItem item) {
        switch (status) {
            case "Downloading" -> {
                if (item.getProgressDetail() != null && item.getProgressDetail().getTotal() != null) {
                    layer.total = item.getProgressDetail().getTotal();
                    layer.downloaded = item.getProgressDetail().getCurrent() == null ? 0 : item.getProgressDetail().getCurrent();
                }
            }
            case "Download complete", "Verifying Checksum" -> layer.downloaded = layer.total;
            case "Pull complete", "Already exists" -> {
                layer.downloaded = layer.total;
                layer.done = true;
            }
            default -> {
                // "Pulling fs layer", "Waiting", "Extracting": the layer is known, bytes unchanged
            }
        }
    }

    private static final class Layer {
        long downloaded;
        long total;
        boolean done;
    }
}
