package dev.otellab.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** MVVM kept honest: view models hold no controls; the telemetry core knows nothing of JavaFX. */
@AnalyzeClasses(packages = "dev.otellab", importOptions = {ImportOption.DoNotIncludeTests.class, DoNotIncludeTestJars.class})
class UiArchitectureTest {

    @ArchTest
    static final ArchRule viewModelsUseNoControlsNodesOrStages = noClasses().that().haveSimpleNameEndingWith("ViewModel")
            .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..");

    @ArchTest
    static final ArchRule theTelemetryCoreTheLabEngineAndTheExercisesDoNotKnowTheWindow = noClasses()
            .that().resideInAnyPackage("dev.otellab.telemetry..", "dev.otellab.config..", "dev.otellab.lab..",
                    "dev.otellab.exercises..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "dev.otellab.ui..");

    @ArchTest
    static final ArchRule viewsReachDataOnlyThroughTheQueryPorts = noClasses().that().resideInAPackage("dev.otellab.ui..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.otellab.telemetry.ingest..",
                    "dev.otellab.telemetry.embedded..");
}
