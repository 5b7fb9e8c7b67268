package dev.otellab.telemetry.otlp;

import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;

/**
 * Decodes whole OTLP/protobuf export request bodies. {@link #DOMAIN} parses them with
 * protobuf-java into the domain model ({@link OtlpDecoder}), which any ingest accepts; a store
 * may offer one that decodes straight into its own rows. Either throws on a malformed body.
 */
public interface OtlpBodyDecoder {

    OtlpBodyDecoder DOMAIN = new OtlpBodyDecoder() {
        @Override
        public DecodedRequest traces(byte[] body) throws InvalidProtocolBufferException {
            return OtlpDecoder.traces(ExportTraceServiceRequest.parseFrom(body));
        }

        @Override
        public DecodedRequest logs(byte[] body) throws InvalidProtocolBufferException {
            return OtlpDecoder.logs(ExportLogsServiceRequest.parseFrom(body));
        }
    };

    DecodedRequest traces(byte[] body) throws InvalidProtocolBufferException;

    DecodedRequest logs(byte[] body) throws InvalidProtocolBufferException;

    default DecodedRequest metrics(byte[] body) throws InvalidProtocolBufferException {
        return OtlpDecoder.metrics(ExportMetricsServiceRequest.parseFrom(body));
    }
}
