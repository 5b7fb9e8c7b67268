package dev.otellab.ui;

import dev.otellab.config.DataDirectories;
import dev.otellab.app.LabEngines;
import dev.otellab.lab.LabMode;
import dev.otellab.lab.SwitchableLab;
import dev.otellab.lab.TraceSourceChoice;
import dev.otellab.lab.embedded.EmbeddedLabSettings;
import dev.otellab.lab.embedded.LabBackendJar;
import dev.otellab.lab.traffic.TrafficProfile;
import dev.otellab.telemetry.embedded.StoreSettings;
import dev.otellab.telemetry.embedded.receiver.ReceiverSettings;
import dev.otellab.ui.common.UiExecutors;
import dev.otellab.ui.shell.ConsoleSettings;
import dev.otellab.ui.shell.ConsoleView;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 17 item 20 in the real window: choosing Docker or Remote changes nothing until Start. The
 * real lab engines (LabEngines.switchable) read Docker mode's backends at loopback listeners that
 * count every connection; after choosing Docker (each trace source) and Remote, and opening every
 * view, no connection reached them and the config folder is still empty (no Grafana password file,
 * no remote settings).
 */
@ExtendWith(ApplicationExtension.class)
class ModeSelectionChangesNothingTest {
    /** How long the views get to (wrongly) reach a backend after each step. */
    private static final Duration QUIET = Duration.ofSeconds(3);

    @TempDir
    Path dir;

    private final List<CountingListener> backends = List.of(new CountingListener(), new CountingListener(),
            new CountingListener(), new CountingListener(), new CountingListener(), new CountingListener());
    private DataDirectories directories;
    private SwitchableLab lab;
    private Console console;
    private UiExecutors executors;

    @Start
    void start(Stage stage) {
        directories = new DataDirectories(dir.resolve("data"), dir.resolve("config"));
        EmbeddedLabSettings embedded = new EmbeddedLabSettings(directories, StoreSettings.DEFAULT,
                ReceiverSettings.anyFreePorts(), LabBackendJar.path(), 0, TrafficProfile.DEFAULT);
        lab = LabEngines.switchable(embedded, choice -> LabEngines.dockerEndpoints(choice, switch (choice) {
            case TEMPO -> backends.get(0).uri();
            case JAEGER -> backends.get(1).uri();
            case ZIPKIN -> backends.get(2).uri();
        }).withLoki(backends.get(3).uri()).withPrometheus(backends.get(4).uri()).withGrafana(backends.get(5).uri()));
        executors = UiExecutors.forWindow();
        console = Console.create(ConsoleLauncher.services(lab, directories), executors, ConsoleSettings.DEFAULT);
        stage.setScene(console.window().createScene(1280, 800));
        stage.show();
    }

    @AfterEach
    void closeEverything() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> console.close()).get();
        lab.close();
        executors.shutdown();
        backends.forEach(CountingListener::close);
    }

    @Test
    void choosingDockerOrRemoteWritesNothingAndReachesNoBackend(FxRobot robot) throws Exception {
        robot.clickOn("#lab-mode-docker");
        await().atMost(Duration.ofSeconds(20)).until(() -> lab.mode() == LabMode.DOCKER);
        WaitForAsyncUtils.waitForFxEvents();
        for (TraceSourceChoice choice : TraceSourceChoice.values()) {
            WaitForAsyncUtils.asyncFx(() -> console.labModel().stack().selectTraceSource(choice)).get();
            openEveryView();
        }
        assertThat(fx(() -> robot.lookup("#stack-grafana-url").queryAs(Hyperlink.class).isDisabled()))
                .as("Open Grafana waits for Start").isTrue();
        assertThat(fx(() -> robot.lookup("#stack-copy-password").queryAs(Button.class).isDisabled()))
                .as("no password before the first Start").isTrue();
        assertThat(directories.configDir()).doesNotExist();

        robot.clickOn("#lab-mode-remote");
        await().atMost(Duration.ofSeconds(20)).until(() -> lab.mode() == LabMode.REMOTE);
        openEveryView();

        assertThat(directories.configDir()).doesNotExist();
        assertThat(backends).extracting(CountingListener::connections).containsOnly(0);
    }

    /** Shows each view in turn (each starts its queries and the Logs view its live tail), then the Lab view. */
    private void openEveryView() throws Exception {
        List<ConsoleView> views = fx(() -> console.window().views());
        for (ConsoleView view : views) {
            WaitForAsyncUtils.asyncFx(() -> console.window().show(view)).get();
            WaitForAsyncUtils.waitForFxEvents();
        }
        WaitForAsyncUtils.asyncFx(() -> console.window().show(console.lab())).get();
        await().during(QUIET).atMost(QUIET.plusSeconds(5)).untilAsserted(() -> assertThat(backends)
                .as("requests: %s", backends.stream().map(CountingListener::requests).toList())
                .extracting(CountingListener::connections).containsOnly(0));
    }

    private static <T> T fx(Callable<T> call) throws Exception {
        return WaitForAsyncUtils.asyncFx(call).get();
    }

    /** A loopback port that accepts and counts connections, standing where a backend would answer. */
    private static final class CountingListener implements AutoCloseable {
        private final ServerSocket socket;
        private final AtomicInteger connections = new AtomicInteger();
        /** The first line each connection sent (an HTTP request line), to say who called. */
        private final List<String> requests = new java.util.concurrent.CopyOnWriteArrayList<>();

        CountingListener() {
            try {
                socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            Thread accepting = new Thread(this::accept, "counting-listener-" + socket.getLocalPort());
            accepting.setDaemon(true);
            accepting.start();
        }

        private void accept() {
            while (!socket.isClosed()) {
                try (Socket connection = socket.accept()) {
                    connections.incrementAndGet();
                    connection.setSoTimeout(2_000);
                    requests.add(new java.io.BufferedReader(new java.io.InputStreamReader(connection.getInputStream(),
                            java.nio.charset.StandardCharsets.US_ASCII)).readLine());
                } catch (java.net.SocketTimeoutException e) {
                    requests.add("(connected, sent nothing)");
                } catch (IOException e) {
                    return; // closed
                }
            }
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }

        List<String> requests() {
            return List.copyOf(requests);
        }

        int connections() {
            return connections.get();
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // the test is over
            }
        }
    }
}
