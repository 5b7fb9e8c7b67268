package dev.otellab.cli;

import dev.otellab.bundle.BundleExporter;
import dev.otellab.bundle.BundleManifest;
import dev.otellab.lab.docker.compose.ComposeFileException;
import dev.otellab.lab.docker.StackImages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code lab-console bundle export FILE}: every image the Docker lab needs, in one file. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Save every image the Docker lab's Start needs (pulled or built first when missing) into FILE.",
                "Run it on a machine with a network, with the same stack settings the classroom will use."})
final class BundleExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DockerStackOptions stack;

    @Parameters(paramLabel = "FILE", description = "The bundle to write (replaced only once the new one is complete).")
    Path file;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        StackImages images;
        try {
            images = StackImages.of(stack.settings());
        } catch (ComposeFileException | IllegalArgumentException e) {
            return BundleWork.fail(err, e.getMessage());
        }
        BundleOutput output = new BundleOutput(out);
        return BundleWork.onEngine(err, engine -> {
            BundleManifest manifest = new BundleExporter(engine, LabConsole.versionText()).exportStack(images, file, output);
            output.manifest(manifest);
            return 0;
        });
    }
}
