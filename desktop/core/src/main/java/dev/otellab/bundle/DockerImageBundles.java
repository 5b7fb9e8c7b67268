package dev.otellab.bundle;

import dev.otellab.lab.ImageBundles;
import dev.otellab.lab.docker.compose.ComposeFileException;
import dev.otellab.lab.docker.engine.DockerEngine;
import dev.otellab.lab.docker.engine.DockerEngineUnavailableException;
import dev.otellab.lab.docker.DockerLabSettings;
import dev.otellab.lab.docker.StackImages;

import java.nio.file.Path;
import java.util.Locale;
import java.util.function.DoubleConsumer;

/** The Docker lab's offline bundle through {@link BundleExporter} and {@link BundleImporter}. */
public final class DockerImageBundles implements ImageBundles {
    private final DockerLabSettings settings;
    private final String consoleVersion;

    public DockerImageBundles(DockerLabSettings settings, String consoleVersion) {
        this.settings = settings;
        this.consoleVersion = consoleVersion;
    }

    @Override
    public Outcome export(Path file, DoubleConsumer progress) throws InterruptedException {
        return onEngine(engine -> {
            BundleManifest manifest = new BundleExporter(engine, consoleVersion)
                    .exportStack(StackImages.of(settings), file, listener(progress));
            return new Outcome(true, String.format(Locale.ROOT, "Saved %d images to %s. Carry it to the classroom and "
                    + "import it there: Docker mode then starts with no network.", manifest.images().size(), file));
        });
    }

    @Override
    public Outcome importFrom(Path file, DoubleConsumer progress) throws InterruptedException {
        return onEngine(engine -> {
            BundleImportReport report = new BundleImporter(engine).importBundle(file, listener(progress));
            return new Outcome(true, String.format(Locale.ROOT, "Checked and loaded %s: %d images loaded, %d already here, "
                            + "%d replaced.", file.getFileName(), report.count(BundleImportReport.Outcome.LOADED),
                    report.count(BundleImportReport.Outcome.ALREADY_PRESENT), report.count(BundleImportReport.Outcome.REPLACED)));
        });
    }

    private interface Work {
        Outcome run(DockerEngine engine) throws BundleException, ComposeFileException, InterruptedException;
    }

    private Outcome onEngine(Work work) throws InterruptedException {
        DockerEngine engine;
        try {
            engine = settings.locator().locate();
        } catch (DockerEngineUnavailableException e) {
            return new Outcome(false, e.getMessage());
        }
        try (engine) {
            return work.run(engine);
        } catch (BundleException | ComposeFileException e) {
            return new Outcome(false, e.getMessage());
        }
    }

    private static BundleProgressListener listener(DoubleConsumer progress) {
        return new BundleProgressListener() {
            @Override
            public void progress(BundleProgress step) {
                progress.accept(step.fraction());
            }
        };
    }
}
