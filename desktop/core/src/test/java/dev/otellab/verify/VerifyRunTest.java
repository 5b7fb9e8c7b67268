package dev.otellab.verify;

import dev.otellab.config.DataDirectories;
import dev.otellab.lab.embedded.EmbeddedLab;
import dev.otellab.lab.embedded.EmbeddedLabSettings;
import dev.otellab.lab.traffic.TrafficProfile;
import dev.otellab.telemetry.embedded.StoreSettings;
import dev.otellab.telemetry.embedded.receiver.ReceiverSettings;
import dev.otellab.verify.report.CheckResult;
import dev.otellab.verify.report.VerifyReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class VerifyRunTest {
    @TempDir
    Path dir;

    @Test
    void aLabThatCannotStartFailsItsCheckWithTheReasonAndListsTheOthersAsNotChecked() throws Exception {
        EmbeddedLabSettings settings = new EmbeddedLabSettings(new DataDirectories(dir.resolve("data"), dir.resolve("config")),
                StoreSettings.DEFAULT, ReceiverSettings.anyFreePorts(), dir.resolve("no-such-lab-backend.jar"), 0,
                TrafficProfile.DEFAULT);
        List<String> progress = new CopyOnWriteArrayList<>();

        VerifyReport report;
        try (EmbeddedLab lab = new EmbeddedLab(settings)) {
            report = new VerifyRun(VerifySettings.DEFAULT, progress::add, Clock.systemUTC()).run(lab);
        }

        assertThat(report.passed()).isFalse();
        assertThat(report.checks()).extracting(CheckResult::name).containsExactlyElementsOf(VerifyRun.CHECKS);
        assertThat(report.checks().get(0).passed()).isFalse();
        assertThat(report.checks().get(0).detail()).contains("lab-backend is not built");
        assertThat(report.checks().subList(1, report.checks().size()))
                .allSatisfy(check -> assertThat(check.detail()).isEqualTo("not checked: the lab did not start"));
        assertThat(report.mode()).isEqualTo("embedded");
        assertThat(progress).containsExactly("Starting the embedded lab...");
    }
}
