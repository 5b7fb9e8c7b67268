package dev.otellab.telemetry.client;

import dev.otellab.config.Json;
import dev.otellab.telemetry.endpoints.Backend;
import dev.otellab.telemetry.endpoints.LgtmEndpoints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otellab.telemetry.model.Span;
import dev.otellab.telemetry.otlp.OtlpJsonSpans;
import dev.otellab.telemetry.query.TelemetryQueryException;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * GETs against one stack's backends, answered as JSON, with every failure turned into a
 * {@link TelemetryQueryException} whose message names the backend, its URL, what was asked
 * (e.g. the TraceQL) and what the server said.
 */
public final class LgtmHttp {
    /** The one JSON reader of every remote backend's answers. */
    public static final ObjectMapper JSON = Json.mapper();
    private static final int MAX_SERVER_MESSAGE = 400;

    private final OkHttpClient client;
    private final LgtmEndpoints endpoints;
    private final LgtmClientSettings settings;

    /** One client for every backend of {@code endpoints}: one connection pool, one sign-in. */
    public LgtmHttp(LgtmEndpoints endpoints, LgtmClientSettings settings) {
        this(LgtmHttpClientFactory.create(endpoints, settings), endpoints, settings);
    }

    LgtmHttp(OkHttpClient client, LgtmEndpoints endpoints, LgtmClientSettings settings) {
        this.client = client;
        this.endpoints = endpoints;
        this.settings = settings;
    }

    /** The shared client, for a connection that outlives one request (Loki's live tail). */
    public OkHttpClient client() {
        return client;
    }

    LgtmEndpoints endpoints() {
        return endpoints;
    }

    /**
     * The address of {@code path} (e.g. "api/search") under the backend's base URL, which may carry
     * a path prefix; {@code lastSegment}, when given, is appended as one encoded segment (e.g. a tag name).
     */
    public HttpUrl url(Backend backend, String path, Map<String, String> query, String... lastSegment) {
        URI base = backend.urlIn(endpoints);
        if (base == null) {
            throw new TelemetryQueryException("No " + backend.displayName() + " URL is set: give "
                    + backend.option() + " URL, or set it in the remote settings.");
        }
        HttpUrl.Builder url = HttpUrl.get(base.toString()).newBuilder();
        for (String segment : path.split("/")) {
            url.addPathSegment(segment);
        }
        for (String segment : lastSegment) {
            url.addPathSegment(segment);
        }
        query.forEach(url::addQueryParameter);
        return url.build();
    }

    /** The JSON answer of a GET; any failure is a TelemetryQueryException about {@code what}. */
    public JsonNode getJson(Backend backend, HttpUrl url, String what) {
        return getJson(backend, url, what, Map.of()).orElseThrow(() -> failure(backend, what,
                "answered 404 Not Found: is " + url.encodedPath() + " the right address?"));
    }

    /** As {@link #getJson(Backend, HttpUrl, String)}, but a 404 is an empty answer (e.g. an unknown trace id). */
    public Optional<JsonNode> getJson(Backend backend, HttpUrl url, String what, Map<String, String> headers) {
        Request.Builder request = new Request.Builder().url(url).get().header("Accept", "application/json");
        headers.forEach(request::header);
        try (Response response = client.newCall(request.build()).execute()) {
            ResponseBody body = response.body();
            String text = body.string();
            if (response.code() == 404) {
                return Optional.empty();
            }
            if (!response.isSuccessful()) {
                throw failure(backend, what, rejection(response.code(), text));
            }
            try {
                return Optional.of(JSON.readTree(text));
            } catch (IOException e) {
                throw failure(backend, what, "sent an answer that is not JSON: " + shortened(text));
            }
        } catch (IOException e) {
            throw failure(backend, what, transportProblem(e));
        }
    }

    /**
     * The spans of a trace answer in OTLP's JSON form (its {@code resourceSpans} array); an answer
     * that is not OTLP becomes a TelemetryQueryException about {@code what}.
     */
    public List<Span> otlpSpans(Backend backend, JsonNode resourceSpans, String what) {
        try {
            return OtlpJsonSpans.read(resourceSpans);
        } catch (IllegalArgumentException e) {
            throw failure(backend, what, "sent a trace that is not OTLP JSON: " + e.getMessage());
        }
    }

    public TelemetryQueryException failure(Backend backend, String what, String problem) {
        return new TelemetryQueryException(backend.displayName() + " at " + backend.urlIn(endpoints) + " " + problem
                + " (" + what + ")");
    }

    private static String rejection(int code, String body) {
        String server = shortened(body);
        String said = server.isEmpty() ? "" : ": " + server;
        if (code == 401 || code == 403) {
            return "refused access (HTTP " + code + "): check the user, password or token" + said;
        }
        if (code == 429) {
            return "is overloaded and asks to slow down (HTTP 429)" + said;
        }
        if (code >= 500) {
            return "failed (HTTP " + code + ")" + said;
        }
        return "rejected the query (HTTP " + code + ")" + said;
    }

    public String transportProblem(IOException e) {
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof ConnectException) {
            return "is unreachable (" + detail + "): is it running, and is the URL right?";
        }
        if (e instanceof UnknownHostException) {
            return "is unreachable: the host name is unknown (" + detail + ")";
        }
        if (e instanceof SocketTimeoutException || e instanceof InterruptedIOException) {
            return "did not answer within " + settings.readTimeout().toSeconds() + " s";
        }
        if (e instanceof SSLException) {
            return "failed the TLS handshake (" + detail + "): is its CA certificate trusted (--ca-cert)?";
        }
        return "could not be read (" + detail + ")";
    }

    /** A server's message on one line, short enough for a status bar. */
    public static String shortened(String text) {
        String line = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        return line.length() <= MAX_SERVER_MESSAGE ? line : line.substring(0, MAX_SERVER_MESSAGE) + "…";
    }
}
