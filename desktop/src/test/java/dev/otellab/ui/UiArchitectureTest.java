package dev.otellab.ui;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** MVVM kept honest: view models hold no controls; the telemetry core knows nothing of JavaFX. */
class UiArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.otellab");

    @Test
    void viewModelsUseNoControlsNodesOrStages() {
        noClasses().that().haveSimpleNameEndingWith("ViewModel")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..")
                .check(CLASSES);
    }

    @Test
    void theTelemetryCoreTheLabEngineAndTheExercisesDoNotKnowTheWindow() {
        noClasses().that().resideInAnyPackage("dev.otellab.telemetry..", "dev.otellab.config..", "dev.otellab.lab..",
                        "dev.otellab.training..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "dev.otellab.ui..")
                .check(CLASSES);
    }

    @Test
    void viewsReachDataOnlyThroughTheQueryPorts() {
        noClasses().that().resideInAPackage("dev.otellab.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.otellab.telemetry.ingest..", "dev.otellab.telemetry.embedded..")
                .check(CLASSES);
    }
}
