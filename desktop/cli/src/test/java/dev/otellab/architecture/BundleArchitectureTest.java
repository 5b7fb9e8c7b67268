package dev.otellab.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The offline bundle is used by the CLI and (later) the Lab view, so it knows neither. */
@AnalyzeClasses(packages = "dev.otellab", importOptions = {ImportOption.DoNotIncludeTests.class, DoNotIncludeTestJars.class})
class BundleArchitectureTest {

    @ArchTest
    static final ArchRule bundleKnowsNoUiNorCli = noClasses().that().resideInAPackage("dev.otellab.bundle..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "dev.otellab.ui..", "dev.otellab.cli..");
}
