package dev.otellab.ui.lab;

import dev.otellab.lab.TraceSourceChoice;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;

import java.util.function.Consumer;

import static dev.otellab.ui.common.FormControls.caption;

/**
 * The Lab view's card for a stack of containers (Docker mode): Grafana's address and admin
 * sign-in, restarting one service, and Reset (after the user confirms) which removes the stack's
 * data. Binds to the {@link DockerStackViewModel} and the {@link ImageBundlesViewModel}.
 */
final class DockerStackCard {
    private DockerStackCard() {
    }

    static Node create(DockerStackViewModel model, ImageBundlesViewModel bundles, Consumer<String> openInBrowser, Consumer<String> notifier) {
        Hyperlink grafana = new Hyperlink();
        grafana.setId("stack-grafana-url");
        grafana.textProperty().bind(Bindings.createStringBinding(() -> model.grafanaUrlProperty().get().isEmpty()
                ? "Grafana: starts with the lab" : model.grafanaUrlProperty().get(), model.grafanaUrlProperty()));
        grafana.disableProperty().bind(model.grafanaUrlProperty().isEmpty());
        grafana.setOnAction(event -> openInBrowser.accept(model.grafanaUrlProperty().get()));
        Label signIn = new Label("user admin");
        signIn.getStyleClass().add("part-detail");
        Button copyPassword = new Button("Copy password");
        copyPassword.setId("stack-copy-password");
        copyPassword.setTooltip(new Tooltip("Grafana's admin password, made for this console at the first Start and kept"
                + " in its config folder"));
        copyPassword.setOnAction(event -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(model.grafanaPasswordProperty().get());
            Clipboard.getSystemClipboard().setContent(content);
            notifier.accept("Grafana's admin password copied");
        });
        copyPassword.disableProperty().bind(model.grafanaPasswordProperty().isEmpty());
        HBox grafanaRow = new HBox(8, grafana, signIn, copyPassword);
        grafanaRow.setAlignment(Pos.CENTER_LEFT);

        ChoiceBox<String> service = new ChoiceBox<>(model.stackServices());
        service.setId("stack-service");
        Button restart = new Button("Restart service");
        restart.setId("stack-restart-service");
        restart.disableProperty().bind(model.canRestartServiceProperty().not().or(service.valueProperty().isNull()));
        restart.setOnAction(event -> model.restartService(service.getValue()));
        Button reset = new Button("Reset stack…");
        reset.setId("stack-reset");
        reset.getStyleClass().add("danger");
        reset.disableProperty().bind(model.canResetProperty().not());
        reset.setTooltip(new Tooltip("Remove the stack's containers, network and volumes (stop the lab first)"));
        reset.setOnAction(event -> {
            if (confirmReset(reset)) {
                model.resetStack();
            }
        });
        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(6);
        form.addRow(0, label("Trace source"), traceSourceRow(model));
        form.addRow(1, label("Grafana"), grafanaRow);
        HBox serviceRow = new HBox(8, service, restart);
        serviceRow.setAlignment(Pos.CENTER_LEFT);
        form.addRow(2, label("Service"), serviceRow);
        form.addRow(3, label("Data"), reset);
        form.addRow(4, label("Offline"), bundleRow(bundles, grafana));

