package dev.otellab.cli;

import dev.otellab.bundle.BundleImportReport;
import dev.otellab.bundle.BundleImporter;
import dev.otellab.lab.docker.compose.ComposeFileException;
import dev.otellab.lab.docker.engine.DockerEngine;
import dev.otellab.lab.docker.images.LocalImages;
import dev.otellab.lab.docker.stack.StackException;
import dev.otellab.lab.docker.StackImages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code lab-console bundle import FILE}: checks a bundle whole, then loads its images. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Check every checksum of FILE, then load its images into the Docker engine.",
                "A damaged or incomplete bundle is rejected before anything is loaded.",
                "Then says whether the Docker lab (same stack settings as export) can start with no network."})
final class BundleImportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DockerStackOptions stack;

    @Parameters(paramLabel = "FILE", description = "The bundle made by 'lab-console bundle export'.")
    Path file;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        BundleOutput output = new BundleOutput(out);
        return BundleWork.onEngine(spec.commandLine().getErr(), engine -> {
            BundleImportReport report = new BundleImporter(engine).importBundle(file, output);
            TextTable table = new TextTable(List.of("RESULT", "IMAGE", "ID", "SIZE"), false, false, false, true);
            report.images().forEach(imported -> table.row(label(imported.outcome()), imported.image().name(),
                    BundleOutput.shortId(imported.image()), BundleOutput.megabytes(imported.image().size())));
            table.print(out);
            out.printf(Locale.ROOT, "%d loaded, %d replaced, %d already here.%n",
                    report.count(BundleImportReport.Outcome.LOADED), report.count(BundleImportReport.Outcome.REPLACED),
                    report.count(BundleImportReport.Outcome.ALREADY_PRESENT));
            out.println(readiness(engine));
            out.flush();
            return 0;
        });
    }

    private static String label(BundleImportReport.Outcome outcome) {
        return switch (outcome) {
            case LOADED -> "loaded";
            case REPLACED -> "replaced";
            case ALREADY_PRESENT -> "already here";
        };
    }

    /** Whether the Docker lab's Start will find everything it needs here. */
    private String readiness(DockerEngine engine) {
        try {
            StackImages images = StackImages.of(stack.settings());
            List<String> missing = images.missingOn(new LocalImages(engine));
            if (!missing.isEmpty()) {
                return "The Docker lab still needs " + String.join(", ", missing)
                        + ": export the bundle with the same stack settings (--image, JRE_BASE, LAB_BACKEND_IMAGE) as here.";
            }
            if (!images.builtImagesCurrentOn(engine)) {
                return "The Docker lab can start with no network: lab-backend's image comes from another lab-backend jar, "
                        + "so Start rebuilds it once, from the bundled base image.";
            }
            return "The Docker lab can start with no network: every image it needs is here.";
        } catch (ComposeFileException | StackException | IllegalArgumentException e) {
            return "Could not check the Docker lab's images: " + e.getMessage();
        }
    }
}
