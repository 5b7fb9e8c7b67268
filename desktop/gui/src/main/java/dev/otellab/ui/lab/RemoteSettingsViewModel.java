package dev.otellab.ui.lab;

import dev.otellab.lab.RemoteSettings;
import dev.otellab.telemetry.endpoints.LgtmEndpoints;
import dev.otellab.telemetry.endpoints.LgtmEndpoints.Auth;
import dev.otellab.ui.common.UiExecutors;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.stream.Stream;

/**
 * The remote stack's settings form in the Lab view: the URL of one trace source (Tempo, Zipkin
 * or Jaeger), Loki (needed with Tempo; without it a Zipkin or Jaeger mode has no logs),
 * Prometheus and Grafana, how to sign in, the tenant and a CA file; "Test connection" asks each backend without
 * changing anything, "Save" stores the settings and points the remote lab at them. Network and
 * disk work runs off the UI thread. Call the public methods on the UI thread.
 */
public final class RemoteSettingsViewModel {
    /** How the console signs in to the remote stack. */
    public enum SignIn {
        NONE("No sign-in"), BASIC("User and password"), BEARER("Bearer token");

        private final String label;

        SignIn(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** One backend's answer to "Test connection". */
    public record CheckLine(String backend, boolean ok, String message) {
    }

    private final RemoteSettings settings;
    private final UiExecutors executors;
    private final Executor control;
    private final StringProperty tempo = new SimpleStringProperty(this, "tempo", "");
    private final StringProperty zipkin = new SimpleStringProperty(this, "zipkin", "");
    private final StringProperty jaeger = new SimpleStringProperty(this, "jaeger", "");
    private final StringProperty loki = new SimpleStringProperty(this, "loki", "");
    private final StringProperty prometheus = new SimpleStringProperty(this, "prometheus", "");
    private final StringProperty grafana = new SimpleStringProperty(this, "grafana", "");
    private final ObjectProperty<SignIn> signIn = new SimpleObjectProperty<>(this, "signIn", SignIn.NONE);
    private final StringProperty user = new SimpleStringProperty(this, "user", "");
    private final StringProperty password = new SimpleStringProperty(this, "password", "");
    private final StringProperty token = new SimpleStringProperty(this, "token", "");
    private final StringProperty tenant = new SimpleStringProperty(this, "tenant", "");
    private final StringProperty caFile = new SimpleStringProperty(this, "caFile", "");
    private final StringBinding problem;
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ObservableList<CheckLine> checks = FXCollections.observableArrayList();
    private final BooleanBinding canAct;

    public RemoteSettingsViewModel(RemoteSettings settings, UiExecutors executors, Executor control) {
        this.settings = settings;
        this.executors = executors;
        this.control = control;
        problem = Bindings.createStringBinding(this::validate, tempo, zipkin, jaeger, loki, prometheus, grafana, signIn, user, token,
                tenant, caFile);
        canAct = Bindings.createBooleanBinding(() -> problem.get().isEmpty() && !busy.get(), problem, busy);
        show(settings.current());
    }

    /** Fills the form from settings (the saved ones at first). */
    public void show(LgtmEndpoints endpoints) {
        tempo.set(text(endpoints.tempo()));
        zipkin.set(text(endpoints.zipkin()));
        jaeger.set(text(endpoints.jaeger()));
        loki.set(text(endpoints.loki()));
        prometheus.set(text(endpoints.prometheus()));
        grafana.set(text(endpoints.grafana()));
        tenant.set(endpoints.tenant());
        caFile.set(endpoints.caCertificate() == null ? "" : endpoints.caCertificate().toString());
        user.set("");
        password.set("");
        token.set("");
        if (endpoints.auth() instanceof Auth.Basic basic) {
            signIn.set(SignIn.BASIC);
            user.set(basic.user());
            password.set(basic.password());
        } else if (endpoints.auth() instanceof Auth.Bearer bearer) {
            signIn.set(SignIn.BEARER);
            token.set(bearer.token());
        } else {
            signIn.set(SignIn.NONE);
        }
    }

    /** Fills in the URLs of the stack the console runs in Docker (everything on 127.0.0.1). */
    public void useDockerStackUrls() {
        show(LgtmEndpoints.dockerDefaults());
    }

    /** Asks every backend in the form for its version, with the form's sign-in; changes nothing. */
    public void testConnection() {
        if (!canAct.get()) {
            return;
        }
        LgtmEndpoints candidate = endpoints();
        busy.set(true);
        message.set("Testing the connection…");
        checks.clear();
        executors.background().execute(() -> {
            List<CheckLine> lines;
            try {
                lines = settings.test(candidate).stream().map(RemoteSettingsViewModel::line).toList();
            } catch (RuntimeException e) {
                lines = List.of(new CheckLine("Connection", false, e.getMessage()));
            }
            List<CheckLine> result = lines;
            executors.ui().execute(() -> {
                busy.set(false);
                checks.setAll(result);
                long failed = result.stream().filter(line -> !line.ok()).count();
                message.set(failed == 0 ? "Every backend answered." : failed + " of " + result.size() + " backends did not answer.");
            });
        });
    }

    /** Stores the settings (owner-only file) and points the remote lab at them. */
    public void save() {
        if (!canAct.get()) {
            return;
        }
        LgtmEndpoints next = endpoints();
        busy.set(true);
        control.execute(() -> {
            String outcome;
            try {
                settings.save(next);
                outcome = "Saved to " + settings.file() + ". Press Start to connect.";
            } catch (IOException | RuntimeException e) {
                outcome = "Could not save the settings to " + settings.file() + ": " + e.getMessage();
            }
            String shown = outcome;
            executors.ui().execute(() -> {
                busy.set(false);
                message.set(shown);
            });
        });
    }

    /** The settings the form describes; IllegalArgumentException says what is wrong. */
    public LgtmEndpoints endpoints() {
        Auth auth = switch (signIn.get()) {
            case NONE -> Auth.NONE;
            case BASIC -> Auth.basic(user.get(), password.get());
            case BEARER -> Auth.bearer(token.get());
        };
        Path ca = caFile.get().isBlank() ? null : Path.of(caFile.get().trim());
        if (ca != null && !Files.isReadable(ca)) {
            throw new IllegalArgumentException("The CA certificate file " + ca + " cannot be read");
        }
        long traceSources = Stream.of(tempo.get(), zipkin.get(), jaeger.get()).filter(text -> !text.isBlank()).count();
        if (traceSources == 0) {
            throw new IllegalArgumentException("A trace source's URL is needed: Tempo, Zipkin or Jaeger");
        }
        if (traceSources > 1) {
            throw new IllegalArgumentException("Give one trace source: Tempo, Zipkin or Jaeger, not several");
        }
        boolean tempoTraces = !tempo.get().isBlank();
        return new LgtmEndpoints(url("Tempo", tempo.get(), false), url("Loki", loki.get(), tempoTraces),
                url("Prometheus", prometheus.get(), true), url("Grafana", grafana.get(), false),
                url("Zipkin", zipkin.get(), false), url("Jaeger", jaeger.get(), false), auth, tenant.get(), ca);
    }

    private String validate() {
        try {
            endpoints();
            return "";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private static URI url(String backend, String text, boolean required) {
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.isEmpty()) {
            if (required) {
                throw new IllegalArgumentException(backend + "'s URL is needed, e.g. https://" + backend.toLowerCase(java.util.Locale.ROOT) + ".example.com");
            }
            return null;
        }
        try {
            return new URI(trimmed);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(backend + "'s URL is not a URL: " + e.getReason());
        }
    }

    private static CheckLine line(RemoteSettings.Check result) {
        return new CheckLine(result.backend(), result.ok(), result.message());
    }

    private static String text(URI uri) {
        return uri == null ? "" : uri.toString();
    }

    public StringProperty tempoProperty() {
        return tempo;
    }

    public StringProperty zipkinProperty() {
        return zipkin;
    }

    public StringProperty jaegerProperty() {
        return jaeger;
    }

    public StringProperty lokiProperty() {
        return loki;
    }

    public StringProperty prometheusProperty() {
        return prometheus;
    }

    public StringProperty grafanaProperty() {
        return grafana;
    }

    public ObjectProperty<SignIn> signInProperty() {
        return signIn;
    }

    public StringProperty userProperty() {
        return user;
    }

    public StringProperty passwordProperty() {
        return password;
    }

    public StringProperty tokenProperty() {
        return token;
    }

    public StringProperty tenantProperty() {
        return tenant;
    }

    public StringProperty caFileProperty() {
        return caFile;
    }

    /** What is wrong with the form, or "" when it can be tested and saved. */
    public StringBinding problemProperty() {
        return problem;
    }

    public BooleanBinding canActProperty() {
        return canAct;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ObservableList<CheckLine> checks() {
        return checks;
    }
}