        VBox card = new VBox(8, caption("Docker stack"), form);
        card.setId("stack-card");
        card.getStyleClass().addAll("view-header", "lab-card");
        card.visibleProperty().bind(model.hasStackProperty());
        card.managedProperty().bind(card.visibleProperty());
        return card;
    }

    /** Tempo (default) / Jaeger / Zipkin, with what the choice does at Start. */
    private static Node traceSourceRow(DockerStackViewModel model) {
        ChoiceBox<TraceSourceChoice> choice = new ChoiceBox<>(FXCollections.observableArrayList(TraceSourceChoice.values()));
        choice.setId("stack-trace-source");
        choice.setConverter(new StringConverter<>() {
            @Override
            public String toString(TraceSourceChoice value) {
                return value == null ? "" : value == TraceSourceChoice.TEMPO ? "Tempo (default)" : value.displayName();
            }

            @Override
            public TraceSourceChoice fromString(String text) {
                return null; // a ChoiceBox is not edited as text
            }
        });
        choice.setValue(model.traceSourceProperty().get());
        choice.valueProperty().addListener((observable, was, is) -> model.selectTraceSource(is));
        model.traceSourceProperty().addListener((observable, was, is) -> choice.setValue(is));
        choice.disableProperty().bind(model.canChangeTraceSourceProperty().not());
        choice.setTooltip(new Tooltip("Where the views read traces from the next Start (stop the lab to change it)"));
        Label note = new Label();
        note.setId("stack-trace-source-note");
        note.getStyleClass().add("part-detail");
        note.setWrapText(true);
        note.textProperty().bind(Bindings.createStringBinding(
                () -> DockerStackViewModel.traceSourceDescription(model.traceSourceProperty().get()), model.traceSourceProperty()));
        return new VBox(4, choice, note);
    }

    /** Export and import of the offline image bundle, with its progress and outcome. */
    private static Node bundleRow(ImageBundlesViewModel model, Node owner) {
        Button export = new Button("Export images…");
        export.setId("stack-export-bundle");
        export.setTooltip(new Tooltip("Save every image the Docker lab needs into one file, for a classroom without network"));
        export.setOnAction(event -> {
            FileChooser chooser = chooser("Save the lab's images");
            chooser.setInitialFileName("lab-images.bundle");
            java.io.File file = chooser.showSaveDialog(owner.getScene().getWindow());
            if (file != null) {
                model.exportBundle(file.toPath());
            }
        });
        Button load = new Button("Import images…");
        load.setId("stack-import-bundle");
        load.setTooltip(new Tooltip("Check a bundle's checksums, then load its images: Docker mode then starts offline"));
        load.setOnAction(event -> {
            java.io.File file = chooser("Load the lab's images").showOpenDialog(owner.getScene().getWindow());
            if (file != null) {
                model.importBundle(file.toPath());
            }
        });
        for (Button button : new Button[] {export, load}) {
            button.disableProperty().bind(model.hasBundlesProperty().not().or(model.stackBusyProperty()));
        }
        ProgressBar progress = new ProgressBar();
        progress.setId("stack-bundle-progress");
        progress.progressProperty().bind(model.bundleProgressProperty());
        progress.visibleProperty().bind(model.bundleProgressProperty().greaterThanOrEqualTo(0));
        progress.managedProperty().bind(progress.visibleProperty());
        Label message = new Label();
        message.setId("stack-bundle-message");
        message.getStyleClass().add("part-detail");
        message.setWrapText(true);
        message.textProperty().bind(model.bundleMessageProperty());
        HBox buttons = new HBox(8, export, load, progress);
        buttons.setAlignment(Pos.CENTER_LEFT);
        return new VBox(4, buttons, message);
    }

    private static FileChooser chooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Lab image bundle", "*.bundle", "*.tar"));
        return chooser;
    }

    static boolean confirmReset(Node owner) {
        Alert alert = new Alert(Alert.AlertType.WARNING, "", new ButtonType("Remove everything", ButtonBar.ButtonData.OK_DONE),
                ButtonType.CANCEL);
        alert.setTitle("Reset the Docker stack");
        alert.setHeaderText("Remove the stack's containers, network and volumes?");
        alert.setContentText("Every trace, log and metric that Tempo, Loki, Prometheus and Grafana kept is deleted, "
                + "and Grafana starts over. The images stay, so the next Start needs no network.");
        if (owner.getScene() != null) {
            alert.initOwner(owner.getScene().getWindow());
        }
        return alert.showAndWait().map(button -> button.getButtonData() == ButtonBar.ButtonData.OK_DONE).orElse(false);
    }

    private static Label label(String text) {
        Label label = new Label(text);
        label.setMinWidth(Region.USE_PREF_SIZE);
        return label;
    }
}
