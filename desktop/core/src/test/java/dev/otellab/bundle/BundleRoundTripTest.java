package dev.otellab.bundle;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Export, remove, import on the real engine, and bundles that must be rejected before anything loads. */
class BundleRoundTripTest {
    @TempDir
    Path dir;

    private TestImages images;
    private String first;
    private String second;
    private String third;
    private Map<String, String> ids;
    private final List<BundleProgress> progress = new CopyOnWriteArrayList<>();
    private final BundleProgressListener recording = new BundleProgressListener() {
        @Override
        public void progress(BundleProgress update) {
            progress.add(update);
        }
    };

    @BeforeEach
    void setUp() throws IOException {
        images = TestImages.onEngine();
        first = images.tiny("first", 2048);
        second = images.tiny("second", 64);
        third = images.tiny("third", 64);
        ids = Stream.of(first, second, third).collect(Collectors.toMap(image -> image, image -> images.id(image).orElseThrow()));
    }

    @AfterEach
    void tearDown() {
        if (images != null) {
            images.close();
        }
    }

    private BundleContents contents() {
        return new BundleContents(List.of(
                new BundleContents.Group(List.of(new BundleContents.Item(first, "service one"))),
                new BundleContents.Group(List.of(new BundleContents.Item(second, "service two"),
                        new BundleContents.Item(third, "base of two")))));
    }

    private Path exported() throws Exception {
        Path bundle = dir.resolve("lab.bundle");
        new BundleExporter(images.engine, "test").export(contents(), bundle, recording);
        return bundle;
    }

    private void removeAll() {
        Stream.of(first, second, third).forEach(images::remove);
        assertThat(Stream.of(first, second, third).map(images::id)).allMatch(java.util.Optional::isEmpty);
    }

    @Test
    void exportRemoveImportBringsBackTheSameImages() throws Exception {
        Path bundle = exported();

        BundleManifest manifest = BundleImporter.inspect(bundle);
        assertThat(manifest.consoleVersion()).isEqualTo("test");
        assertThat(manifest.archives()).hasSize(2);
        assertThat(manifest.images()).extracting(BundleImage::name).containsExactly(first, second, third);
        assertThat(manifest.images()).allSatisfy(image -> assertThat(image.id()).isEqualTo(ids.get(image.name())));
        assertThat(manifest.archives().get(0).images().get(0).size()).isGreaterThan(2_000_000);
        assertThat(progress).anyMatch(update -> update.phase() == BundleProgress.Phase.SAVING
                && update.images().equals(List.of(first)) && update.bytes() > 2_000_000);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(bundle);
        }
        try (TarFile tar = new TarFile(bundle)) {
            assertThat(tar.getEntries()).extracting(TarArchiveEntry::getName).containsExactly(
                    manifest.archives().get(0).file(), manifest.archives().get(1).file(), BundleManifest.ENTRY_NAME);
        }

        removeAll();
        progress.clear();
        BundleImportReport report = new BundleImporter(images.engine).importBundle(bundle, recording);

        assertThat(report.images()).extracting(BundleImportReport.ImportedImage::outcome)
                .containsOnly(BundleImportReport.Outcome.LOADED);
        assertThat(Stream.of(first, second, third)).allSatisfy(image ->
                assertThat(images.id(image)).contains(ids.get(image)));
        assertThat(progress).anyMatch(update -> update.phase() == BundleProgress.Phase.VERIFYING);
        assertThat(progress).anyMatch(update -> update.phase() == BundleProgress.Phase.LOADING
                && update.bytes() == update.expectedBytes());

