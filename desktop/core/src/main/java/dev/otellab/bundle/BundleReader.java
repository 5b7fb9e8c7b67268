package dev.otellab.bundle;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Opens a bundle and checks it without any engine: the manifest first (present, this format and
 * version), then that every archive it names is there with its size, then (in {@link #verify})
 * every archive's SHA-256. A bundle that passes is complete and unaltered.
 */
final class BundleReader implements AutoCloseable {
    private static final long MANIFEST_LIMIT = 1 << 20;
    private static final int BLOCK = 512;

    private final String source;
    private final TarFile tar;
    private final BundleManifest manifest;
    private final Map<String, TarArchiveEntry> entries = new HashMap<>();

    private BundleReader(Path file) throws BundleException {
        this.source = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new BundleException(source + (Files.exists(file) ? " is not a file." : " does not exist."));
        }
        try {
            tar = new TarFile(file);
        } catch (NoSuchFileException e) {
            throw new BundleException(source + " does not exist.");
        } catch (IOException | RuntimeException e) {
            if (startsLikeTar(file)) {
                throw incomplete("its tar structure breaks off (" + e.getMessage() + ")");
            }
            throw new BundleException(source + " is not an OTel lab bundle (not a tar file).");
        }
        try {
            tar.getEntries().forEach(entry -> entries.put(entry.getName(), entry));
            manifest = readManifest();
            checkEnd(file);
            checkSizes();
        } catch (BundleException e) {
            closeQuietly();
            throw e;
        }
    }

    /** Reads and checks the manifest and the archives' presence and sizes (fast: no archive is read). */
    static BundleReader open(Path file) throws BundleException {
        return new BundleReader(file);
    }

    String source() {
        return source;
    }

    BundleManifest manifest() {
        return manifest;
    }

    /** Reads every archive and compares its SHA-256 with the manifest's; the first mismatch is the error. */
    void verify(BundleProgressListener listener) throws BundleException, InterruptedException {
        for (BundleArchive archive : manifest.archives()) {
            List<String> names = archive.images().stream().map(BundleImage::name).toList();
            try (MeteredInputStream in = new MeteredInputStream(open(archive), bytes -> listener.progress(
                    new BundleProgress(BundleProgress.Phase.VERIFYING, archive.file(), names, bytes, archive.size())))) {
                in.drain();
                if (in.bytes() != archive.size()) {
                    throw damaged(archive.file() + " has " + in.bytes() + " bytes, the manifest says " + archive.size());
                }
                if (!in.sha256().equals(archive.sha256())) {
                    throw damaged("the checksum of " + archive.file() + " (" + String.join(", ", names)
                            + ") does not match: the file was changed or damaged after it was written");
                }
            } catch (InterruptedIOException e) {
                Thread.interrupted();
                throw new InterruptedException("import cancelled");
            } catch (IOException e) {
                throw damaged("cannot read " + archive.file() + ": " + e.getMessage());
            }
        }
    }

    /** The stored bytes of one archive, as written (gzip). */
    InputStream open(BundleArchive archive) throws IOException {
        return tar.getInputStream(entries.get(archive.file()));
    }

    private BundleManifest readManifest() throws BundleException {
        TarArchiveEntry entry = entries.get(BundleManifest.ENTRY_NAME);
        if (entry == null) {
            if (entries.keySet().stream().anyMatch(name -> name.startsWith("images/"))) {
                throw incomplete("it has no manifest.json (the bundle's last entry)");
            }
            throw new BundleException(source + " is not an OTel lab bundle: it has no manifest.json.");
        }
        if (entry.getSize() > MANIFEST_LIMIT) {
            throw new BundleException(source + " is not an OTel lab bundle: its manifest.json is too large.");
        }
        try (InputStream in = tar.getInputStream(entry)) {
            byte[] json = in.readAllBytes();
            if (json.length != entry.getSize()) {
                throw damaged("manifest.json is cut short");
            }
            return BundleManifest.parse(json, source);
        } catch (IOException e) {
            throw damaged("cannot read manifest.json: " + e.getMessage());
        }
    }

    /** The manifest is followed by the tar's end marker: a file cut inside that marker is incomplete too. */
    private void checkEnd(Path file) throws BundleException {
        TarArchiveEntry last = entries.get(BundleManifest.ENTRY_NAME);
        long end = last.getDataOffset() + (last.getSize() + BLOCK - 1) / BLOCK * BLOCK + 2 * BLOCK;
        try {
            if (Files.size(file) < end) {
                throw incomplete("it ends inside the tar's end marker");
            }
        } catch (IOException e) {
            throw new BundleException("Cannot read " + source + ": " + e.getMessage(), e);
        }
    }

    /** The "ustar" magic of a tar header in the first block. */
    private static boolean startsLikeTar(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] header = in.readNBytes(BLOCK);
            return header.length == BLOCK
                    && new String(header, 257, 5, java.nio.charset.StandardCharsets.US_ASCII).equals("ustar");
        } catch (IOException e) {
            return false;
        }
    }

    private BundleException incomplete(String why) {
        return new BundleException(source + " is incomplete: " + why + ", so it was cut short or not finished."
                + " Nothing was loaded; copy the bundle again.");
    }

    private void checkSizes() throws BundleException {
        for (BundleArchive archive : manifest.archives()) {
            TarArchiveEntry entry = entries.get(archive.file());
            if (entry == null) {
                throw damaged(archive.file() + " is missing");
            }
            if (entry.getSize() != archive.size()) {
                throw damaged(archive.file() + " has " + entry.getSize() + " bytes, the manifest says " + archive.size());
            }
        }
    }

    private BundleException damaged(String problem) {
        return new BundleException(source + " is damaged: " + problem + ". Nothing was loaded; copy the bundle again.");
    }

    @Override
    public void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            tar.close();
        } catch (IOException e) {
            // read-only: nothing to lose
        }
    }
}
