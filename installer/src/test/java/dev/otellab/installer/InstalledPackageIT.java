package dev.otellab.installer;

import dev.otellab.installer.ThrowawaySystem.Run;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The .deb this build made, installed with dpkg (its maintainer scripts included) on a
 * throwaway copy of this machine, used from the installed files only, then removed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class InstalledPackageIT {
    private static final String NAME = System.getProperty("installer.name", "lab-console");
    private static final Path INSTALL_DIR = Path.of("/opt", NAME);
    private static final Path LAUNCHER = INSTALL_DIR.resolve("bin").resolve(NAME);
    private static final Path COMMAND_ON_PATH = Path.of("/usr/bin", NAME);
    private static final Path MENU_ENTRY = Path.of("/usr/share/applications", NAME + ".desktop");
    private static final Duration DPKG_LIMIT = Duration.ofMinutes(5);
    private static final Duration COMMAND_LIMIT = Duration.ofMinutes(2);
    /** dpkg's own records of what it did; everything else the package wrote must go again on removal. */
    private static final List<String> DPKG_RECORDS = List.of("/var/lib/dpkg/", "/var/log/dpkg.log", "/var/cache/debconf/");

    private ThrowawaySystem system;

    @BeforeAll
    void installThePackage() throws Exception {
        assertThat(System.getProperty("user.name")).as("this test installs a package with dpkg: run it as root").isEqualTo("root");
        Path deb = theBuiltPackage();
        system = ThrowawaySystem.start();
        assertSucceeds(system.run(DPKG_LIMIT, "dpkg", "--install", deb.toString()));
    }

    @AfterAll
    void dropTheThrowawaySystem() throws Exception {
        if (system != null) {
            system.close();
        }
    }

    @Test
    @Order(1)
    void installsTheAppTheCommandOnPathAndTheMenuEntry() throws Exception {
        assertSucceeds(system.run(COMMAND_LIMIT, "test", "-x", LAUNCHER.toString()));
        assertSucceeds(system.run(COMMAND_LIMIT, "test", "-f", INSTALL_DIR.resolve("lib/app/lab-backend.jar").toString()));
        Run link = system.run(COMMAND_LIMIT, "readlink", COMMAND_ON_PATH.toString());
        assertSucceeds(link);
        assertThat(link.output().strip()).isEqualTo(LAUNCHER.toString());
        Run entry = system.run(COMMAND_LIMIT, "cat", MENU_ENTRY.toString());
        assertSucceeds(entry);
        assertThat(entry.output()).contains("Name=OTel Lab Console", "Exec=" + LAUNCHER, "Categories=Development;");
        Run control = system.run(COMMAND_LIMIT, "dpkg-query", "--show", "--showformat", "${Status} ${Depends}", NAME);
        assertThat(control.output()).startsWith("install ok installed").contains("libgtk-3-0");
    }

    @Test
    @Order(1)
    void bundlesTheStackAndGrafanasProvisioning() throws Exception {
        Path appFolder = INSTALL_DIR.resolve("lib/app");
        assertSucceeds(system.run(COMMAND_LIMIT, "test", "-f", appFolder.resolve("stack/compose.yaml").toString()));
        assertSucceeds(system.run(COMMAND_LIMIT, "test", "-d", appFolder.resolve("grafana/provisioning").toString()));
    }

    @Test
    @Order(1)
    void makesTheClassArchiveTheLauncherStartsFromAndBoundsMemory() throws Exception {
        Path appFolder = INSTALL_DIR.resolve("lib/app");
        assertSucceeds(system.run(COMMAND_LIMIT, "test", "-s", appFolder.resolve("lab-console.jsa").toString()));
        Run config = system.run(COMMAND_LIMIT, "cat", appFolder.resolve("lab-console.cfg").toString());
        assertSucceeds(config);
        assertThat(config.output()).contains("java-options=-XX:SharedArchiveFile=$APPDIR/lab-console.jsa",
                "java-options=-Xmx192m", "java-options=-XX:MaxMetaspaceSize=192m");
    }

    @Test
    @Order(2)
    void printsItsVersionFromTheCommandOnPath() throws Exception {
        Run version = system.run(COMMAND_LIMIT, NAME, "--version");
        assertSucceeds(version);
        assertThat(version.output().strip()).isEqualTo(NAME + " " + System.getProperty("project.version"));
    }

    @Test
    @Order(3)
    void runsTheLabHeadlessFromTheInstalledFiles() throws Exception {
        Path data = system.scratch("data");
        // verify starts the embedded lab (receiver, store, the bundled lab-backend on the bundled runtime),
        // sends traffic and checks the telemetry: exit code 0 only when every check passed
        assertSucceeds(system.run(COMMAND_LIMIT, NAME, "verify", "--mode", "embedded", "--requests", "20", "--data-dir", data.toString()));

        Run traces = system.run(COMMAND_LIMIT, NAME, "traces", "--data-dir", data.toString(), "--service", "lab-backend", "--json");
        assertSucceeds(traces);
        assertThat(traces.output()).contains("\"traceId\"");

        // the archive made at installation holds every query command's classes, not only those of `traces`
        Run sli = system.run(COMMAND_LIMIT, "env", "JAVA_TOOL_OPTIONS=-Xlog:class+load=info", NAME, "sli",
                "--data-dir", data.toString(), "--service", "lab-backend");
        assertThat(sli.output()).as("%s", sli)
                .containsPattern("dev\\.otellab\\.cli\\.SliCommand source: shared objects file");
    }

    @Test
    @Order(4)
    void removalLeavesNothingBehindButDpkgsRecords() throws Exception {
        assertSucceeds(system.run(DPKG_LIMIT, "dpkg", "--remove", NAME)); // what `apt remove` does

        assertThat(system.run(COMMAND_LIMIT, "test", "-e", INSTALL_DIR.toString()).exitCode()).as(INSTALL_DIR + " is gone").isNotZero();
        assertThat(system.run(COMMAND_LIMIT, "test", "-L", COMMAND_ON_PATH.toString()).exitCode()).as(COMMAND_ON_PATH + " is gone").isNotZero();
        assertThat(system.run(COMMAND_LIMIT, "test", "-e", MENU_ENTRY.toString()).exitCode()).as(MENU_ENTRY + " is gone").isNotZero();
        assertThat(system.writtenFiles()).filteredOn(path -> DPKG_RECORDS.stream().noneMatch(path::startsWith)).isEmpty();
    }

    private static void assertSucceeds(Run run) {
        assertThat(run.exitCode()).as("%s", run).isZero();
    }

    private static Path theBuiltPackage() throws IOException {
        Path folder = Path.of(System.getProperty("installer.output.dir", "target/installer"));
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> debs = files.filter(file -> file.toString().endsWith(".deb")).toList();
            assertThat(debs).as("exactly one .deb in %s", folder).hasSize(1);
            return debs.get(0);
        }
    }
}