        BundleImportReport again = new BundleImporter(images.engine).importBundle(bundle, BundleProgressListener.NONE);
        assertThat(again.images()).extracting(BundleImportReport.ImportedImage::outcome)
                .containsOnly(BundleImportReport.Outcome.ALREADY_PRESENT);
    }

    @Test
    void anotherImageUnderTheSameNameIsReplaced() throws Exception {
        Path bundle = exported();
        images.remove(first);
        images.client.tagImageCmd(second, first.substring(0, first.lastIndexOf(':')), "1").exec();

        BundleImportReport report = new BundleImporter(images.engine).importBundle(bundle, BundleProgressListener.NONE);

        assertThat(report.images()).filteredOn(image -> image.image().name().equals(first))
                .extracting(BundleImportReport.ImportedImage::outcome).containsExactly(BundleImportReport.Outcome.REPLACED);
        assertThat(images.id(first)).contains(ids.get(first));
    }

    @Test
    void aTruncatedBundleIsRejectedAndNothingIsLoaded() throws Exception {
        Path bundle = exported();
        removeAll();
        for (long length : new long[] {Files.size(bundle) - 700, Files.size(bundle) / 2, 700}) {
            Path cut = dir.resolve("cut-" + length + ".bundle");
            Files.copy(bundle, cut);
            try (RandomAccessFile file = new RandomAccessFile(cut.toFile(), "rw")) {
                file.setLength(length);
            }

            assertThatThrownBy(() -> new BundleImporter(images.engine).importBundle(cut, BundleProgressListener.NONE))
                    .isInstanceOf(BundleException.class)
                    .hasMessageStartingWith(cut.toString())
                    .hasMessageContainingAll("incomplete", "cut short");
            assertThat(Stream.of(first, second, third).map(images::id)).allMatch(java.util.Optional::isEmpty);
        }
    }

    @Test
    void aChangedByteInsideAnImageArchiveIsRejectedAndNothingIsLoaded() throws Exception {
        Path bundle = exported();
        BundleArchive last = BundleImporter.inspect(bundle).archives().get(1);
        removeAll();
        long offset;
        try (TarFile tar = new TarFile(bundle)) {
            offset = tar.getEntries().stream().filter(entry -> entry.getName().equals(last.file())).findFirst()
                    .orElseThrow().getDataOffset() + last.size() / 2;
        }
        try (RandomAccessFile file = new RandomAccessFile(bundle.toFile(), "rw")) {
            file.seek(offset);
            int original = file.read();
            file.seek(offset);
            file.write(original ^ 0x01);
        }

        assertThatThrownBy(() -> new BundleImporter(images.engine).importBundle(bundle, BundleProgressListener.NONE))
                .isInstanceOf(BundleException.class)
                .hasMessageContainingAll("is damaged", "checksum of " + last.file(), second, "Nothing was loaded");
        assertThat(Stream.of(first, second, third).map(images::id)).allMatch(java.util.Optional::isEmpty);
    }

    @Test
    void aMissingImageIsNamedAndNoFileIsWritten() {
        String missing = images.prefix + "/never-built:1";
        BundleContents contents = BundleContents.separately(List.of(
                new BundleContents.Item(first, "service one"), new BundleContents.Item(missing, "service ghost")));

        assertThatThrownBy(() -> new BundleExporter(images.engine, "test").export(contents, dir.resolve("x.bundle"),
                BundleProgressListener.NONE))
                .isInstanceOf(BundleException.class)
                .hasMessage("Image " + missing + " (service ghost) is not on this machine: pull or build it first.");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void cancellingAnExportLeavesNoFileAndKeepsTheOldBundle() throws Exception {
        Path bundle = dir.resolve("lab.bundle");
        Files.writeString(bundle, "the previous bundle");
        BundleProgressListener cancelling = new BundleProgressListener() {
            @Override
            public void progress(BundleProgress update) {
                Thread.currentThread().interrupt();
            }
        };

        assertThatThrownBy(() -> new BundleExporter(images.engine, "test").export(contents(), bundle, cancelling))
                .isInstanceOf(InterruptedException.class);
        Thread.interrupted();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(bundle);
        }
        assertThat(bundle).hasContent("the previous bundle");
    }

    @Test
    void cancellingAnImportWhileVerifyingLoadsNothing() throws Exception {
        Path bundle = exported();
        removeAll();
        BundleProgressListener cancelling = new BundleProgressListener() {
            @Override
            public void progress(BundleProgress update) {
                Thread.currentThread().interrupt();
            }
        };

        assertThatThrownBy(() -> new BundleImporter(images.engine).importBundle(bundle, cancelling))
                .isInstanceOf(InterruptedException.class);
        Thread.interrupted();
        assertThat(Stream.of(first, second, third).map(images::id)).allMatch(java.util.Optional::isEmpty);
    }
}
