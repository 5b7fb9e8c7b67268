package dev.otellab.telemetry.embedded.receiver;

import dev.otellab.telemetry.otlp.DecodedRequest;
import dev.otellab.telemetry.otlp.OtlpBodyDecoder;
import dev.otellab.telemetry.otlp.OtlpJsonParser;
import dev.otellab.telemetry.otlp.OtlpDecoder;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsPartialSuccess;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;

/** The OTLP request and response messages of each signal, shared by the HTTP and gRPC servers. */
final class OtlpMessages {
    private static final ExportTraceServiceResponse TRACES_OK = ExportTraceServiceResponse.getDefaultInstance();
    private static final ExportLogsServiceResponse LOGS_OK = ExportLogsServiceResponse.getDefaultInstance();
    private static final ExportMetricsServiceResponse METRICS_OK = ExportMetricsServiceResponse.getDefaultInstance();

    private OtlpMessages() {
    }

    /** Decodes a whole OTLP/HTTP protobuf body; throws on anything malformed (nothing is kept then). */
    static DecodedRequest decodeProtobuf(OtlpBodyDecoder decoder, Signal signal, byte[] body)
            throws InvalidProtocolBufferException {
        return switch (signal) {
            case TRACES -> decoder.traces(body);
            case LOGS -> decoder.logs(body);
            case METRICS -> decoder.metrics(body);
        };
    }

    /** Decodes a whole OTLP/JSON body; throws on anything malformed (nothing is kept then). */
    static DecodedRequest decodeJson(Signal signal, byte[] body) throws InvalidProtocolBufferException {
        return switch (signal) {
            case TRACES -> OtlpDecoder.traces(OtlpJsonParser.traces(body));
            case LOGS -> OtlpDecoder.logs(OtlpJsonParser.logs(body));
            case METRICS -> OtlpDecoder.metrics(OtlpJsonParser.metrics(body));
        };
    }

    /** The Export*ServiceResponse for a stored request, with partial_success when items were rejected. */
    static Message response(Signal signal, DecodedRequest decoded) {
        return switch (signal) {
            case TRACES -> tracesResponse(decoded);
            case LOGS -> logsResponse(decoded);
            case METRICS -> metricsResponse(decoded);
        };
    }

    static ExportTraceServiceResponse tracesResponse(DecodedRequest decoded) {
        if (!decoded.hasRejections()) {
            return TRACES_OK;
        }
        return ExportTraceServiceResponse.newBuilder()
                .setPartialSuccess(ExportTracePartialSuccess.newBuilder()
                        .setRejectedSpans(decoded.rejected())
                        .setErrorMessage(decoded.errorMessage()))
                .build();
    }

    static ExportLogsServiceResponse logsResponse(DecodedRequest decoded) {
        if (!decoded.hasRejections()) {
            return LOGS_OK;
        }
        return ExportLogsServiceResponse.newBuilder()
                .setPartialSuccess(ExportLogsPartialSuccess.newBuilder()
                        .setRejectedLogRecords(decoded.rejected())
                        .setErrorMessage(decoded.errorMessage()))
                .build();
    }

    static ExportMetricsServiceResponse metricsResponse(DecodedRequest decoded) {
        if (!decoded.hasRejections()) {
            return METRICS_OK;
        }
        return ExportMetricsServiceResponse.newBuilder()
                .setPartialSuccess(ExportMetricsPartialSuccess.newBuilder()
                        .setRejectedDataPoints(decoded.rejected())
                        .setErrorMessage(decoded.errorMessage()))
                .build();
    }
}
