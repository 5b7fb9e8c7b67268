package dev.otellab.lab.docker.images;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.command.SaveImagesCmd;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.LoadResponseItem;
import dev.otellab.lab.docker.engine.DockerEngine;
import dev.otellab.lab.docker.engine.EngineErrors;
import dev.otellab.lab.docker.stack.StackException;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The engine's image store as the offline bundle uses it: which images are here, saving images
 * into one `docker save` archive and loading such an archive back. Callers see the console's own
 * types, not docker-java's.
 */
public final class LocalImages {
    private final DockerClient client;

    public LocalImages(DockerEngine engine) {
        this.client = engine.client();
    }

    /** One image the engine has: its id (sha256:...), its size in bytes and every name it has. */
    public record LocalImage(String id, long size, List<String> tags) {
        public LocalImage {
            tags = List.copyOf(tags);
        }
    }

    public Optional<LocalImage> find(String image) {
        try {
            InspectImageResponse inspected = client.inspectImageCmd(image).exec();
            long size = inspected.getSize() == null ? 0 : inspected.getSize();
            List<String> tags = inspected.getRepoTags() == null ? List.of() : inspected.getRepoTags();
            return Optional.of(new LocalImage(inspected.getId(), size, tags));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /**
     * The images as one `docker save` tar (layers shared between them stored once); the caller
     * reads and closes it. Every image must be referenced by name:tag.
     */
    public InputStream save(List<String> images) throws StackException {
        SaveImagesCmd save = client.saveImagesCmd();
        for (String image : images) {
            ImagePuller.ImageReference reference = ImagePuller.ImageReference.parse(image);
            save.withImage(reference.repository(), reference.tag());
        }
        try {
            return save.exec();
        } catch (RuntimeException e) {
            throw new StackException("The Docker engine could not save " + String.join(", ", images) + ": "
                    + EngineErrors.reason(e));
        }
    }

    /**
     * Sends one `docker save` archive (plain or gzip-compressed) to the engine and waits until the
     * engine has loaded all its images. Interrupting the calling thread abandons the upload: the
     * engine loads nothing from an incomplete archive. Callers check the result with
     * {@link #find}.
     */
    public void load(InputStream archive) throws StackException, InterruptedException {
        AtomicBoolean cancelled = new AtomicBoolean();
        String[] error = new String[1];
        // docker-java uploads from its own thread: the flag, not that thread's interrupt, stops it.
        InputStream upload = new FilterInputStream(archive) {
            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (cancelled.get()) {
                    throw new InterruptedIOException("cancelled");
                }
                return super.read(buffer, offset, length);
            }
        };
        ResultCallback.Adapter<LoadResponseItem> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(LoadResponseItem item) {
                if (item.isErrorIndicated()) {
                    error[0] = EngineErrors.streamError(item);
                }
            }
        };
        try {
            client.loadImageAsyncCmd(upload).exec(callback);
            callback.awaitCompletion();
        } catch (InterruptedException e) {
            cancelled.set(true);
            closeQuietly(callback);
            throw e;
        } catch (RuntimeException e) {
            throw new StackException("The Docker engine could not load the images: " + EngineErrors.reason(e));
        }
        if (error[0] != null) {
            throw new StackException("The Docker engine could not load the images: " + error[0]);
        }
    }

    private static void closeQuietly(ResultCallback.Adapter<?> callback) {
        try {
            callback.close();
        } catch (IOException e) {
            // the upload is being abandoned anyway
        }
    }
}
