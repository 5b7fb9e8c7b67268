package dev.otellab.config;

import dev.otellab.config.BundledFiles.Item;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class BundledFilesTest {
    @TempDir
    Path dir;

    @Test
    void anInstalledLinuxAppFindsItsFilesInItsOwnAppFolderBeforeACheckout() throws IOException {
        Path root = dir.resolve("opt/lab-console");
        Path launcher = file(root.resolve("bin/lab-console"));
        Path appFolder = Files.createDirectories(root.resolve("lib/app"));
        file(appFolder.resolve("lab-backend.jar"));
        Files.createDirectories(appFolder.resolve("stack"));
        Path checkout = checkoutWithFiles(dir.resolve("repo"));

        BundledFiles bundled = BundledFiles.of(Optional.of(launcher), Optional.of(appFolder.resolve("lab-console.jar")), checkout);

        assertThat(bundled.locate(Item.LAB_BACKEND_JAR)).isEqualTo(appFolder.resolve("lab-backend.jar"));
        assertThat(bundled.locate(Item.STACK)).isEqualTo(appFolder.resolve("stack"));
    }

    @Test
    void windowsAndMacAppFoldersAreFoundFromTheirLaunchers() throws IOException {
        Path windowsRoot = dir.resolve("Program Files/lab-console");
        Path windowsApp = Files.createDirectories(windowsRoot.resolve("app"));
        Path macContents = dir.resolve("lab-console.app/Contents");
        Path macApp = Files.createDirectories(macContents.resolve("app"));

        assertThat(BundledFiles.appFolderOf(file(windowsRoot.resolve("lab-console.exe")))).contains(windowsApp);
        assertThat(BundledFiles.appFolderOf(file(macContents.resolve("MacOS/lab-console")))).contains(macApp);
    }

    @Test
    void aCheckoutFindsTheBuiltBackendJarAndTheRepositoryFoldersFromDesktopTarget() throws IOException {
        Path checkout = checkoutWithFiles(dir.resolve("repo"));
        Path classes = Files.createDirectories(checkout.resolve("desktop/target/classes"));

        BundledFiles bundled = BundledFiles.of(Optional.empty(), Optional.of(classes), dir.resolve("elsewhere"));

        assertThat(bundled.locate(Item.LAB_BACKEND_JAR)).isEqualTo(checkout.resolve("lab-backend/target/lab-backend.jar"));
        assertThat(bundled.locate(Item.GRAFANA)).isEqualTo(checkout.resolve("grafana"));
    }

    @Test
    void aCheckoutFindsTheRepositoryFoldersFromAModulesClassesInDesktop() throws IOException {
        Path checkout = checkoutWithFiles(dir.resolve("repo"));
        Path classes = Files.createDirectories(checkout.resolve("desktop/core/target/classes"));

        BundledFiles bundled = BundledFiles.of(Optional.empty(), Optional.of(classes), dir.resolve("elsewhere"));

        assertThat(bundled.locate(Item.LAB_BACKEND_JAR)).isEqualTo(checkout.resolve("lab-backend/target/lab-backend.jar"));
        assertThat(bundled.locate(Item.STACK)).isEqualTo(checkout.resolve("stack"));
    }

    @Test
    void whenNothingExistsTheInstalledPlaceIsNamedFirstAndTheCurrentFolderIsTriedLast() throws IOException {
        Path root = dir.resolve("opt/lab-console");
        Path launcher = file(root.resolve("bin/lab-console"));
        Path appFolder = Files.createDirectories(root.resolve("lib/app"));
        Path workingDir = dir.resolve("work");

        BundledFiles bundled = BundledFiles.of(Optional.of(launcher), Optional.empty(), workingDir);

        assertThat(bundled.locate(Item.STACK)).isEqualTo(appFolder.resolve("stack"));
        assertThat(bundled.candidates(Item.STACK)).last().isEqualTo(workingDir.resolve("stack"));
    }

    private static Path checkoutWithFiles(Path checkout) throws IOException {
        file(checkout.resolve("lab-backend/target/lab-backend.jar"));
        Files.createDirectories(checkout.resolve("stack"));
        Files.createDirectories(checkout.resolve("grafana"));
        return checkout;
    }

    private static Path file(Path path) throws IOException {
        Files.createDirectories(path.getParent());
        return Files.writeString(path, "");
    }
}
