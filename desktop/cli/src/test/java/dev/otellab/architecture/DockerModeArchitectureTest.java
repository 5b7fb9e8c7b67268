package dev.otellab.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

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
}
