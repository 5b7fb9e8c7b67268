package dev.otellab.installer;

import dev.otellab.config.DataDirectories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RuntimeImageTest {
    @TempDir
    Path dir;

    @Test
    void onlyTheNativeLibrariesAtTheTopOfAJavafxJarAreCopied() throws IOException {
        Path jar = jar(dir.resolve("javafx-graphics-linux.jar"), "libglass.so", "javafx/scene/Node.class", "native/libother.so", "glass.dll");
        Path lib = Files.createDirectories(dir.resolve("runtime/lib"));

        List<String> copied = RuntimeImage.copyNativeLibraries(jar, lib);

        assertThat(copied).containsExactlyInAnyOrder("libglass.so", "glass.dll");
        assertThat(lib.resolve("libglass.so")).hasContent("libglass.so");
        assertThat(lib.resolve("libother.so")).doesNotExist();
    }

    @Test
    void nativeLibrariesGoWhereTheRuntimeKeepsItsOwn() throws IOException {
        Path linux = Files.createDirectories(dir.resolve("linux/bin"));
        Files.writeString(linux.resolve("java"), "");
        Path windows = Files.createDirectories(dir.resolve("windows/bin"));
        Files.writeString(windows.resolve("java.dll"), "");

        assertThat(RuntimeImage.nativeLibraryDir(dir.resolve("linux"))).isEqualTo(dir.resolve("linux/lib"));
        assertThat(RuntimeImage.nativeLibraryDir(dir.resolve("windows"))).isEqualTo(windows);
    }

    @Test
    void theEmptyPlaceholderJarsOfJavafxAreSkipped() throws IOException {
        Path modular = jar(dir.resolve("javafx/javafx-base-21-linux.jar"), "module-info.class", "javafx/beans/Observable.class");
        jar(dir.resolve("javafx/javafx-base-21.jar"), "META-INF/MANIFEST.MF");

        assertThat(RuntimeImage.modularJars(dir.resolve("javafx"))).containsExactly(modular);
        assertThatThrownBy(() -> RuntimeImage.modularJars(Files.createDirectories(dir.resolve("empty"))))
                .hasMessageContaining("No modular JavaFX jar");
    }

    @Test
    void jdepsFindsTheJdkModulesTheConsolesClassesUse() throws Exception {
        Path coreClasses = Path.of(DataDirectories.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        // the window's classes are a main jar of their own: the CLI reaches them through ServiceLoader
        Path windowClasses = Path.of(Class.forName("dev.otellab.ui.StartupReport")
                .getProtectionDomain().getCodeSource().getLocation().toURI());

        List<String> modules = RuntimeImage.jdkModulesUsedBy(List.of(coreClasses, windowClasses), List.of());

        assertThat(modules).contains("java.base", "java.sql", "java.management").allMatch(name -> name.startsWith("java") || name.startsWith("jdk"));
    }

    private static Path jar(Path path, String... entries) throws IOException {
        Files.createDirectories(path.getParent());
        try (OutputStream file = Files.newOutputStream(path); ZipOutputStream zip = new ZipOutputStream(file)) {
            for (String entry : entries) {
                zip.putNextEntry(new ZipEntry(entry));
                zip.write(entry.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return path;
    }
}
