package dev.otellab.ui;

import javafx.collections.ListChangeListener;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.TableColumnHeader;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The Traces table's headers sit over their columns from the first frame that shows rows, at
 * 1024×700 and at the default window size: each header's left edge and width equal its cells'.
 * Measured right after the layout of the first pulse with rows, before anything could correct it.
 */
@ExtendWith(ApplicationExtension.class)
class TableHeaderAlignmentTest {
    @TempDir
    Path folder;

    private SampleConsole window;

    @AfterEach
    void stop() throws Exception {
        if (window != null) {
            WaitForAsyncUtils.asyncFx(window::close).get(20, TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"1024, 700", "1400, 900"})
    void tracesHeadersMatchTheirColumnsOnTheFirstFrameWithRows(double width, double height, FxRobot robot) throws Exception {
        CompletableFuture<Map<String, double[]>> firstFrame = new CompletableFuture<>();
        WaitForAsyncUtils.asyncFx(() -> {
            Stage stage = new Stage();
            window = SampleConsole.show(stage, folder, 30, width, height);
            Console console = window.console;
            TableView<?> table = console.traces().searchView().table();
            Scene scene = table.getScene();
            Runnable measure = new Runnable() {
                @Override
                public void run() {
                    scene.removePostLayoutPulseListener(this);
                    firstFrame.complete(geometry(table));
                }
            };
            table.getItems().addListener((ListChangeListener<Object>) change -> {
                if (!table.getItems().isEmpty() && !firstFrame.isDone()) {
                    scene.addPostLayoutPulseListener(measure);
                }
            });
            console.window().show(console.traces());
        }).get(20, TimeUnit.SECONDS);

        Map<String, double[]> measured = firstFrame.get(30, TimeUnit.SECONDS);

        assertThat(measured).as("every column has a header and a cell in the first row").hasSize(6);
        measured.forEach((column, edges) -> {
            assertThat(edges[2]).as(column + ": the cell's left edge").isCloseTo(edges[0], within(1.0));
            assertThat(edges[3]).as(column + ": the cell's width").isCloseTo(edges[1], within(1.0));
        });
    }

    private static boolean onScreen(Node node) {
        for (Node at = node; at != null; at = at.getParent()) {
            if (!at.isVisible()) {
                return false;
            }
        }
        return true;
    }

    /** Per column title: the header's scene x and width, then the first row's cell's x and width. */
    private static Map<String, double[]> geometry(TableView<?> table) {
        Map<String, double[]> edges = new LinkedHashMap<>();
        for (Node node : table.lookupAll(".column-header")) {
            if (node instanceof TableColumnHeader header && header.getTableColumn() != null && header.isVisible()) {
                Bounds bounds = header.localToScene(header.getLayoutBounds());
                edges.put(header.getTableColumn().getText(), new double[] {bounds.getMinX(), bounds.getWidth(), Double.NaN, Double.NaN});
            }
        }
        List<TableRow<?>> rows = new ArrayList<>();
        for (Node node : table.lookupAll(".table-row-cell")) {
            // the flow also keeps an invisible row to measure with: only the rows on screen count
            if (node instanceof TableRow<?> row && !row.isEmpty() && row.getIndex() == 0 && onScreen(row)) {
                rows.add(row);
            }
        }
        for (TableRow<?> row : rows) {
            for (Node node : row.getChildrenUnmodifiable()) {
                if (node instanceof TableCell<?, ?> cell && cell.getTableColumn() != null) {
                    TableColumn<?, ?> column = cell.getTableColumn();
                    double[] known = edges.get(column.getText());
                    if (known != null) {
                        Bounds bounds = cell.localToScene(cell.getLayoutBounds());
                        known[2] = bounds.getMinX();
                        known[3] = bounds.getWidth();
                    }
                }
            }
        }
        return edges;
    }
}
