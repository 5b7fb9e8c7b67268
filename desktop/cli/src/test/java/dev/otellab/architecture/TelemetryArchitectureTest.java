package dev.otellab.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The telemetry domain stays free of the UI and of the CLI; the model stands on its own. */
@AnalyzeClasses(packages = "dev.otellab", importOptions = {ImportOption.DoNotIncludeTests.class, DoNotIncludeTestJars.class})
class TelemetryArchitectureTest {

    @ArchTest
    static final ArchRule telemetryHasNoJavaFx = noClasses().that().resideInAPackage("dev.otellab.telemetry..")
            .should().dependOnClassesThat().resideInAPackage("javafx..");

    @ArchTest
    static final ArchRule telemetryDoesNotKnowTheCli = noClasses().that().resideInAPackage("dev.otellab.telemetry..")
            .should().dependOnClassesThat().resideInAPackage("dev.otellab.cli..");

    @ArchTest
    static final ArchRule modelDependsOnNothingOfOursButItself = classes().that()
            .resideInAPackage("dev.otellab.telemetry.model..")
            .should().onlyDependOnClassesThat(resideOutsideOfPackage("dev.otellab..")
                    .or(resideInAPackage("dev.otellab.telemetry.model..")));

    @ArchTest
    static final ArchRule sliMathIsIndependentOfTheStore = noClasses().that().resideInAPackage("dev.otellab.telemetry.sli..")
            .should().dependOnClassesThat().resideInAPackage("dev.otellab.telemetry.embedded..");

    @ArchTest
    static final ArchRule portsDoNotKnowTheirImplementations = noClasses().that()
            .resideInAnyPackage("dev.otellab.telemetry.query..", "dev.otellab.telemetry.ingest..")
            .should().dependOnClassesThat().resideInAPackage("dev.otellab.telemetry.embedded..");

    @ArchTest
    static final ArchRule lgtmClientsKnowNeitherTheUiNorTheLab = noClasses().that()
            .resideInAPackage("dev.otellab.telemetry.lgtm..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.otellab.ui..", "dev.otellab.lab..");

    @ArchTest
    static final ArchRule adaptersDoNotImportEachOther = noClasses().that()
            .resideInAPackage("dev.otellab.telemetry.lgtm..")
            .should().dependOnClassesThat().resideInAPackage("dev.otellab.telemetry.embedded..");

    @ArchTest
    static final ArchRule storeDoesNotKnowTheLgtmClients = noClasses().that()
            .resideInAPackage("dev.otellab.telemetry.embedded..")
            .should().dependOnClassesThat().resideInAPackage("dev.otellab.telemetry.lgtm..");

    @ArchTest
    static final ArchRule filesDiffAndOtlpCodecStandOnThePorts = noClasses().that()
            .resideInAnyPackage("dev.otellab.telemetry.otlp..", "dev.otellab.telemetry.files..", "dev.otellab.telemetry.diff..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.otellab.telemetry.embedded..",
                    "dev.otellab.telemetry.lgtm..", "dev.otellab.ui..", "dev.otellab.lab..");
}
