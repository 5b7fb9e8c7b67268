package dev.otellab.lab.remote;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otellab.config.AtomicFiles;
import dev.otellab.config.Json;
import dev.otellab.telemetry.endpoints.LgtmEndpoints;
import dev.otellab.telemetry.endpoints.LgtmEndpoints.Auth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The remote stack's settings in {@code remote-stack.json} in the console's config folder:
 * URLs (Tempo, Loki, Prometheus, Grafana, Zipkin, Jaeger), sign-in, tenant and CA file. The file may hold a password or token, so it is written
 * readable by its owner only. A missing or unreadable file means "not configured yet".
 */
public final class RemoteSettingsStore {
    public static final String FILE_NAME = "remote-stack.json";
    private static final Logger LOG = LoggerFactory.getLogger(RemoteSettingsStore.class);

    private final Path file;
    private final ObjectMapper mapper = Json.mapper();

    public RemoteSettingsStore(Path configDir) {
        this.file = configDir.resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    public LgtmEndpoints load() {
        try {
            return mapper.readValue(Files.readAllBytes(file), Stored.class).toEndpoints();
        } catch (NoSuchFileException e) {
            return LgtmEndpoints.none();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Ignoring the remote stack settings in {}: they cannot be read ({})", file, e.getMessage());
            return LgtmEndpoints.none();
        }
    }

    /** Writes the settings whole, owner-only. */
    public void save(LgtmEndpoints endpoints) throws IOException {
        Files.createDirectories(file.getParent());
        AtomicFiles.writePrivate(file, Json.indented().writeValueAsBytes(Stored.of(endpoints)));
    }

    /** The file's shape: plain strings, so a user can read and edit it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Stored(String tempo, String loki, String prometheus, String grafana, String zipkin, String jaeger,
                  String auth, String user, String password, String token, String tenant, String caCertificate) {

        static Stored of(LgtmEndpoints endpoints) {
            String kind = "none";
            String user = null;
            String password = null;
            String token = null;
            if (endpoints.auth() instanceof Auth.Basic basic) {
                kind = "basic";
                user = basic.user();
                password = basic.password();
            } else if (endpoints.auth() instanceof Auth.Bearer bearer) {
                kind = "bearer";
                token = bearer.token();
            }
            return new Stored(text(endpoints.tempo()), text(endpoints.loki()), text(endpoints.prometheus()),
                    text(endpoints.grafana()), text(endpoints.zipkin()), text(endpoints.jaeger()), kind, user, password, token, endpoints.tenant(),
                    endpoints.caCertificate() == null ? null : endpoints.caCertificate().toString());
        }

        LgtmEndpoints toEndpoints() {
            Auth signIn = switch (auth == null ? "none" : auth) {
                case "basic" -> Auth.basic(user, password);
                case "bearer" -> Auth.bearer(token);
                default -> Auth.NONE;
            };
            return new LgtmEndpoints(uri(tempo), uri(loki), uri(prometheus), uri(grafana), uri(zipkin), uri(jaeger),
                    signIn, tenant,
                    caCertificate == null || caCertificate.isBlank() ? null : Path.of(caCertificate));
        }

        private static String text(URI uri) {
            return uri == null ? null : uri.toString();
        }

        private static URI uri(String text) {
            return text == null || text.isBlank() ? null : URI.create(text.trim());
        }
    }
}
