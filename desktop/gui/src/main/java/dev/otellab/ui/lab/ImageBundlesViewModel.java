package dev.otellab.ui.lab;

import dev.otellab.lab.ImageBundles;
import dev.otellab.lab.LabEngine;
import dev.otellab.lab.StackControl;
import dev.otellab.ui.common.UiExecutors;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.DoubleConsumer;

/**
 * The Lab view's offline image bundle: saving every image the Docker lab needs into one file and
 * loading such a file, for a classroom without network; progress and outcome. The work runs on
 * the background executor and keeps the stack busy meanwhile. Call the public methods on the UI thread.
 */
public final class ImageBundlesViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(ImageBundlesViewModel.class);

    private final LabEngine engine;
    private final LabSession session;
    private final UiExecutors executors;
    private final ReadOnlyBooleanWrapper hasBundles = new ReadOnlyBooleanWrapper(this, "hasBundles");
    private final ReadOnlyDoubleWrapper bundleProgress = new ReadOnlyDoubleWrapper(this, "bundleProgress", -1);
    private final ReadOnlyStringWrapper bundleMessage = new ReadOnlyStringWrapper(this, "bundleMessage", "");

    public ImageBundlesViewModel(LabEngine engine, LabSession session, UiExecutors executors) {
        this.engine = engine;
        this.session = session;
        this.executors = executors;
        refresh();
        engine.addStatusListener(status -> executors.ui().execute(this::refresh));
    }

    /** Saves every image the Docker lab needs into one file, for a classroom without network. */
    public void exportBundle(Path file) {
        runBundle(file, "Saving the images to " + file.getFileName() + "…", ImageBundles::export);
    }

    /** Checks a bundle's checksums, then loads its images into the Docker engine. */
    public void importBundle(Path file) {
        runBundle(file, "Checking and loading " + file.getFileName() + "…", ImageBundles::importFrom);
    }

    /** Reads again whether the current mode's stack has bundles: after a status change or a mode switch. */
    void refresh() {
        hasBundles.set(bundles().isPresent());
    }

    private Optional<ImageBundles> bundles() {
        return engine.stackControl().flatMap(StackControl::imageBundles);
    }

    private interface BundleWork {
        ImageBundles.Outcome run(ImageBundles bundles, Path file, DoubleConsumer progress) throws InterruptedException;
    }

    private void runBundle(Path file, String doing, BundleWork work) {
        Optional<ImageBundles> bundles = bundles();
        if (file == null || bundles.isEmpty() || session.isStackBusy()) {
            return;
        }
        session.setStackBusy(true);
        bundleProgress.set(0);
        bundleMessage.set(doing);
        executors.background().execute(() -> {
            ImageBundles.Outcome outcome;
            try {
                outcome = work.run(bundles.get(), file,
                        fraction -> executors.ui().execute(() -> bundleProgress.set(Math.max(0, Math.min(1, fraction)))));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                outcome = new ImageBundles.Outcome(false, "Cancelled: nothing was left half-written.");
            } catch (RuntimeException e) {
                LOG.warn("The image bundle failed", e);
                outcome = new ImageBundles.Outcome(false, e.getMessage() == null ? e.toString() : e.getMessage());
            }
            ImageBundles.Outcome shown = outcome;
            executors.ui().execute(() -> {
                session.setStackBusy(false);
                bundleProgress.set(-1);
                bundleMessage.set(shown.ok() ? shown.message() : "Failed: " + shown.message());
                session.workFinished(bundleMessage.get());
            });
        });
    }

    /** Whether this lab can export and import the offline image bundle. */
    public ReadOnlyBooleanProperty hasBundlesProperty() {
        return hasBundles.getReadOnlyProperty();
    }

    /** The running export's or import's done fraction, -1 when none runs. */
    public ReadOnlyDoubleProperty bundleProgressProperty() {
        return bundleProgress.getReadOnlyProperty();
    }

    /** What the last export or import did, or is doing. */
    public ReadOnlyStringProperty bundleMessageProperty() {
        return bundleMessage.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty stackBusyProperty() {
        return session.stackBusyProperty();
    }
}
