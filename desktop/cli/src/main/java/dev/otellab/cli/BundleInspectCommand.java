package dev.otellab.cli;

import dev.otellab.bundle.BundleException;
import dev.otellab.bundle.BundleImporter;
import dev.otellab.bundle.BundleManifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code lab-console bundle inspect FILE}: what a bundle holds, without an engine. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "List a bundle's images (name, id, size, what for); --verify also checks every checksum.")
final class BundleInspectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The bundle to read.")
    Path file;

    @Option(names = "--verify", description = "Read the whole bundle and check every archive's SHA-256.")
    boolean verify;

    @Override
    public Integer call() throws InterruptedException {
        BundleOutput output = new BundleOutput(spec.commandLine().getOut());
        try {
            BundleManifest manifest = verify ? BundleImporter.verify(file, output) : BundleImporter.inspect(file);
            output.manifest(manifest);
            if (verify) {
                output.step("Every checksum matches.");
            }
            return 0;
        } catch (BundleException e) {
            return BundleWork.fail(spec.commandLine().getErr(), e.getMessage());
        }
    }
}
