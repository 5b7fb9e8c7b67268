package dev.otellab.telemetry.endpoints;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a remote stack answers and how to sign in: the base URLs of Tempo, Loki, Prometheus,
 * Grafana, Zipkin and Jaeger (any may be null when the console does not need it, e.g. a CLI call
 * that only reads traces), one authentication for all of them, an optional tenant (sent as
 * X-Scope-OrgID, as multi-tenant Tempo, Loki and Mimir expect) and an optional CA certificate
 * file (PEM) to trust for HTTPS in addition to the system's CAs. Traces come from one of Tempo,
 * Zipkin and Jaeger ({@link #traceBackend()}).
 */
public record LgtmEndpoints(URI tempo, URI loki, URI prometheus, URI grafana, URI zipkin, URI jaeger, Auth auth,
                            String tenant, Path caCertificate) {

    public LgtmEndpoints {
        tempo = checked("Tempo", tempo);
        loki = checked("Loki", loki);
        prometheus = checked("Prometheus", prometheus);
        grafana = checked("Grafana", grafana);
        zipkin = checked("Zipkin", zipkin);
        jaeger = checked("Jaeger", jaeger);
        auth = auth == null ? Auth.NONE : auth;
        tenant = tenant == null ? "" : tenant.trim();
    }

    /** An LGTM stack without Zipkin or Jaeger. */
    public LgtmEndpoints(URI tempo, URI loki, URI prometheus, URI grafana, Auth auth, String tenant, Path caCertificate) {
        this(tempo, loki, prometheus, grafana, null, null, auth, tenant, caCertificate);
    }

    /**
     * Where traces come from: the first of Tempo, Zipkin and Jaeger that has a URL (Tempo when
     * none has, so that a query says Tempo's URL is missing).
     */
    public Backend traceBackend() {
        if (tempo == null && zipkin != null) {
            return Backend.ZIPKIN;
        }
        if (tempo == null && jaeger != null) {
            return Backend.JAEGER;
        }
        return Backend.TEMPO;
    }

    /** {@code backend} (Tempo, Zipkin or Jaeger) at {@code url} as the only trace source. */
    public LgtmEndpoints withTraceSource(Backend backend, URI url) {
        return switch (backend) {
            case TEMPO -> new LgtmEndpoints(url, loki, prometheus, grafana, null, null, auth, tenant, caCertificate);
            case ZIPKIN -> new LgtmEndpoints(null, loki, prometheus, grafana, url, null, auth, tenant, caCertificate);
            case JAEGER -> new LgtmEndpoints(null, loki, prometheus, grafana, null, url, auth, tenant, caCertificate);
            default -> throw new IllegalArgumentException(backend.displayName() + " is not a trace source");
        };
    }

    /** The stack the console runs in Docker: every port published on the loopback interface. */
    public static LgtmEndpoints dockerDefaults() {
        return new LgtmEndpoints(URI.create("http://127.0.0.1:3200"), URI.create("http://127.0.0.1:3100"),
                URI.create("http://127.0.0.1:9090"), URI.create("http://127.0.0.1:3000"), Auth.NONE, "", null);
    }

    /** No backend set yet: add them with the {@code with...} methods. */
    public static LgtmEndpoints none() {
        return new LgtmEndpoints(null, null, null, null, Auth.NONE, "", null);
    }

    public LgtmEndpoints withTempo(URI value) {
        return new LgtmEndpoints(value, loki, prometheus, grafana, zipkin, jaeger, auth, tenant, caCertificate);
    }

    public LgtmEndpoints withLoki(URI value) {
        return new LgtmEndpoints(tempo, value, prometheus, grafana, zipkin, jaeger, auth, tenant, caCertificate);
    }

    public LgtmEndpoints withPrometheus(URI value) {
        return new LgtmEndpoints(tempo, loki, value, grafana, zipkin, jaeger, auth, tenant, caCertificate);
    }

    public LgtmEndpoints withGrafana(URI value) {
        return new LgtmEndpoints(tempo, loki, prometheus, value, zipkin, jaeger, auth, tenant, caCertificate);
    }

    public LgtmEndpoints withAuth(Auth value) {
        return new LgtmEndpoints(tempo, loki, prometheus, grafana, zipkin, jaeger, value, tenant, caCertificate);
    }

    public LgtmEndpoints withTenant(String value) {
        return new LgtmEndpoints(tempo, loki, prometheus, grafana, zipkin, jaeger, auth, value, caCertificate);
    }

    public LgtmEndpoints withCaCertificate(Path value) {
        return new LgtmEndpoints(tempo, loki, prometheus, grafana, zipkin, jaeger, auth, tenant, value);
    }

    public Optional<String> tenantId() {
        return tenant.isEmpty() ? Optional.empty() : Optional.of(tenant);
    }

    private static URI checked(String backend, URI uri) {
        if (uri == null) {
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException(backend + "'s URL must be an http:// or https:// address with a host, got '"
                    + uri + "'");
        }
        return uri;
    }

    /** How the console signs in to the backends. Secrets never appear in {@code toString()}. */
    public sealed interface Auth permits Auth.None, Auth.Basic, Auth.Bearer {
        Auth NONE = new None();

        static Auth basic(String user, String password) {
            return new Basic(user, password);
        }

        static Auth bearer(String token) {
            return new Bearer(token);
        }

        /** No Authorization header. */
        record None() implements Auth {
        }

        /** HTTP basic authentication (e.g. Grafana Cloud: instance id and an access token). */
        record Basic(String user, String password) implements Auth {
            public Basic {
                if (user == null || user.isBlank()) {
                    throw new IllegalArgumentException("Basic authentication needs a user name");
                }
                password = password == null ? "" : password;
            }

            @Override
            public String toString() {
                return "Basic[user=" + user + ", password=***]";
            }
        }

        /** A bearer token in the Authorization header. */
        record Bearer(String token) implements Auth {
            public Bearer {
                if (token == null || token.isBlank()) {
                    throw new IllegalArgumentException("A bearer token is not empty");
                }
                token = token.trim();
            }

            @Override
            public String toString() {
                return "Bearer[token=***]";
            }
        }
    }
}
