package dev.otellab.cli;

import dev.otellab.bundle.BundleImage;
import dev.otellab.bundle.BundleManifest;
import dev.otellab.bundle.BundleProgress;
import dev.otellab.bundle.BundleProgressListener;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** How the bundle commands print: steps, progress in tenths, sizes in MB, one line per image. */
final class BundleOutput implements BundleProgressListener {
    private static final long UNKNOWN_STEP = 100L << 20;

    private final PrintWriter out;
    private String archive;
    private BundleProgress.Phase phase;
    private long lastShown;

    BundleOutput(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void step(String message) {
        out.println(message);
        out.flush();
    }

    /** A line when an archive passes each tenth (or each 100 MB when its size is unknown). */
    @Override
    public void progress(BundleProgress progress) {
        if (!progress.archive().equals(archive) || progress.phase() != phase) {
            archive = progress.archive();
            phase = progress.phase();
            lastShown = 0;
        }
        long step = progress.expectedBytes() > 0 ? Math.max(1, progress.expectedBytes() / 10) : UNKNOWN_STEP;
        if (progress.bytes() / step > lastShown / step) {
            lastShown = progress.bytes();
            out.printf(Locale.ROOT, "  %s %s: %s%s%n", phase.name().toLowerCase(Locale.ROOT), progress.archive(),
                    megabytes(progress.bytes()),
                    progress.fraction() < 0 ? "" : String.format(Locale.ROOT, " (%.0f %%)", progress.fraction() * 100));
            out.flush();
        }
    }

    void manifest(BundleManifest manifest) {
        out.printf(Locale.ROOT, "Bundle format %d, made %s by lab-console %s: %d images in %d archives, %s%n",
                manifest.formatVersion(), manifest.created(), manifest.consoleVersion(), manifest.images().size(),
                manifest.archives().size(), megabytes(manifest.storedBytes()));
        TextTable table = new TextTable(List.of("IMAGE", "ID", "SIZE", "ARCHIVE", "FOR"), false, false, true);
        manifest.archives().forEach(archive -> archive.images().forEach(image ->
                table.row(image.name(), shortId(image), megabytes(image.size()), archive.file(), image.purpose())));
        table.print(out);
        out.flush();
    }

    static String shortId(BundleImage image) {
        String id = image.id().replaceFirst("^sha256:", "");
        return id.length() > 12 ? id.substring(0, 12) : id;
    }

    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1_000_000.0);
    }
}
