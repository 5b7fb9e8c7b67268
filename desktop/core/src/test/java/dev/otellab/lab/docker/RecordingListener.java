package dev.otellab.lab.docker;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps everything a stack operation reports, for tests to look at. */
final class RecordingListener implements StackListener {
    final List<String> steps = new CopyOnWriteArrayList<>();
    final List<String> buildOutput = new CopyOnWriteArrayList<>();
    final List<ImagePullProgress> pulls = new CopyOnWriteArrayList<>();
    final List<ServiceStatus> changes = new CopyOnWriteArrayList<>();

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
