package dev.otellab.config;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one place that knows where the files shipped with the console are (lab-backend.jar,
 * stack/, grafana/). They are looked for, in this order:
 * <ol>
 *   <li>in an installed app, its app folder, found from the launcher's path that jpackage's
 *       launcher sets as {@value #APP_PATH_PROPERTY}: {@code <root>/lib/app} on Linux,
 *       {@code <root>/app} on Windows, {@code <bundle>/Contents/app} on macOS;</li>
 *   <li>beside the console's own jar (a copied folder; also the app folder of an installed app);</li>
 *   <li>in a source checkout: the repository above desktop/target (or above a module's target in
 *       desktop/), then the current folder.</li>
 * </ol>
 * Nothing here is ever written: the console writes only to {@link DataDirectories}.
 */
public final class BundledFiles {
    public static final String APP_PATH_PROPERTY = "jpackage.app-path";

    /** A shipped file or folder: its name in an installed app, and its place in a source checkout. */
    public enum Item {
        LAB_BACKEND_JAR("lab-backend.jar", "lab-backend/target/lab-backend.jar"),
        STACK("stack", "stack"),
        GRAFANA("grafana", "grafana");

        private final String installedName;
        private final String checkoutPath;

        Item(String installedName, String checkoutPath) {
            this.installedName = installedName;
            this.checkoutPath = checkoutPath;
        }
    }

    private final List<Path> appFolders;
    private final List<Path> checkoutRoots;

    BundledFiles(List<Path> appFolders, List<Path> checkoutRoots) {
        this.appFolders = List.copyOf(appFolders);
        this.checkoutRoots = List.copyOf(checkoutRoots);
    }

    /** Where this process finds them: its launcher, its own jar, its current folder. */
    public static BundledFiles forThisProcess() {
        Optional<Path> launcher = Optional.ofNullable(System.getProperty(APP_PATH_PROPERTY))
                .filter(path -> !path.isBlank()).map(Path::of);
        return of(launcher, ownCodeLocation(), Path.of("").toAbsolutePath());
    }

    /**
     * For a launcher (if the app was installed), the location the console's classes were
     * loaded from (a jar, or a classes folder) and the current folder.
     */
    static BundledFiles of(Optional<Path> launcher, Optional<Path> codeLocation, Path workingDir) {
        List<Path> appFolders = new ArrayList<>();
        launcher.flatMap(BundledFiles::appFolderOf).ifPresent(appFolders::add);
        List<Path> checkoutRoots = new ArrayList<>();
        codeLocation.map(Path::getParent).ifPresent(folder -> {
            appFolders.add(folder);
            // desktop/target/lab-console.jar: the repository is two levels up;
            // desktop/<module>/target/classes (a run from the IDE or the tests): three levels up
            if (folder.getFileName() != null && folder.getFileName().toString().equals("target") && folder.getParent() != null
                    && folder.getParent().getParent() != null) {
                Path aboveTarget = folder.getParent().getParent();
                checkoutRoots.add(aboveTarget);
                if (aboveTarget.getFileName() != null && aboveTarget.getFileName().toString().equals("desktop")
                        && aboveTarget.getParent() != null) {
                    checkoutRoots.add(aboveTarget.getParent());
                }
            }
        });
        checkoutRoots.add(workingDir);
        return new BundledFiles(appFolders, checkoutRoots);
    }

    /** The folder jpackage put the app's files in, for the path of its launcher. */
    static Optional<Path> appFolderOf(Path launcher) {
        Path launcherFolder = launcher.toAbsolutePath().getParent();
        if (launcherFolder == null) {
            return Optional.empty();
        }
        return List.of(
                        launcherFolder.resolveSibling("lib").resolve("app"), // Linux: bin/lab-console
                        launcherFolder.resolve("app"), // Windows: lab-console.exe
                        launcherFolder.resolveSibling("app")) // macOS: Contents/MacOS/lab-console
                .stream().filter(Files::isDirectory).findFirst();
    }

    /** Every place {@code item} may be, most specific first. */
    public List<Path> candidates(Item item) {
        List<Path> candidates = new ArrayList<>();
        appFolders.forEach(folder -> candidates.add(folder.resolve(item.installedName)));
        checkoutRoots.forEach(root -> candidates.add(root.resolve(item.checkoutPath)));
        return candidates.stream().map(Path::normalize).distinct().toList();
    }

    /** The first place {@code item} exists, or else the most likely one (so an error can name it). */
    public Path locate(Item item) {
        List<Path> candidates = candidates(item);
        return candidates.stream().filter(Files::exists).findFirst().orElse(candidates.get(0));
    }

    private static Optional<Path> ownCodeLocation() {
        try {
            var source = BundledFiles.class.getProtectionDomain().getCodeSource();
            return source == null ? Optional.empty() : Optional.of(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
