package dev.otellab.cli;

import dev.otellab.app.LabEngines;
import dev.otellab.app.QuerySources;
import dev.otellab.lab.LabMode;
import dev.otellab.lab.TraceSourceChoice;
import dev.otellab.telemetry.endpoints.LgtmEndpoints;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the query commands read: the embedded store (default), the Docker stack on its
 * loopback ports, or a remote stack (traces from Tempo, Zipkin or Jaeger). Secrets never go on the command line: the options
 * name environment variables that hold them.
 */
final class SourceOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "embedded", converter = LabModeConverter.class,
            description = "Read from: embedded (the console's own store), docker (the lab's stack on 127.0.0.1)"
                    + " or remote (--tempo or --zipkin or --jaeger, --loki, --prometheus). Default: ${DEFAULT-VALUE}.")
    LabMode mode;

    @Option(names = "--tempo", paramLabel = "URL", description = "Tempo's URL (remote mode; overrides docker's).")
    String tempo;

    @Option(names = "--zipkin", paramLabel = "URL",
            description = "Zipkin's URL: traces from Zipkin's API v2 instead of Tempo (no logs unless --loki).")
    String zipkin;

    @Option(names = "--jaeger", paramLabel = "URL",
            description = "Jaeger's query URL: traces from Jaeger's API v3 instead of Tempo (no logs unless --loki).")
    String jaeger;

    @Option(names = "--loki", paramLabel = "URL", description = "Loki's URL (remote mode; overrides docker's).")
    String loki;

    @Option(names = "--prometheus", paramLabel = "URL",
            description = "Prometheus's URL (remote mode; overrides docker's).")
    String prometheus;

    @Option(names = "--user", paramLabel = "USER", description = "Basic authentication user (with --password-env).")
    String user;

    @Option(names = "--password-env", paramLabel = "VAR",
            description = "Name of the environment variable holding the basic authentication password.")
    String passwordEnv;

    @Option(names = "--token-env", paramLabel = "VAR",
            description = "Name of the environment variable holding a bearer token.")
    String tokenEnv;

    @Option(names = "--tenant", paramLabel = "ID", description = "Tenant sent as X-Scope-OrgID (multi-tenant stacks).")
    String tenant;

    @Option(names = "--ca-cert", paramLabel = "FILE", description = "PEM file of a CA to trust for https:// URLs.")
    Path caCert;

    /** Reads environment variables; tests replace it. */
    static java.util.function.Function<String, String> environment = System::getenv;

    /**
     * The sources to query. Embedded: the store read-only, or empty (after the store's friendly
     * hint in text mode) when nothing is stored yet; docker and remote: the LGTM clients.
     */
    Optional<QuerySources> open(StoreOptions store, PrintWriter out) {
        if (mode == LabMode.EMBEDDED && !QuerySources.storeExists(store.storeDir())) {
            store.printNoTelemetryHint(out);
            return Optional.empty();
        }
        return openQuietly(store);
    }

    /** As {@link #open(StoreOptions, PrintWriter)}, without the hint when nothing is stored. */
    Optional<QuerySources> openQuietly(StoreOptions store) {
        return mode == LabMode.EMBEDDED ? QuerySources.openStore(store.storeDir())
                : Optional.of(QuerySources.lgtm(mode, endpoints()));
    }

    LgtmEndpoints endpoints() {
        try {
            long traceSources = java.util.stream.Stream.of(tempo, zipkin, jaeger).filter(java.util.Objects::nonNull).count();
            if (traceSources > 1) {
                throw new IllegalArgumentException("Give one trace source: --tempo, --zipkin or --jaeger");
            }
            LgtmEndpoints endpoints = mode == LabMode.DOCKER ? LabEngines.dockerEndpoints(traceChoice(), traceUrl())
                    : remoteTraces();
            if (loki != null) {
                endpoints = endpoints.withLoki(uri("--loki", loki));
            }
            if (prometheus != null) {
                endpoints = endpoints.withPrometheus(uri("--prometheus", prometheus));
            }
            if (caCert != null && !Files.isReadable(caCert)) {
                throw new IllegalArgumentException("--ca-cert: cannot read " + caCert);
            }
            return endpoints.withAuth(auth()).withTenant(tenant).withCaCertificate(caCert);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** Which trace store the options name (Tempo unless --zipkin or --jaeger). */
    private TraceSourceChoice traceChoice() {
        return zipkin != null ? TraceSourceChoice.ZIPKIN : jaeger != null ? TraceSourceChoice.JAEGER : TraceSourceChoice.TEMPO;
    }

    /** The URL given with --tempo, --zipkin or --jaeger, or null. */
    private URI traceUrl() {
        return switch (traceChoice()) {
            case TEMPO -> tempo == null ? null : uri("--tempo", tempo);
            case ZIPKIN -> uri("--zipkin", zipkin);
            case JAEGER -> uri("--jaeger", jaeger);
        };
    }

    private LgtmEndpoints remoteTraces() {
        URI url = traceUrl();
        if (url == null) {
            return LgtmEndpoints.none();
        }
        return LgtmEndpoints.none().withTraceSource(LabEngines.traceBackend(traceChoice()), url);
    }

    private LgtmEndpoints.Auth auth() {
        if (tokenEnv != null && (user != null || passwordEnv != null)) {
            throw new IllegalArgumentException("Use either --user/--password-env or --token-env, not both");
        }
        if (tokenEnv != null) {
            return LgtmEndpoints.Auth.bearer(secret("--token-env", tokenEnv));
        }
        if (passwordEnv != null && user == null) {
            throw new IllegalArgumentException("--password-env needs --user");
        }
        if (user != null) {
            return LgtmEndpoints.Auth.basic(user, passwordEnv == null ? "" : secret("--password-env", passwordEnv));
        }
        return LgtmEndpoints.Auth.NONE;
    }

    private static String secret(String option, String variable) {
        String value = environment.apply(variable);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(option + ": the environment variable " + variable + " is not set");
        }
        return value;
    }

    private static URI uri(String option, String text) {
        try {
            URI uri = new URI(text.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException(option + " is a URL like http://host:port, got '" + text + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(option + " is a URL like http://host:port, got '" + text + "'");
        }
    }
}
