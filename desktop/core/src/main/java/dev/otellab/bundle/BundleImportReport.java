package dev.otellab.bundle;

import java.util.List;

/** What an import did, image by image. */
public record BundleImportReport(BundleManifest manifest, List<ImportedImage> images) {
    public enum Outcome {
        /** The engine did not have the image: it was loaded. */
        LOADED,
        /** The engine had another image under this name: the bundle's replaced it. */
        REPLACED,
        /** The engine already had this very image (same id): not loaded again. */
        ALREADY_PRESENT
    }

    /** One image of the bundle and what the import did with it. */
    public record ImportedImage(BundleImage image, Outcome outcome) {
    }

    public BundleImportReport {
        images = List.copyOf(images);
    }

    public long count(Outcome outcome) {
        return images.stream().filter(image -> image.outcome() == outcome).count();
    }
}
