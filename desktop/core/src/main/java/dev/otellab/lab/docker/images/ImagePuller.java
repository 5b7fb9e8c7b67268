package dev.otellab.lab.docker.images;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.PullResponseItem;
import dev.otellab.lab.docker.engine.EngineErrors;
import dev.otellab.lab.docker.stack.StackException;
import dev.otellab.lab.docker.stack.StackListener;

import java.io.IOException;

/** Pulls images through the engine, reporting progress and turning any failure into its reason. */
public final class ImagePuller {
    private final DockerClient client;

    public ImagePuller(DockerClient client) {
        this.client = client;
    }

    public boolean isPresent(String image) {
        try {
            client.inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    public void pull(String image, StackListener listener) throws StackException, InterruptedException {
        PullProgressTracker tracker = new PullProgressTracker(image);
        ImageReference reference = ImageReference.parse(image);
        ResultCallback.Adapter<PullResponseItem> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(PullResponseItem item) {
                listener.pullProgress(tracker.accept(item));
            }
        };
        listener.step("Pulling image " + image);
        try {
            client.pullImageCmd(reference.repository()).withTag(reference.tag()).exec(callback);
            callback.awaitCompletion();
        } catch (InterruptedException e) {
            closeQuietly(callback);
            throw e;
        } catch (RuntimeException e) {
            throw new StackException("Could not pull image " + image + ": " + EngineErrors.reason(e));
        }
        if (tracker.error().isPresent()) {
            throw new StackException("Could not pull image " + image + ": " + tracker.error().get());
        }
    }

    private static void closeQuietly(ResultCallback.Adapter<?> callback) {
        try {
            callback.close();
        } catch (IOException e) {
            // the stream is being abandoned anyway
        }
    }

    /** repository[:tag][@digest], split the way the pull API wants it. */
    record ImageReference(String repository, String tag) {
        static ImageReference parse(String image) {
            int at = image.indexOf('@');
            if (at >= 0) {
                return new ImageReference(image.substring(0, at), image.substring(at + 1));
            }
            int colon = image.lastIndexOf(':');
            if (colon > image.lastIndexOf('/')) {
                return new ImageReference(image.substring(0, colon), image.substring(colon + 1));
            }
            return new ImageReference(image, "latest");
        }
    }
}
