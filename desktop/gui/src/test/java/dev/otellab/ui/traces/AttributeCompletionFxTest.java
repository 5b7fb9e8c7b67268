package dev.otellab.ui.traces;

import dev.otellab.telemetry.embedded.TelemetryStore;
import dev.otellab.telemetry.ingest.TelemetryBatch;
import dev.otellab.telemetry.model.InstrumentationScope;
import dev.otellab.telemetry.model.Resource;
import dev.otellab.telemetry.model.Span;
import dev.otellab.telemetry.model.SpanKind;
import dev.otellab.telemetry.model.StatusCode;
import dev.otellab.telemetry.query.TimeRange;
import dev.otellab.ui.common.UiExecutors;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The search form, headless, over a real embedded store: typing in Attributes pops up its names, then values. */
@ExtendWith(ApplicationExtension.class)
class AttributeCompletionFxTest {
    @TempDir
    Path folder;

    private TelemetryStore store;
    private UiExecutors executors;

    @Start
    void start(Stage stage) {
        store = TelemetryStore.open(folder);
        long start = TimeRange.toNanos(Instant.now().minusSeconds(60));
        Span span = new Span("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331", "", "GET /tasks/{id}",
                SpanKind.SERVER, "lab-backend", start, start + 5_000_000L, StatusCode.UNSET, "",
                Map.of("http.route", "/tasks/{id}"), List.of(), List.of(),
                new Resource(Map.of(Resource.SERVICE_NAME, "lab-backend")), new InstrumentationScope("io.test", "1.0"));
        store.accept(TelemetryBatch.ofSpans(List.of(span))).toCompletableFuture().join();
        executors = UiExecutors.forWindow();
        TraceSearchViewModel model = new TraceSearchViewModel(store.traces(), store.slis(), store.traceTags(), executors);
        model.autoRefreshProperty().set(false);
        stage.setScene(new Scene(new TraceSearchView(model, ZoneOffset.UTC, traceId -> { }), 1024, 700));
        stage.show();
    }

    @Stop
    void stop() {
        executors.shutdown();
        store.close();
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
    }

    /** The completion popup's list when it shows an entry named {@code shown}. */
    private static Optional<ListView<?>> popupWith(FxRobot robot, String shown) {
        return robot.lookup(".list-view").<ListView<?>>match(list -> list.isVisible() && list.getItems().stream()
                .anyMatch(item -> item instanceof AttributeSuggestion suggestion && suggestion.shown().equals(shown)))
                .tryQuery();
    }

    @Test
    void typingANamePartOffersTheStoresNamesThenTheChosenNamesValues(FxRobot robot) throws Exception {
        TextField attributes = robot.lookup("#search-attributes").queryAs(TextField.class);
        robot.clickOn(attributes).write("route");

        waitUntil(() -> popupWith(robot, "http.route").isPresent());
        robot.type(KeyCode.DOWN).type(KeyCode.ENTER);
        waitUntil(() -> attributes.getText().equals("http.route="));

        waitUntil(() -> popupWith(robot, "/tasks/{id}").isPresent());
        assertThat(attributes.getText()).isEqualTo("http.route=");
    }
}
