package dev.otellab.ui.lab;

import dev.otellab.lab.LabMode;
import dev.otellab.ui.lab.FakeLabEngine.FakeStack;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;

/** The Lab view's offline image bundle export and import, without a screen. */
class ImageBundlesViewModelTest {
    @RegisterExtension
    final LabFixture lab = new LabFixture(new FakeLabEngine(LabMode.DOCKER));
    private final FakeLabEngine engine = lab.engine;
    private final FakeStack stack = engine.withStack();

    @Test
    void exportAndImportReportTheirOutcomeAndFreeTheButtonsAfterwards(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        LabViewModel model = lab.direct();
        assertThat(model.bundles().hasBundlesProperty().get()).isTrue();

        model.bundles().exportBundle(dir.resolve("images.tar"));
        assertThat(dir.resolve("images.tar")).exists();
        assertThat(model.bundles().bundleMessageProperty().get()).startsWith("Saved 6 images to ");
        assertThat(model.bundles().bundleProgressProperty().get()).isEqualTo(-1);
        assertThat(model.bundles().stackBusyProperty().get()).isFalse();

        model.bundles().importBundle(dir.resolve("missing.tar"));
        assertThat(model.bundles().bundleMessageProperty().get()).isEqualTo("Failed: " + dir.resolve("missing.tar") + " does not exist");
    }
}
