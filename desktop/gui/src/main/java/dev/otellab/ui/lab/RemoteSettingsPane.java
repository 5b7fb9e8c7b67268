package dev.otellab.ui.lab;

import dev.otellab.ui.lab.RemoteSettingsViewModel.CheckLine;
import dev.otellab.ui.lab.RemoteSettingsViewModel.SignIn;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import static dev.otellab.ui.common.FormControls.caption;
import static dev.otellab.ui.common.FormControls.field;

/** The Lab view's card for the remote stack's settings; binds to a {@link RemoteSettingsViewModel}. */
final class RemoteSettingsPane {
    private RemoteSettingsPane() {
    }

    static Node create(RemoteSettingsViewModel model) {
        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(6);
        int row = 0;
        form.addRow(row++, label("Tempo"), bound(field("remote-tempo", "https://tempo.example.com", 24), model.tempoProperty()));
        form.addRow(row++, label("Zipkin"), bound(field("remote-zipkin", "or traces from Zipkin (API v2)", 24),
                model.zipkinProperty()));
        form.addRow(row++, label("Jaeger"), bound(field("remote-jaeger", "or traces from Jaeger (query API v3)", 24),
                model.jaegerProperty()));
        form.addRow(row++, label("Loki"), bound(field("remote-loki", "https://loki.example.com", 24), model.lokiProperty()));
        form.addRow(row++, label("Prometheus"), bound(field("remote-prometheus", "https://prometheus.example.com", 24),
                model.prometheusProperty()));
        form.addRow(row++, label("Grafana"), bound(field("remote-grafana", "optional, for Open in Grafana", 24),
                model.grafanaProperty()));

        ChoiceBox<SignIn> signIn = new ChoiceBox<>();
        signIn.setId("remote-sign-in");
        signIn.getItems().setAll(SignIn.values());
        signIn.valueProperty().bindBidirectional(model.signInProperty());
        form.addRow(row++, label("Sign-in"), signIn);
        TextField user = bound(field("remote-user", "user", 16), model.userProperty());
        PasswordField password = new PasswordField();
        password.setId("remote-password");
        password.setPromptText("password");
        bound(password, model.passwordProperty());
        HBox basic = new HBox(6, user, password);
        showWhen(basic, model, SignIn.BASIC);
        PasswordField token = new PasswordField();
        token.setId("remote-token");
        token.setPromptText("token");
        bound(token, model.tokenProperty());
        showWhen(token, model, SignIn.BEARER);
        VBox credentials = new VBox(basic, token);
        form.add(credentials, 1, row++);
        form.addRow(row++, label("Tenant"), bound(field("remote-tenant", "X-Scope-OrgID, if multi-tenant", 24),
                model.tenantProperty()));
        form.addRow(row, label("CA file"), bound(field("remote-ca", "PEM file to trust for HTTPS (optional)", 24),
                model.caFileProperty()));
        form.getChildren().stream().filter(node -> node instanceof TextInputControl)
                .forEach(node -> GridPane.setHgrow(node, Priority.ALWAYS));

        Label problem = new Label();
        problem.setId("remote-problem");
        problem.getStyleClass().add("field-error");
        problem.setWrapText(true);
        problem.textProperty().bind(model.problemProperty());
        problem.visibleProperty().bind(model.problemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());

        Button test = new Button("Test connection");
        test.setId("remote-test");
        test.disableProperty().bind(model.canActProperty().not());
        test.setOnAction(event -> model.testConnection());
        Button save = new Button("Save");
        save.setId("remote-save");
        save.disableProperty().bind(model.canActProperty().not());
        save.setOnAction(event -> model.save());
        Button docker = new Button("Use the Docker stack's URLs");
        docker.setId("remote-docker-urls");
        docker.setOnAction(event -> model.useDockerStackUrls());
        HBox buttons = new HBox(8, test, save, docker);
        buttons.setAlignment(Pos.CENTER_LEFT);

        Label message = new Label();
        message.setId("remote-message");
        message.getStyleClass().add("result-summary");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        VBox checks = new VBox(2);
        checks.setId("remote-checks");
        model.checks().addListener((ListChangeListener<CheckLine>) change ->
                checks.getChildren().setAll(model.checks().stream().map(RemoteSettingsPane::checkRow).toList()));

        VBox card = new VBox(8, caption("Remote stack"), form, problem, buttons, message, checks);
        card.setId("remote-settings");
        card.getStyleClass().addAll("view-header", "lab-card");
        return card;
    }

    private static Node checkRow(CheckLine line) {
        Label dot = new Label("●");
        dot.getStyleClass().addAll("part-dot", line.ok() ? "part-healthy" : "part-failed");
        Label name = new Label(line.backend());
        name.getStyleClass().add("part-name");
        name.setMinWidth(Region.USE_PREF_SIZE);
        Label text = new Label(line.message());
        text.getStyleClass().add("part-detail");
        text.setWrapText(true);
        HBox row = new HBox(8, dot, name, text);
        row.getStyleClass().add("remote-check");
        return row;
    }

    private static <T extends TextInputControl> T bound(T field, javafx.beans.property.StringProperty value) {
        field.textProperty().bindBidirectional(value);
        return field;
    }

    private static void showWhen(Node node, RemoteSettingsViewModel model, SignIn signIn) {
        node.visibleProperty().bind(Bindings.equal(model.signInProperty(), signIn));
        node.managedProperty().bind(node.visibleProperty());
    }

    private static Label label(String text) {
        Label label = new Label(text);
        label.setMinWidth(Region.USE_PREF_SIZE);
        return label;
    }
}
