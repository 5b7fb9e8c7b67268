package dev.otellab.telemetry.embedded;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.otellab.telemetry.embedded.EncodedBatch.ResourceKey;
import dev.otellab.telemetry.otlp.DecodedRequest;
import dev.otellab.telemetry.otlp.OtlpBodyDecoder;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The row decoder makes exactly the rows the domain path makes, and leaves what it does not cover to it. */
class OtlpRowDecoderTest {
    private static final OtlpBodyDecoder ROWS = OtlpRowDecoder.WITH_DOMAIN_FALLBACK;
    private final Random random = new Random(13);

    @Test
    void spansOfEveryCoveredKindBecomeTheRowsOfTheDomainPath() throws Exception {
        Span.Builder server = span().setName("GET /api/tasks/{id}").setKind(Span.SpanKind.SPAN_KIND_SERVER)
                .addAttributes(text("http.route", "/api/tasks/{id}"))
                .addAttributes(number("http.response.status_code", 503))
                .addAttributes(text("tenant.name", "Zürich ✓"))
                .addAttributes(text("grüße", "key outside the well-known ones, not ASCII"))
                .addAttributes(text("long.note", "sixteen ascii b. then not: ünïcödé"))
                .addAttributes(KeyValue.newBuilder().setKey("sampled").setValue(AnyValue.newBuilder().setBoolValue(true)))
                .addAttributes(KeyValue.newBuilder().setKey("ratio").setValue(AnyValue.newBuilder().setDoubleValue(-0.25)))
                .addAttributes(KeyValue.newBuilder().setKey("raw").setValue(AnyValue.newBuilder()
                        .setBytesValue(ByteString.copyFrom(new byte[] {0, -1, 7}))))
                .addAttributes(KeyValue.newBuilder().setKey("no value"))
                .addAttributes(KeyValue.newBuilder().setKey("empty value").setValue(AnyValue.getDefaultInstance()))
                .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage("boom"));
        Span.Builder blankRoute = span().setName("POST /orders").setKind(Span.SpanKind.SPAN_KIND_SERVER)
                .addAttributes(text("http.route", " "))
                .addAttributes(text("http.status_code", " 404 "));
        Span.Builder child = span().setName("SELECT tasks").setKind(Span.SpanKind.SPAN_KIND_CLIENT)
                .setParentSpanId(id(8)).setTraceState("k=v").setFlags(1)
                .addAttributes(KeyValue.newBuilder().setKey("http.response.status_code")
                        .setValue(AnyValue.newBuilder().setDoubleValue(201.9)))
                .addAttributes(text("http.status_code", "200"))
                .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_OK));
        Span.Builder zeroParent = span().setParentSpanId(ByteString.copyFrom(new byte[8])).setKind(Span.SpanKind.forNumber(5))
                .addAttributes(text("http.response.status_code", "not a number"));
        Span.Builder bare = Span.newBuilder().setTraceId(id(16)).setSpanId(id(8))
                .setStartTimeUnixNano(2_000).setEndTimeUnixNano(1_000);
        ExportTraceServiceRequest request = ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(ResourceSpans.newBuilder()
                        .setResource(Resource.newBuilder().addAttributes(text("service.name", "checkout"))
                                .addAttributes(text("host.name", "lab-1")))
                        .addScopeSpans(ScopeSpans.newBuilder()
                                .setScope(InstrumentationScope.newBuilder().setName("io.opentelemetry.jdbc").setVersion("2.1"))
                                .addSpans(server).addSpans(blankRoute).addSpans(child))
                        .addScopeSpans(ScopeSpans.newBuilder().addSpans(zeroParent).addSpans(bare)))
                .addResourceSpans(ResourceSpans.newBuilder()
                        .addScopeSpans(ScopeSpans.newBuilder().addSpans(span())))
                .addResourceSpans(ResourceSpans.newBuilder()
                        .setResource(Resource.newBuilder().addAttributes(text("service.name", "  ")))
                        .addScopeSpans(ScopeSpans.newBuilder().addSpans(span())))
                .build();

        EncodedBatch rows = rows(ROWS.traces(request.toByteArray()));

        assertSameRows(rows, EncodedBatch.of(OtlpBodyDecoder.DOMAIN.traces(request.toByteArray()).batch()));
        assertThat(rows.spans()).hasSize(7);
        assertThat(rows.spans().get(0).route()).isEqualTo("/api/tasks/{id}");
        assertThat(rows.spans().get(0).httpStatus()).isEqualTo(503);
        assertThat(rows.spans().get(1).route()).isEqualTo("POST /orders");
        assertThat(rows.spans().get(1).httpStatus()).isEqualTo(404);
        assertThat(rows.spans().get(2).httpStatus()).isEqualTo(201);
        assertThat(rows.spans().get(5).service()).isEqualTo("unknown_service");
    }

    @Test
    void logRecordsBecomeTheRowsOfTheDomainPath() throws Exception {
        ExportLogsServiceRequest request = ExportLogsServiceRequest.newBuilder()
                .addResourceLogs(ResourceLogs.newBuilder()
                        .setResource(Resource.newBuilder().addAttributes(text("service.name", "lab-backend")))
                        .addScopeLogs(ScopeLogs.newBuilder()
                                .setScope(InstrumentationScope.newBuilder().setName("lab.backend.Http"))
                                .addLogRecords(LogRecord.newBuilder().setTimeUnixNano(5).setObservedTimeUnixNano(6)
                                        .setSeverityNumberValue(17).setSeverityText("ERROR")
                                        .setBody(AnyValue.newBuilder().setStringValue("Bestellung fehlgeschlagen ✗"))
                                        .setTraceId(id(16)).setSpanId(id(8))
                                        .addAttributes(number("http.response.status_code", 500))
                                        .addAttributes(text("logger.name", "lab.backend.Http")))
                                .addLogRecords(LogRecord.newBuilder().setObservedTimeUnixNano(7).setSeverityNumberValue(9)
                                        .setTraceId(ByteString.copyFrom(new byte[16])))
                                .addLogRecords(LogRecord.newBuilder().setEventName("ignored").setFlags(1))))
                .build();

        EncodedBatch rows = rows(ROWS.logs(request.toByteArray()));

        assertSameRows(rows, EncodedBatch.of(OtlpBodyDecoder.DOMAIN.logs(request.toByteArray()).batch()));
        assertThat(rows.logs()).hasSize(3);
        assertThat(rows.logs().get(1).severityText()).isEqualTo("INFO");
        assertThat(rows.logs().get(1).timeNs()).isEqualTo(7);
        assertThat(rows.logs().get(1).traceId()).isNull();
    }

    @Test
    void whatItDoesNotCoverGoesThroughTheDomainDecoderWithItsRejections() throws Exception {
        List<Span.Builder> uncovered = List.of(
                span().addEvents(Span.Event.newBuilder().setName("exception").setTimeUnixNano(1)),
                span().addLinks(Span.Link.newBuilder().setTraceId(id(16)).setSpanId(id(8))),
                span().addAttributes(KeyValue.newBuilder().setKey("list").setValue(AnyValue.newBuilder()
                        .setArrayValue(ArrayValue.newBuilder().addValues(AnyValue.newBuilder().setIntValue(1))))),
                span().addAttributes(KeyValue.newBuilder().setKey("map").setValue(AnyValue.newBuilder()
                        .setKvlistValue(KeyValueList.newBuilder().addValues(text("a", "b"))))),
                span().addAttributes(text("tenant.id", "a")).addAttributes(text("tenant.id", "b")),
                span().addAttributes(text("custom.key", "a")).addAttributes(text("tenant.id", "b"))
                        .addAttributes(text("custom.key", "c")),
                span().addAttributes(number("http.route", 7)).setKind(Span.SpanKind.SPAN_KIND_SERVER),
                span().setTraceId(ByteString.copyFrom(new byte[16])),
                span().setSpanId(id(4)));
        for (Span.Builder span : uncovered) {
            byte[] body = ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
                    .addScopeSpans(ScopeSpans.newBuilder().addSpans(span()).addSpans(span))).build().toByteArray();

            DecodedRequest decoded = ROWS.traces(body);
            DecodedRequest domain = OtlpBodyDecoder.DOMAIN.traces(body);

            assertThat(decoded.batch().prepared()).as(span.toString()).isNull();
            assertThat(decoded).isEqualTo(domain);
        }
        byte[] jsonBody = ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
                .addScopeLogs(ScopeLogs.newBuilder().addLogRecords(LogRecord.newBuilder()
                        .setBody(AnyValue.newBuilder().setIntValue(42))))).build().toByteArray();
        assertThat(ROWS.logs(jsonBody).batch().prepared()).isNull();
        assertThat(ROWS.logs(jsonBody).batch().logs().get(0).body()).isEqualTo("42");
    }

    @Test
    void aMalformedBodyIsRefusedAsTheDomainDecoderRefusesIt() {
        byte[] body = ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
                .addScopeSpans(ScopeSpans.newBuilder().addSpans(span()))).build().toByteArray();
        byte[] truncated = Arrays.copyOf(body, body.length - 3);
        byte[] invalidUtf8 = ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
                .addScopeSpans(ScopeSpans.newBuilder().addSpans(span().addAttributes(text("k", "a~("))))).build()
                .toByteArray();
        invalidUtf8[indexOf(invalidUtf8, "a~(".getBytes(StandardCharsets.US_ASCII)) + 1] = (byte) 0xC3; // no continuation

        assertThatThrownBy(() -> ROWS.traces(truncated)).isInstanceOf(InvalidProtocolBufferException.class);
        assertThatThrownBy(() -> ROWS.traces(invalidUtf8)).isInstanceOf(InvalidProtocolBufferException.class);
        assertThatThrownBy(() -> ROWS.logs(new byte[] {(byte) 0x0A, (byte) 0xFF})).isInstanceOf(InvalidProtocolBufferException.class);
    }

    @Test
    void anEmptyRequestIsAnEmptyBatch() throws Exception {
        assertThat(ROWS.traces(new byte[0]).batch().isEmpty()).isTrue();
        assertThat(ROWS.logs(new byte[0]).batch().isEmpty()).isTrue();
    }

    private static int indexOf(byte[] bytes, byte[] wanted) {
        for (int i = 0; i + wanted.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + wanted.length, wanted, 0, wanted.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    private static EncodedBatch rows(DecodedRequest decoded) {
        assertThat(decoded.rejected()).isZero();
        assertThat(decoded.batch().prepared()).isInstanceOf(EncodedBatch.class);
        return (EncodedBatch) decoded.batch().prepared();
    }

    /** Record by record, component by component; arrays by content. */
    private static void assertSameRows(EncodedBatch actual, EncodedBatch expected) throws Exception {
        assertThat(actual.spans()).hasSameSizeAs(expected.spans());
        assertThat(actual.logs()).hasSameSizeAs(expected.logs());
        for (int i = 0; i < actual.spans().size(); i++) {
            assertSameRecord(actual.spans().get(i), expected.spans().get(i));
        }
        for (int i = 0; i < actual.logs().size(); i++) {
            assertSameRecord(actual.logs().get(i), expected.logs().get(i));
        }
    }

    private static void assertSameRecord(Record actual, Record expected) throws Exception {
        for (RecordComponent component : actual.getClass().getRecordComponents()) {
            Object a = component.getAccessor().invoke(actual);
            Object e = component.getAccessor().invoke(expected);
            String what = actual.getClass().getSimpleName() + "." + component.getName();
            if (a instanceof byte[] bytes) {
                assertThat(bytes).as(what).isEqualTo((byte[]) e);
            } else if (a instanceof ResourceKey key) {
                assertThat(key).as(what).isEqualTo(e);
                assertThat(key.attrs()).as(what).isEqualTo(((ResourceKey) e).attrs());
            } else {
                assertThat(a).as(what).isEqualTo(e);
            }
        }
    }

    private Span.Builder span() {
        long start = 1_700_000_000_000_000_000L + random.nextInt(1_000_000);
        return Span.newBuilder().setTraceId(id(16)).setSpanId(id(8)).setName("work")
                .setStartTimeUnixNano(start).setEndTimeUnixNano(start + 5_000_000)
                .addAttributes(text("thread.name", "worker-1"));
    }

    private ByteString id(int length) {
        byte[] id = new byte[length];
        random.nextBytes(id);
        id[0] |= 1;
        return ByteString.copyFrom(id);
    }

    private static KeyValue text(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    private static KeyValue number(String key, long value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setIntValue(value)).build();
    }
}
