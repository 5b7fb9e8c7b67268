package dev.otellab.bundle;

import dev.otellab.lab.docker.compose.ComposeFileException;
import dev.otellab.lab.docker.engine.DockerEngine;
import dev.otellab.lab.docker.images.LocalImages;
import dev.otellab.lab.docker.stack.StackException;
import dev.otellab.lab.docker.StackImages;
import dev.otellab.lab.docker.stack.StackListener;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Writes an offline bundle: each group of images as one gzip-compressed `docker save` archive,
 * then manifest.json with every archive's size and SHA-256. The bundle is written to a temporary
 * file beside the target and moved into place only when complete, so no half-written bundle ever
 * has the final name; a failure or an interrupt removes the temporary file.
 */
public final class BundleExporter {
    private final DockerEngine engine;
    private final LocalImages images;
    private final String consoleVersion;

    public BundleExporter(DockerEngine engine, String consoleVersion) {
        this.engine = engine;
        this.images = new LocalImages(engine);
        this.consoleVersion = consoleVersion;
    }

    /**
     * Exports every image the Docker lab's Start needs: pulls what is missing, builds lab-backend's
     * image unless it is current (as Start would), then writes the bundle.
     */
    public BundleManifest exportStack(StackImages stack, Path file, BundleProgressListener listener)
            throws BundleException, InterruptedException {
        try {
            stack.ensurePresent(engine, new StepsOnly(listener));
            return export(BundleContents.of(stack.images()), file, listener);
        } catch (StackException e) {
            throw new BundleException("Cannot export the lab's images: " + e.getMessage(), e);
        } catch (ComposeFileException e) {
            throw new BundleException(e.getMessage(), e);
        }
    }

    /** Writes the given images (all must be on this engine, named repository:tag) into {@code file}. */
    public BundleManifest export(BundleContents contents, Path file, BundleProgressListener listener)
            throws BundleException, InterruptedException {
        List<List<BundleImage>> described = new ArrayList<>();
        for (BundleContents.Group group : contents.groups()) {
            described.add(describe(group));
        }
        Path target = file.toAbsolutePath();
        Path temporary = createTemporary(target);
        try {
            BundleManifest manifest;
            try (BundleWriter writer = new BundleWriter(temporary)) {
                List<BundleArchive> archives = new ArrayList<>();
                for (int index = 0; index < described.size(); index++) {
                    archives.add(writeArchive(writer, index, described.get(index), listener));
                }
                manifest = new BundleManifest(BundleManifest.FORMAT_VERSION, Instant.now(), consoleVersion, archives);
                BundleWriter.Entry entry = writer.begin(BundleManifest.ENTRY_NAME);
                entry.data().write(manifest.toJson());
                entry.finish();
                writer.finish();
            }
            moveIntoPlace(temporary, target);
            listener.step("Wrote " + target + " (" + Files.size(target) + " bytes, " + manifest.images().size() + " images)");
            return manifest;
        } catch (InterruptedIOException e) {
            Thread.interrupted();
            throw new InterruptedException("export cancelled");
        } catch (IOException e) {
            throw new BundleException("Cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(temporary);
        }
    }

    private List<BundleImage> describe(BundleContents.Group group) throws BundleException {
        List<BundleImage> described = new ArrayList<>();
        for (BundleContents.Item item : group.items()) {
            if (item.image().contains("@")) {
                throw new BundleException("Image " + item.image() + " (" + item.purpose() + ") is pinned by digest: "
                        + "`docker load` restores names with tags only, so the lab could not find it after an import. "
                        + "Pin it by tag (or override it) to bundle it.");
            }
            LocalImages.LocalImage local = images.find(item.image()).orElseThrow(() -> new BundleException(
                    "Image " + item.image() + " (" + item.purpose() + ") is not on this machine: pull or build it first."));
            described.add(new BundleImage(item.image(), local.id(), local.size(), item.purpose()));
        }
        return described;
    }

    private BundleArchive writeArchive(BundleWriter writer, int index, List<BundleImage> group,
                                       BundleProgressListener listener) throws BundleException, IOException {
        List<String> names = group.stream().map(BundleImage::name).toList();
        String file = String.format(Locale.ROOT, "images/%02d-%s.tar.gz", index + 1, slug(names.get(0)));
        // a group is an image and its base: the archive holds about the largest one's layers
        long expected = group.stream().mapToLong(BundleImage::size).max().orElse(0);
        listener.step("Saving " + String.join(" and ", names));
        BundleWriter.Entry entry = writer.begin(file);
        MessageDigest digest = sha256();
        try (InputStream saved = images.save(names);
             MeteredInputStream metered = new MeteredInputStream(saved, bytes -> listener.progress(
                     new BundleProgress(BundleProgress.Phase.SAVING, file, names, bytes, expected)))) {
            GZIPOutputStream gzip = new FastGzip(new DigestOutputStream(entry.data(), digest));
            metered.transferTo(gzip);
            gzip.finish();
            metered.drain();
        } catch (StackException e) {
            throw new BundleException(e.getMessage(), e);
        }
        long size = entry.finish();
        return new BundleArchive(file, size, HexFormat.of().formatHex(digest.digest()), group);
    }

    /** The archive's entry name from its first image: "grafana/tempo:2.7.2" -> "grafana-tempo-2.7.2". */
    static String slug(String image) {
        String slug = image.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^[-.]+", "");
        return slug.length() > 60 ? slug.substring(0, 60) : slug;
    }

    private static Path createTemporary(Path target) throws BundleException {
        Path folder = target.getParent();
        try {
            Files.createDirectories(folder);
            Path temporary = Files.createTempFile(folder, "." + target.getFileName() + ".", ".partial");
            if (folder.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                // a temporary file is private; the bundle is made to be copied and shared
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-r--r--"));
            }
            return temporary;
        } catch (IOException e) {
            throw new BundleException("Cannot write into " + folder + ": " + e.getMessage(), e);
        }
    }

    private static void moveIntoPlace(Path temporary, Path target) throws IOException {
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover hidden .partial file is harmless and names itself
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Image layers are mostly binaries: the fastest level keeps most of the gain at a fraction of the time. */
    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(OutputStream out) throws IOException {
            super(out, 64 * 1024);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }

    /** Pull and build steps of {@link StackImages#ensurePresent} as the bundle's steps. */
    private record StepsOnly(BundleProgressListener listener) implements StackListener {
        @Override
        public void step(String message) {
            listener.step(message);
        }

        @Override
        public void buildOutput(String line) {
            listener.step("  " + line);
        }
    }
}
