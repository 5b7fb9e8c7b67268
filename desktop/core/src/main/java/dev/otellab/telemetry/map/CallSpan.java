package dev.otellab.telemetry.map;

import dev.otellab.telemetry.model.Attributes;
import dev.otellab.telemetry.model.Span;
import dev.otellab.telemetry.model.SpanKind;

import java.util.function.Function;

/**
 * What the edge rule needs of a span: ids, kind, service, whether it is the browser's, duration,
 * error, and a lookup of its attributes as text (null when absent), read only for calls nobody
 * answered.
 */
public record CallSpan(String spanId, String parentSpanId, SpanKind kind, String service, boolean browser,
                       long durationNanos, boolean error, Function<String, String> attribute) {
    /** The service name of the lab's web page. */
    public static final String BROWSER_SERVICE = "lab-browser";
    /** The OpenTelemetry JS SDK's telemetry.sdk.language in a browser. */
    public static final String BROWSER_SDK_LANGUAGE = "webjs";
    static final String SDK_LANGUAGE = "telemetry.sdk.language";

    public static CallSpan of(Span span) {
        Object language = span.resource().attributes().get(SDK_LANGUAGE);
        return new CallSpan(span.spanId(), span.parentSpanId(), span.kind(), span.serviceName(),
                isBrowser(span.serviceName(), language == null ? null : language.toString()),
                span.durationNanos(), span.isError(), key -> {
                    Object value = span.attributes().get(key);
                    return value == null ? null : Attributes.asText(value);
                });
    }

    /** The browser is service lab-browser, or any service whose SDK language is webjs. */
    public static boolean isBrowser(String service, String sdkLanguage) {
        return BROWSER_SERVICE.equals(service) || BROWSER_SDK_LANGUAGE.equals(sdkLanguage);
    }

    boolean calls() {
        return kind == SpanKind.CLIENT || kind == SpanKind.PRODUCER;
    }

    boolean serves() {
        return kind == SpanKind.SERVER || kind == SpanKind.CONSUMER;
    }
}
