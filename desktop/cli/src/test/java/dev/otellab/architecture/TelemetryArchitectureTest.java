package dev.otellab.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import dev.otellab.telemetry.otlp.DecodedRequest;
import dev.otellab.telemetry.otlp.OtlpDecoder;
import dev.otellab.telemetry.otlp.OtlpJsonParser;

import java.util.Arrays;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The telemetry domain stays free of the UI and of the CLI; the model stands on its own. */
@AnalyzeClasses(packages = "dev.otellab", importOptions = {ImportOption.DoNotIncludeTests.class, DoNotIncludeTestJars.class})
class TelemetryArchitectureTest {
    private static final String LGTM = "dev.otellab.telemetry.lgtm..";
    private static final String ZIPKIN = "dev.otellab.telemetry.zipkin..";
    private static final String JAEGER = "dev.otellab.telemetry.jaeger..";
    private static final String EMBEDDED = "dev.otellab.telemetry.embedded..";
    private static final String REMOTE = "dev.otellab.telemetry.remote..";
    private static final String CLIENT = "dev.otellab.telemetry.client..";
    private static final String[] ADAPTERS = {LGTM, ZIPKIN, JAEGER, EMBEDDED, REMOTE};

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

    /**
     * Each backend adapter of the ports stands on the ports, the model and the shared packages
     * (otlp codec, client HTTP); none imports another, nor the remote stack's assembly.
     */
    @ArchTest
    static final ArchRule adaptersDoNotImportEachOther = CompositeArchRule.of(importsNoOtherAdapter(LGTM))
            .and(importsNoOtherAdapter(ZIPKIN))
            .and(importsNoOtherAdapter(JAEGER))
            .and(importsNoOtherAdapter(EMBEDDED));

    /** The remote stack's sources are Tempo, Zipkin or Jaeger with Loki and Prometheus: never the embedded store. */
    @ArchTest
    static final ArchRule remoteAssemblesOnlyRemoteClients = noClasses().that().resideInAPackage(REMOTE)
            .should().dependOnClassesThat().resideInAPackage(EMBEDDED);

    @ArchTest
    static final ArchRule sharedClientPackageKnowsNoAdapter = noClasses().that().resideInAPackage(CLIENT)
            .should().dependOnClassesThat().resideInAnyPackage(ADAPTERS);

    /** Backends' answers are read by their own code (OtlpJsonSpans for OTLP JSON), not through the receiver's decoder. */
    @ArchTest
    static final ArchRule queryClientsDoNotDecodeLikeTheReceiver = noClasses()
            .that().resideInAnyPackage(LGTM, ZIPKIN, JAEGER, CLIENT)
            .should().dependOnClassesThat().belongToAnyOf(OtlpDecoder.class, OtlpJsonParser.class, DecodedRequest.class);

    @ArchTest
    static final ArchRule filesDiffAndOtlpCodecStandOnThePorts = noClasses().that()
            .resideInAnyPackage("dev.otellab.telemetry.otlp..", "dev.otellab.telemetry.files..", "dev.otellab.telemetry.diff..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.otellab.telemetry.embedded..",
                    "dev.otellab.telemetry.lgtm..", "dev.otellab.telemetry.client..", "dev.otellab.ui..", "dev.otellab.lab..");

    private static ArchRule importsNoOtherAdapter(String adapter) {
        String[] others = Arrays.stream(ADAPTERS).filter(other -> !other.equals(adapter)).toArray(String[]::new);
        return noClasses().that().resideInAPackage(adapter).should().dependOnClassesThat().resideInAnyPackage(others);
    }
}
