package dev.otellab.lab.docker;

import dev.otellab.lab.docker.stack.ImagePullProgress;
import dev.otellab.lab.docker.stack.ServiceStatus;
import dev.otellab.lab.docker.stack.StackListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps everything a stack operation reports, for tests to look at. */
public final class RecordingListener implements StackListener {
    public final List<String> steps = new CopyOnWriteArrayList<>();
    public final List<String> buildOutput = new CopyOnWriteArrayList<>();
    public final List<ImagePullProgress> pulls = new CopyOnWriteArrayList<>();
    public final List<ServiceStatus> changes = new CopyOnWriteArrayList<>();

    @Override
    public void step(String message) {
        steps.add(message);
    }

    @Override
    public void pullProgress(ImagePullProgress progress) {
        pulls.add(progress);
    }

    @Override
    public void buildOutput(String line) {
        buildOutput.add(line);
    }

    @Override
    public void serviceChanged(ServiceStatus status) {
        changes.add(status);
    }
}
