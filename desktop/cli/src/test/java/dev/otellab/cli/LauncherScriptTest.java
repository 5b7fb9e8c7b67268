package dev.otellab.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The repository's lab-console script picks JVM options per command (decisions 0039, 0040): run for
 * real by bash with the real JVM, from a copy of the repository root whose console jar is a small
 * jar printing its JVM's options.
 */
class LauncherScriptTest {
    private static final Path SCRIPT = Path.of("..", "..", "lab-console").toAbsolutePath().normalize();

    @TempDir
    Path root;

    @Test
    void theScriptPlacesEveryCommandOfTheConsole() throws IOException {
        Matcher known = Pattern.compile("\\n\\s*((?:[a-z-]+\\|)+[a-z-]+)\\)\\n\\s*command_name=")
                .matcher(Files.readString(SCRIPT));
        assertThat(known.find()).as("the script's list of command names").isTrue();
        List<String> scriptCommands = List.of(known.group(1).split("\\|"));

        assertThat(scriptCommands).containsExactlyInAnyOrderElementsOf(
                LabConsole.commandLine().getSubcommands().keySet());
    }

    @Test
    void aQueryCommandMakesTheClassArchiveOnItsFirstRunAndStartsFromItAfterwards() throws Exception {
        install();

        String first = run("traces", "--limit", "1");
        Path archive = archive();
        String second = run("--data-dir", root.resolve("data").toString(), "traces");

        assertThat(first).contains("-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1", "-XX:+UseG1GC")
                .containsPattern("-XX:DumpLoadedClassList=.*start-cache/lab-console-.*\\.jsa\\.\\d+\\.classes")
                .contains("args=traces --limit 1");
        assertThat(archive).isNotEmptyFile();
        assertThat(second).contains("-XX:SharedArchiveFile=" + archive, "-XX:TieredStopAtLevel=1")
                .doesNotContain("DumpLoadedClassList");
    }

    @Test
    void anotherQueryCommandAddsItsClassesToTheArchiveOnItsFirstRun() throws Exception {
        install();
        run("traces");
        Path archive = archive();
        Path classes = archive.resolveSibling(archive.getFileName().toString().replace(".jsa", ".classes"));
        Files.writeString(classes, "dev/otellab/cli/OnlyTracesLoadedThis\n", StandardOpenOption.APPEND);

        String firstSli = run("sli");
        String secondSli = run("sli");
        String traces = run("traces");

        assertThat(firstSli).contains("-XX:SharedArchiveFile=" + archive, "-XX:DumpLoadedClassList=");
        assertThat(secondSli).contains("-XX:SharedArchiveFile=" + archive).doesNotContain("DumpLoadedClassList");
        assertThat(traces).contains("-XX:SharedArchiveFile=" + archive).doesNotContain("DumpLoadedClassList");
        assertThat(archive).isNotEmptyFile();
        assertThat(Files.readAllLines(classes)).contains("dev/otellab/cli/OnlyTracesLoadedThis",
                JvmArgumentsPrinter.class.getName().replace('.', '/')).doesNotHaveDuplicates();
    }

    @Test
    void sliCompilesItsLoopsSoonerThanTheOtherQueries() throws Exception {
        install();

        String sli = run("sli", "--service", "tasks");
        String traces = run("traces");

        assertThat(sli).contains("-XX:Tier3BackEdgeThreshold=8000", "-XX:TieredStopAtLevel=1");
        assertThat(traces).contains("-XX:TieredStopAtLevel=1").doesNotContain("Tier3BackEdgeThreshold");
    }

    @Test
    void aQueryCommandsHelpDoesNotMakeTheArchive() throws Exception {
        install();

        String output = run("traces", "--help");

        assertThat(output).contains("-XX:TieredStopAtLevel=1").doesNotContain("DumpLoadedClassList");
        assertThat(root.resolve("desktop/target/start-cache")).isDirectoryNotContaining("glob:**.jsa");
    }

    @Test
    void aJarNewerThanTheArchiveGetsANewArchive() throws Exception {
        install();
        run("sli");
        Path archive = archive();
        Files.setLastModifiedTime(archive, FileTime.from(Instant.now().minusSeconds(600)));

        assertThat(run("sli")).contains("-XX:DumpLoadedClassList=");
        assertThat(run("sli")).contains("-XX:SharedArchiveFile=" + archive);
    }

