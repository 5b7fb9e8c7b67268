package dev.otellab.telemetry.map;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.IdGenerator;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Multi-service traces made with the real OpenTelemetry SDK, one tracer provider per service
 * (lab-browser, lab-web, lab-backend), exported as OTLP/HTTP to a receiver. Every span has the
 * start and length given here, so a test can compute the service map by hand: a browser
 * request is click (INTERNAL) -> fetch (CLIENT 120 ms) -> lab-web SERVER -> CLIENT (90 ms,
 * server.address lab-backend) -> lab-backend SERVER -> SQL CLIENT (10 ms, db.system.name sqlite,
 * db.namespace tasks); a direct request starts at lab-web's SERVER span (100 ms).
 */
public final class MultiServiceTraffic implements AutoCloseable {
    public static final long FETCH_MS = 120;
    public static final long WEB_SERVER_MS = 100;
    public static final long WEB_CLIENT_MS = 90;
    public static final long BACKEND_SERVER_MS = 80;
    public static final long SQL_MS = 10;
    public static final long PEER_MS = 40;

    private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");
    private final List<SdkTracerProvider> providers = new ArrayList<>();
    private final Tracer browser;
    private final Tracer web;
    private final Tracer backend;

    public MultiServiceTraffic(String otlpHttpBaseUrl) {
        browser = tracer(otlpHttpBaseUrl, "lab-browser");
        web = tracer(otlpHttpBaseUrl, "lab-web");
        backend = tracer(otlpHttpBaseUrl, "lab-backend");
    }

    private Tracer tracer(String baseUrl, String service) {
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(SERVICE_NAME, service))))
                .addSpanProcessor(BatchSpanProcessor.builder(OtlpHttpSpanExporter.builder()
                        .setEndpoint(baseUrl + "/v1/traces").build()).build())
                .build();
        providers.add(provider);
        return provider.get("lab.traffic");
    }

    /** A click in the page that fetches through lab-web from lab-backend; returns the trace id. */
    public String browserRequest(long startNanos, boolean failInBackend) {
        Span click = start(browser, "click Add", SpanKind.INTERNAL, Context.root(), startNanos);
        Span fetch = start(browser, "fetch GET", SpanKind.CLIENT, Context.root().with(click), startNanos + ms(1));
        webRequest(Context.root().with(fetch), startNanos + ms(5), failInBackend);
        end(fetch, startNanos + ms(1) + ms(FETCH_MS), failInBackend);
        end(click, startNanos + ms(FETCH_MS + 5), false);
        return click.getSpanContext().getTraceId();
    }

    /** A request sent straight to lab-web (no browser span): Tempo counts it as called by the user. */
    public String directRequest(long startNanos, boolean failInBackend) {
        return webRequest(Context.root(), startNanos, failInBackend);
    }

    /** lab-backend serving a request whose caller sent no spans, calling an uninstrumented peer. */
    public String peerCall(long startNanos, boolean fail) {
        Span server = start(backend, "POST /api/pay", SpanKind.SERVER, Context.root(), startNanos);
        Span call = start(backend, "POST", SpanKind.CLIENT, Context.root().with(server), startNanos + ms(1));
        call.setAttribute("server.address", "payments.example");
        call.setAttribute("server.port", 443L);
        end(call, startNanos + ms(1 + PEER_MS), fail);
        end(server, startNanos + ms(2 + PEER_MS), fail);
        return server.getSpanContext().getTraceId();
    }

    /** A lab-backend SERVER span whose remote parent never arrives: no call (as in Tempo). */
    public String orphanServer(long startNanos) {
        SpanContext remote = SpanContext.createFromRemoteParent(IdGenerator.random().generateTraceId(),
                IdGenerator.random().generateSpanId(), TraceFlags.getSampled(), TraceState.getDefault());
        Span server = start(backend, "GET /api/tasks", SpanKind.SERVER, Context.root().with(Span.wrap(remote)),
                startNanos);
        end(server, startNanos + ms(BACKEND_SERVER_MS), false);
        return server.getSpanContext().getTraceId();
    }

    private String webRequest(Context parent, long startNanos, boolean fail) {
        Span server = start(web, "GET /api/tasks", SpanKind.SERVER, parent, startNanos);
        server.setAttribute("http.route", "/api/tasks");
        Span client = start(web, "GET", SpanKind.CLIENT, parent.with(server), startNanos + ms(2));
        client.setAttribute("server.address", "lab-backend");
        client.setAttribute("server.port", 8080L);
        Span backendServer = start(backend, "GET /api/tasks", SpanKind.SERVER, parent.with(client), startNanos + ms(3));
        backendServer.setAttribute("http.route", "/api/tasks");
        Span sql = start(backend, "SELECT tasks", SpanKind.CLIENT, parent.with(backendServer), startNanos + ms(4));
        sql.setAttribute("db.system.name", "sqlite");
        sql.setAttribute("db.namespace", "tasks");
        end(sql, startNanos + ms(4 + SQL_MS), false);
        backendServer.setAttribute("http.response.status_code", fail ? 500L : 200L);
        end(backendServer, startNanos + ms(3 + BACKEND_SERVER_MS), fail);
        client.setAttribute("http.response.status_code", fail ? 500L : 200L);
        end(client, startNanos + ms(2 + WEB_CLIENT_MS), false);
        server.setAttribute("http.response.status_code", fail ? 502L : 200L);
        end(server, startNanos + ms(WEB_SERVER_MS), fail);
        return server.getSpanContext().getTraceId();
    }

    private static Span start(Tracer tracer, String name, SpanKind kind, Context parent, long startNanos) {
        return tracer.spanBuilder(name).setSpanKind(kind).setParent(parent)
                .setStartTimestamp(startNanos, TimeUnit.NANOSECONDS).startSpan();
    }

    private static void end(Span span, long endNanos, boolean error) {
        if (error) {
            span.setStatus(StatusCode.ERROR, "failed");
        }
        span.end(endNanos, TimeUnit.NANOSECONDS);
    }

    private static long ms(long millis) {
        return millis * 1_000_000L;
    }

    /** Sends every span ended so far; true when the receiver took them all. */
    public boolean flush() {
        return providers.stream().allMatch(provider -> provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess());
    }

    @Override
    public void close() {
        providers.forEach(provider -> provider.shutdown().join(10, TimeUnit.SECONDS));
    }
}
