package dev.otellab.architecture;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import okhttp3.OkHttpClient;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layers of decision 0001 (two faces, the composition root, the uses, the lab port, the
 * telemetry ground) and the seams between them (decisions 0041 and 0048).
 */
@AnalyzeClasses(packages = "dev.otellab", importOptions = {ImportOption.DoNotIncludeTests.class, DoNotIncludeTestJars.class})
class LayersArchitectureTest {
    /** The packages that talk to a backend, a process, Docker or a file format: the UI reaches none of them. */
    static final String[] ADAPTERS = {"dev.otellab.lab.docker..", "dev.otellab.lab.embedded..", "dev.otellab.lab.remote..",
            "dev.otellab.telemetry.lgtm..", "dev.otellab.telemetry.embedded..", "dev.otellab.telemetry.remote..",
            "dev.otellab.telemetry.zipkin..", "dev.otellab.telemetry.jaeger..", "dev.otellab.telemetry.client..",
            "dev.otellab.bundle.."};

    @ArchTest
    static final ArchRule noCycleBetweenTopLevelPackages = slices().matching("dev.otellab.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule noCycleBetweenAnyPackages = slices().matching("dev.otellab.(**)")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("CLI").definedBy("dev.otellab.cli..")
            .layer("Window").definedBy("dev.otellab.ui..")
            .layer("Root").definedBy("dev.otellab.app..")
            .layer("WindowPort").definedBy("dev.otellab.window..")
            .layer("Uses").definedBy("dev.otellab.verify..", "dev.otellab.exercises..", "dev.otellab.bundle..")
            .layer("Lab").definedBy("dev.otellab.lab..")
            .layer("Presentation").definedBy("dev.otellab.presentation..")
            .layer("Telemetry").definedBy("dev.otellab.telemetry..")
            .whereLayer("CLI").mayNotBeAccessedByAnyLayer()
            .whereLayer("Window").mayNotBeAccessedByAnyLayer() // the CLI finds it through WindowPort (decision 0048)
            .whereLayer("Root").mayOnlyBeAccessedByLayers("CLI")
            .whereLayer("WindowPort").mayOnlyBeAccessedByLayers("CLI", "Window")
            .whereLayer("Uses").mayOnlyBeAccessedByLayers("CLI", "Window", "Root")
            .whereLayer("Lab").mayOnlyBeAccessedByLayers("CLI", "Window", "Root", "Uses", "WindowPort")
            .whereLayer("Presentation").mayOnlyBeAccessedByLayers("CLI", "Window", "Root", "Uses");

    @ArchTest
    static final ArchRule javaFxOnlyInTheWindow = noClasses().that().resideOutsideOfPackage("dev.otellab.ui..")
            .should().dependOnClassesThat().resideInAPackage("javafx..");

    @ArchTest
    static final ArchRule verifyAndExercisesKnowNoFace = noClasses()
            .that().resideInAnyPackage("dev.otellab.verify..", "dev.otellab.exercises..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.otellab.ui..", "dev.otellab.cli..", "javafx..");

    @ArchTest
    static final ArchRule theWindowImportsNoAdapter = noClasses().that().resideInAPackage("dev.otellab.ui..")
            .should().dependOnClassesThat().resideInAnyPackage(ADAPTERS);

    @ArchTest
    static final ArchRule theLabPortImportsNoAdapter = noClasses().that().resideInAPackage("dev.otellab.lab")
            .should().dependOnClassesThat().resideInAnyPackage(ADAPTERS);

    @ArchTest
    static final ArchRule oneJsonSetup = noClasses().that().resideOutsideOfPackage("dev.otellab.config..")
            .should().callConstructor(ObjectMapper.class).orShould().callConstructor(JsonMapper.class)
            .because("config.Json is the one ObjectMapper setup");

    @ArchTest
    static final ArchRule oneHttpClientSetup = noClasses().that().resideOutsideOfPackage("dev.otellab.config..")
            .should().callConstructor(OkHttpClient.class).orShould().callConstructor(OkHttpClient.Builder.class)
            .because("config.HttpClients is the one OkHttp setup: one pool, one dispatcher, the timeouts named once");

    @ArchTest
    static final ArchRule onlyTheCliPrints = noClasses().that().resideOutsideOfPackage("dev.otellab.cli..")
            .should().accessField(System.class, "out").orShould().accessField(System.class, "err");
}
