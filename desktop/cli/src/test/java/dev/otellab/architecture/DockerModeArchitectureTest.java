package dev.otellab.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

/** Docker mode is an engine behind LabEngine: no JavaFX, no views, no CLI, no child processes. */
@AnalyzeClasses(packages = "dev.otellab", importOptions = {ImportOption.DoNotIncludeTests.class, DoNotIncludeTestJars.class})
class DockerModeArchitectureTest {

    @ArchTest
    static final ArchRule dockerModeKnowsNoUi = noClasses().that().resideInAPackage("dev.otellab.lab.docker..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "dev.otellab.ui..", "dev.otellab.cli..");

    @ArchTest
    static final ArchRule dockerModeDoesNotShellOut = noClasses().that().resideInAPackage("dev.otellab.lab.docker..")
            .should().dependOnClassesThat().haveFullyQualifiedName(ProcessBuilder.class.getName())
            .orShould().dependOnClassesThat().haveFullyQualifiedName(Runtime.class.getName());

    @ArchTest
    static final ArchRule onlyDockerModeTalksToTheEngine = noClasses().that().resideOutsideOfPackage("dev.otellab.lab.docker..")
            .should().dependOnClassesThat().resideInAPackage("com.github.dockerjava..");

    /** The rooms of Docker mode (decision 0049), each using only the ones below it. */
    @ArchTest
    static final ArchRule dockerModeRooms = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Docker lab").definedBy("dev.otellab.lab.docker")
            .layer("Orchestration").definedBy("dev.otellab.lab.docker.orchestration..")
            .layer("Images").definedBy("dev.otellab.lab.docker.images..")
            .layer("Stack").definedBy("dev.otellab.lab.docker.stack..")
            .layer("Engine").definedBy("dev.otellab.lab.docker.engine..")
            .layer("Compose").definedBy("dev.otellab.lab.docker.compose..")
            .whereLayer("Orchestration").mayOnlyBeAccessedByLayers("Docker lab")
            .whereLayer("Images").mayOnlyBeAccessedByLayers("Docker lab", "Orchestration")
            .whereLayer("Stack").mayOnlyBeAccessedByLayers("Docker lab", "Orchestration", "Images")
            .whereLayer("Engine").mayOnlyBeAccessedByLayers("Docker lab", "Orchestration", "Images")
            .whereLayer("Compose").mayOnlyBeAccessedByLayers("Docker lab", "Orchestration", "Images", "Stack");
}