    @Test
    void longRunningCommandsGetBoundedMemoryAndFullCompilation() throws Exception {
        install();

        String receive = run("receive", "--http-port", "0");
        String window = run("--data-dir", root.resolve("data").toString());

        assertThat(receive).contains("-Xmx256m", "-XX:+UseG1GC", "-XX:MaxMetaspaceSize=192m",
                        "-XX:MaxDirectMemorySize=64m", "MALLOC_ARENA_MAX=2")
                .doesNotContain("TieredStopAtLevel", "SharedArchiveFile", "DumpLoadedClassList");
        assertThat(window).contains("-Xmx192m", "-XX:+UseG1GC").doesNotContain("TieredStopAtLevel");
    }

    @Test
    void anImportKeepsTheJvmsDefaultsForFilesReadWhole() throws Exception {
        install();

        String output = run("import", "traces.jsonl");

        assertThat(output).contains("args=import traces.jsonl")
                .doesNotContain("-Xmx", "TieredStopAtLevel", "SharedArchiveFile", "DumpLoadedClassList");
    }

    @Test
    void theUsersOwnOptionsComeLastSoTheyWin() throws Exception {
        install();

        String output = run(List.of("LAB_CONSOLE_JAVA_OPTS=-Xmx300m"), "lab");

        assertThat(output.indexOf("-Xmx300m")).isGreaterThan(output.indexOf("-Xmx256m"));
    }

    @Test
    void aFolderItCannotWriteOnlyCostsTheArchive() throws Exception {
        install();
        Path target = root.resolve("desktop/target");
        Files.writeString(target.resolve("start-cache"), "a file where the cache folder would be");

        String output = run("trace", "0af7651916cd43dd8448eb211c80319c");

        assertThat(output).contains("args=trace 0af7651916cd43dd8448eb211c80319c", "-XX:TieredStopAtLevel=1")
                .doesNotContain("DumpLoadedClassList", "SharedArchiveFile");
    }

    /** The script, a console jar of JvmArgumentsPrinter and a lab-backend jar, both newer than any source. */
    private void install() throws IOException {
        Files.copy(SCRIPT, root.resolve("lab-console"));
        root.resolve("lab-console").toFile().setExecutable(true);
        Files.createDirectories(root.resolve("desktop/target"));
        Files.createDirectories(root.resolve("lab-backend/target"));
        Files.writeString(root.resolve("pom.xml"), "<project/>");
        Files.setLastModifiedTime(root.resolve("pom.xml"), FileTime.from(Instant.now().minusSeconds(3600)));
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, JvmArgumentsPrinter.class.getName());
        String entry = JvmArgumentsPrinter.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(root.resolve("desktop/target/lab-console.jar"));
             JarOutputStream jar = new JarOutputStream(file, manifest)) {
            jar.putNextEntry(new JarEntry(entry));
            jar.write(JvmArgumentsPrinter.class.getClassLoader().getResourceAsStream(entry).readAllBytes());
            jar.closeEntry();
        }
        Files.copy(root.resolve("desktop/target/lab-console.jar"), root.resolve("lab-backend/target/lab-backend.jar"));
    }

    private Path archive() throws IOException {
        try (Stream<Path> files = Files.list(root.resolve("desktop/target/start-cache"))) {
            List<Path> archives = files.filter(file -> file.toString().endsWith(".jsa")).collect(Collectors.toList());
            assertThat(archives).hasSize(1);
            return archives.get(0);
        }
    }

    private String run(String... args) throws Exception {
        return run(List.of(), args);
    }

    private String run(List<String> environment, String... args) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Stream.concat(Stream.of("bash", root.resolve("lab-console").toString()),
                Stream.of(args)).collect(Collectors.toList())).redirectErrorStream(true);
        builder.environment().remove("LAB_CONSOLE_JAVA_OPTS");
        builder.environment().remove("MALLOC_ARENA_MAX");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        for (String variable : environment) {
            String[] nameAndValue = variable.split("=", 2);
            builder.environment().put(nameAndValue[0], nameAndValue[1]);
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
