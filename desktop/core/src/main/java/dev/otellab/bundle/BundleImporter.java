package dev.otellab.bundle;

import dev.otellab.lab.docker.engine.DockerEngine;
import dev.otellab.lab.docker.images.LocalImages;
import dev.otellab.lab.docker.stack.StackException;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Loads an offline bundle into the engine. Everything is checked before anything is loaded: the
 * manifest, every archive's presence and size, then every archive's SHA-256; a bundle that fails
 * any check is rejected whole. Then each archive whose images the engine lacks (or has under
 * the same name with another id) is loaded, and each image is checked to have arrived with the
 * bundle's id. Archives whose images are all present already are skipped.
 */
public final class BundleImporter {
    private final LocalImages images;

    public BundleImporter(DockerEngine engine) {
        this.images = new LocalImages(engine);
    }

    /** The manifest of a bundle, after the checks that need no reading of the archives. */
    public static BundleManifest inspect(Path file) throws BundleException {
        try (BundleReader reader = BundleReader.open(file)) {
            return reader.manifest();
        }
    }

    /** Checks the whole bundle, checksums included, without an engine. */
    public static BundleManifest verify(Path file, BundleProgressListener listener)
            throws BundleException, InterruptedException {
        try (BundleReader reader = BundleReader.open(file)) {
            reader.verify(listener);
            return reader.manifest();
        }
    }

    public BundleImportReport importBundle(Path file, BundleProgressListener listener)
            throws BundleException, InterruptedException {
        try (BundleReader reader = BundleReader.open(file)) {
            listener.step("Checking " + file.getFileName() + " (" + reader.manifest().archives().size() + " archives)");
            reader.verify(listener);
            List<BundleImportReport.ImportedImage> outcomes = new ArrayList<>();
            for (BundleArchive archive : reader.manifest().archives()) {
                outcomes.addAll(load(reader, archive, listener));
            }
            return new BundleImportReport(reader.manifest(), outcomes);
        }
    }

    private List<BundleImportReport.ImportedImage> load(BundleReader reader, BundleArchive archive,
                                                         BundleProgressListener listener)
            throws BundleException, InterruptedException {
        List<BundleImportReport.ImportedImage> outcomes = new ArrayList<>();
        for (BundleImage image : archive.images()) {
            Optional<LocalImages.LocalImage> present = images.find(image.name());
            BundleImportReport.Outcome outcome = present.isEmpty() ? BundleImportReport.Outcome.LOADED
                    : present.get().id().equals(image.id()) ? BundleImportReport.Outcome.ALREADY_PRESENT
                    : BundleImportReport.Outcome.REPLACED;
            outcomes.add(new BundleImportReport.ImportedImage(image, outcome));
        }
        List<String> names = archive.images().stream().map(BundleImage::name).toList();
        if (outcomes.stream().allMatch(outcome -> outcome.outcome() == BundleImportReport.Outcome.ALREADY_PRESENT)) {
            listener.step("Already here: " + String.join(", ", names));
            return outcomes;
        }
        listener.step("Loading " + String.join(" and ", names));
        try (InputStream stored = reader.open(archive);
             MeteredInputStream metered = new MeteredInputStream(stored, bytes -> listener.progress(
                     new BundleProgress(BundleProgress.Phase.LOADING, archive.file(), names, bytes, archive.size())))) {
            images.load(metered);
            listener.progress(new BundleProgress(BundleProgress.Phase.LOADING, archive.file(), names, metered.bytes(),
                    archive.size()));
        } catch (InterruptedIOException e) {
            Thread.interrupted();
            throw new InterruptedException("import cancelled");
        } catch (IOException e) {
            throw new BundleException("Cannot read " + archive.file() + " of " + reader.source() + ": " + e.getMessage(), e);
        } catch (StackException e) {
            throw new BundleException(e.getMessage() + " (" + archive.file() + ": " + String.join(", ", names) + ")", e);
        }
        for (BundleImage image : archive.images()) {
            String arrived = images.find(image.name()).map(LocalImages.LocalImage::id).orElse(null);
            if (!image.id().equals(arrived)) {
                throw new BundleException("The Docker engine did not load " + image.name() + " from " + archive.file()
                        + (arrived == null ? "" : " (it has " + arrived + " under that name, the bundle " + image.id() + ")")
                        + ".");
            }
        }
        return outcomes;
    }
}
