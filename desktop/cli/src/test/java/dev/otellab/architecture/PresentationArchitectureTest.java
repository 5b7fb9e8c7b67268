package dev.otellab.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The text both faces show stays free of either face, so the CLI can use it without JavaFX. */
@AnalyzeClasses(packages = "dev.otellab", importOptions = {ImportOption.DoNotIncludeTests.class, DoNotIncludeTestJars.class})
class PresentationArchitectureTest {
    @ArchTest
    static final ArchRule presentationKnowsNeitherFace = noClasses().that().resideInAPackage("dev.otellab.presentation..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "dev.otellab.ui..", "dev.otellab.cli..",
                    "dev.otellab.lab..", "dev.otellab.telemetry.lgtm..", "dev.otellab.telemetry.embedded..");
}
