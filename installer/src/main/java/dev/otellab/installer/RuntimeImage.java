package dev.otellab.installer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Build step: the Java runtime the installed app ships. The JDK modules are the ones jdeps
 * finds in the console's and lab-backend's jars plus {@link #RUNTIME_ONLY_MODULES} (found by
 * name at run time, which jdeps cannot see); JavaFX comes from the platform's modular
 * javafx-*.jar files, its native libraries copied where the runtime's own are so JavaFX loads
 * them from there (nothing is unpacked into the user's home). The runtime keeps bin/java: the
 * console starts lab-backend with it. A class data sharing archive of the JDK classes is
 * generated last, which shortens every start.
 *
 * <p>Arguments: OUTPUT_DIR JAVAFX_JAR_DIR LIBRARY_DIR MAIN_JAR...: the main jars (the console's
 * and lab-backend's) are analysed with the library jars on the class path.
 */
public final class RuntimeImage {
    /** Looked up by name at run time: TLS with EC keys, zip file systems, the JDK's HTTP client. */
    static final List<String> RUNTIME_ONLY_MODULES = List.of("jdk.crypto.ec", "jdk.zipfs", "java.net.http", "jdk.charsets");
    private static final List<String> NATIVE_SUFFIXES = List.of(".so", ".dll", ".dylib");

    private RuntimeImage() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 4) {
            System.err.println("usage: RuntimeImage OUTPUT_DIR JAVAFX_JAR_DIR LIBRARY_DIR MAIN_JAR...");
            System.exit(2);
        }
        Path output = Path.of(args[0]);
        List<Path> javafxJars = modularJars(Path.of(args[1]));
        List<Path> libraries = jars(Path.of(args[2]));
        List<Path> mainJars = Arrays.stream(args).skip(3).map(Path::of).toList();
        TreeSet<String> modules = new TreeSet<>(jdkModulesUsedBy(mainJars, libraries));
        modules.addAll(RUNTIME_ONLY_MODULES);
        for (Path jar : javafxJars) {
            modules.add(moduleName(jar));
        }
        System.out.println("Runtime modules: " + String.join(",", modules));
        deleteRecursively(output);
        run("jlink", "--module-path", javafxJars.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator)),
                "--add-modules", String.join(",", modules),
                "--exclude-resources", NATIVE_SUFFIXES.stream().map(suffix -> "glob:/javafx.*/*" + suffix).collect(Collectors.joining(",")),
                "--strip-debug", "--no-header-files", "--no-man-pages",
                "--output", output.toString());
        Path nativeDir = nativeLibraryDir(output);
        for (Path jar : javafxJars) {
            copyNativeLibraries(jar, nativeDir);
        }
        dumpClassDataSharingArchive(output);
    }

    /**
     * The JDK modules the main jars and the library classes they reach need, as jdeps prints
     * them (java.base,java.sql,...). The libraries stay on the class path, as in the app: some
     * are modular jars whose module descriptors name modules the app never loads.
     */
    static List<String> jdkModulesUsedBy(List<Path> mainJars, List<Path> libraries) {
        List<String> arguments = new ArrayList<>(List.of("--ignore-missing-deps", "--multi-release", "17",
                "--recursive", "--print-module-deps"));
        if (!libraries.isEmpty()) {
            arguments.add("--class-path");
            arguments.add(libraries.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator)));
        }
        mainJars.forEach(jar -> arguments.add(jar.toString()));
        String printed = run("jdeps", arguments.toArray(String[]::new)).strip();
        String lastLine = printed.substring(printed.lastIndexOf('\n') + 1);
        return Arrays.stream(lastLine.split(",")).map(String::strip).filter(name -> !name.isEmpty()).toList();
    }

    /** The jar itself, or the .jar files anywhere below a folder. */
    static List<Path> jars(Path location) throws IOException {
        if (Files.isRegularFile(location)) {
            return List.of(location);
        }
        try (Stream<Path> files = Files.walk(location)) {
            return files.filter(file -> file.toString().endsWith(".jar")).sorted().toList();
        }
    }

    /** The javafx jars that are modules (the platform ones; the others are empty placeholders). */
    static List<Path> modularJars(Path dir) throws IOException {
        List<Path> modular = new ArrayList<>();
        for (Path jar : jars(dir)) {
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                if (zip.getEntry("module-info.class") != null) {
                    modular.add(jar);
                }
            }
        }
        if (modular.isEmpty()) {
            throw new IllegalStateException("No modular JavaFX jar in " + dir);
        }
        return modular;
    }

    private static String moduleName(Path jar) {
        return java.lang.module.ModuleFinder.of(jar).findAll().iterator().next().descriptor().name();
    }

    /** Where the runtime keeps its own native libraries: bin on Windows, lib elsewhere. */
    static Path nativeLibraryDir(Path runtime) {
        return Files.exists(runtime.resolve("bin").resolve("java.dll")) ? runtime.resolve("bin") : runtime.resolve("lib");
    }

    /** Copies the native libraries at the top of a javafx jar into {@code dir}; returns their names. */
    static List<String> copyNativeLibraries(Path jar, Path dir) throws IOException {
        List<String> copied = new ArrayList<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : zip.stream().toList()) {
                String name = entry.getName();
                if (!entry.isDirectory() && !name.contains("/") && NATIVE_SUFFIXES.stream().anyMatch(name::endsWith)) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        Files.copy(in, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                    }
                    copied.add(name);
                }
            }
        }
        return copied;
    }

    private static void dumpClassDataSharingArchive(Path runtime) throws IOException, InterruptedException {
        String launcher = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win") ? "java.exe" : "java";
        Process dump = new ProcessBuilder(runtime.resolve("bin").resolve(launcher).toString(), "-Xshare:dump")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!dump.waitFor(5, TimeUnit.MINUTES) || dump.exitValue() != 0) {
            throw new IllegalStateException("java -Xshare:dump failed in " + runtime);
        }
    }

    private static String run(String tool, String... arguments) {
        ToolProvider provider = ToolProvider.findFirst(tool)
                .orElseThrow(() -> new IllegalStateException(tool + " is not in this JDK (" + System.getProperty("java.home") + ")"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = provider.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), arguments);
        if (exit != 0) {
            throw new IllegalStateException(tool + " failed (" + exit + "): " + out.toString(StandardCharsets.UTF_8)
                    + err.toString(StandardCharsets.UTF_8));
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
