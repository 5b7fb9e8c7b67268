package dev.otellab.telemetry.files;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.otellab.telemetry.model.LogRecord;
import dev.otellab.telemetry.model.Span;
import dev.otellab.telemetry.otlp.DecodedRequest;
import dev.otellab.telemetry.otlp.OtlpDecoder;
import dev.otellab.telemetry.otlp.OtlpJsonParser;
import dev.otellab.telemetry.otlp.OtlpJsonStreamReader;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Reads a trace file in any of the formats users get from the Collector, Grafana and Tempo
 * (see {@link TraceFileFormat}), with the receiver's own OTLP decoder. All or nothing: any
 * malformed line, wrong id or unknown document makes the whole file fail, with a message that
 * names the line and what is wrong.
 */
public final class TraceFileReader {
    private static final int PREVIEW = 60;

    private TraceFileReader() {
    }

    public static TraceFileContent read(Path file) throws IOException, TraceFileException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new TraceFileException("there is no file " + file);
        }
        return read(bytes);
    }

    public static TraceFileContent read(byte[] bytes) throws TraceFileException {
        int first = skipWhitespace(bytes, 0);
        if (first == bytes.length) {
            throw new TraceFileException("the file is empty");
        }
        Collected collected = new Collected();
        TraceFileFormat format;
        if (bytes[first] != '{') {
            format = TraceFileFormat.OTLP_PROTOBUF;
            protobuf(bytes, collected);
        } else if (isJsonLines(bytes, first)) {
            format = TraceFileFormat.OTLP_JSON_LINES;
            jsonLines(bytes, collected);
        } else {
            format = document(bytes, 0, bytes.length, "the document", 1, collected);
        }
        if (collected.spans.isEmpty() && collected.logs.isEmpty()) {
            throw new TraceFileException("the file holds no spans and no log records");
        }
        return new TraceFileContent(format, collected.spans, collected.logs, collected.skipped);
    }

    /** One JSON object per line: the first non-blank line is a whole document on its own. */
    private static boolean isJsonLines(byte[] bytes, int first) {
        int end = lineEnd(bytes, first);
        if (end == bytes.length) {
            return false;
        }
        try {
            OtlpJsonParser.readTree(bytes, first, end - first);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Lines are decoded in parallel (they are independent), then kept in file order; the first bad line wins. */
    private static void jsonLines(byte[] bytes, Collected collected) throws TraceFileException {
        List<int[]> lines = new ArrayList<>();
        int start = 0;
        int number = 1;
        while (start < bytes.length) {
            int end = lineEnd(bytes, start);
            if (skipWhitespace(bytes, start) < end) {
                lines.add(new int[] {start, end, number});
            }
            start = end + 1;
            number++;
        }
        List<Object> decoded = IntStream.range(0, lines.size()).parallel().mapToObj(i -> {
            int[] line = lines.get(i);
            String where = "line " + line[2];
            Collected one = new Collected();
            try {
                document(bytes, line[0], line[1] - line[0], where, line[2], one);
                return (Object) one;
            } catch (TraceFileException e) {
                return (Object) e;
            }
        }).toList();
        for (Object line : decoded) {
            if (line instanceof TraceFileException e) {
                throw e;
            }
            Collected one = (Collected) line;
            collected.spans.addAll(one.spans);
            collected.logs.addAll(one.logs);
            collected.skipped.addAll(one.skipped);
        }
    }

    /**
     * OTLP requests that start with their resourceSpans/resourceLogs (as exporters write them) are
     * read by the streaming reader; anything else (Tempo's answers, other key orders) as a tree.
     */
    private static TraceFileFormat document(byte[] bytes, int offset, int length, String where, int firstLine,
                                            Collected collected) throws TraceFileException {
        int start = skipWhitespace(bytes, offset);
        boolean traces = startsWith(bytes, start, "{\"resourceSpans\"") || startsWith(bytes, start, "{\"resource_spans\"");
        boolean logs = startsWith(bytes, start, "{\"resourceLogs\"") || startsWith(bytes, start, "{\"resource_logs\"");
        if (!traces && !logs) {
            return document(parse(bytes, offset, length, where, firstLine), where, collected);
        }
        try {
            if (traces) {
                collected.spans(OtlpDecoder.traces(OtlpJsonStreamReader.traces(bytes, offset, length)), where);
            } else {
                collected.logs(OtlpDecoder.logs(OtlpJsonStreamReader.logs(bytes, offset, length)), where);
            }
            return TraceFileFormat.OTLP_JSON;
        } catch (OtlpJsonStreamReader.OtlpJsonException e) {
            throw new TraceFileException("line " + (firstLine + Math.max(0, e.line() - 1)) + ", column " + e.column()
                    + ": not valid OTLP/JSON: " + e.getMessage());
        } catch (JsonProcessingException e) {
            throw invalidJson(e, where, firstLine);
        } catch (IOException e) {
            throw new TraceFileException(where + ": unreadable: " + e.getMessage());
        }
    }

    private static boolean startsWith(byte[] bytes, int at, String prefix) {
        if (at + prefix.length() > bytes.length) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (bytes[at + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static TraceFileException invalidJson(JsonProcessingException e, String where, int firstLine) {
        JsonLocation location = e.getLocation();
        String at = location == null ? where
                : "line " + (firstLine + Math.max(0, location.getLineNr() - 1)) + ", column " + location.getColumnNr();
        return new TraceFileException(at + ": invalid JSON: " + e.getOriginalMessage());
    }

    private static JsonNode parse(byte[] bytes, int offset, int length, String where, int firstLine)
            throws TraceFileException {
        try {
            return OtlpJsonParser.readTree(bytes, offset, length);
        } catch (JsonProcessingException e) {
            throw invalidJson(e, where, firstLine);
        } catch (IOException e) {
            throw new TraceFileException(where + ": unreadable: " + e.getMessage());
        }
    }

    private static TraceFileFormat document(JsonNode tree, String where, Collected collected) throws TraceFileException {
        if (tree == null || !tree.isObject()) {
            throw new TraceFileException(where + ": expected a JSON object (an OTLP export request or Tempo trace)");
        }
        try {
            if (tree.has("resourceSpans") || tree.has("resource_spans")) {
                collected.spans(OtlpDecoder.traces(OtlpJsonParser.traces(tree)), where);
                return TraceFileFormat.OTLP_JSON;
            }
            if (tree.has("resourceLogs") || tree.has("resource_logs")) {
                collected.logs(OtlpDecoder.logs(OtlpJsonParser.logs(tree)), where);
                return TraceFileFormat.OTLP_JSON;
            }
            if (tree.has("resourceMetrics") || tree.has("resource_metrics")) {
                collected.skipped.add(where + ": metrics (a trace file's metrics are not imported)");
                return TraceFileFormat.OTLP_JSON;
            }
            if (tree.has("batches")) {
                collected.spans(OtlpDecoder.traces(OtlpJsonParser.traces(resourceSpans(tree.get("batches")))), where);
                return TraceFileFormat.TEMPO_TRACE_BY_ID;
            }
            if (tree.has("trace") && tree.get("trace").isObject()) {
                JsonNode trace = tree.get("trace");
                if (!trace.has("resourceSpans")) {
                    throw new TraceFileException(where + ": Tempo's answer holds no trace (\"trace\" is empty: the id was not found)");
                }
                collected.spans(OtlpDecoder.traces(OtlpJsonParser.traces(trace)), where);
                return TraceFileFormat.TEMPO_TRACE_BY_ID_V2;
            }
        } catch (InvalidProtocolBufferException e) {
            throw new TraceFileException(where + ": not valid OTLP/JSON: " + e.getMessage());
        }
        throw new TraceFileException(where + ": not a trace document (expected resourceSpans, resourceLogs, "
                + "Tempo's batches or trace), it starts with " + preview(tree));
    }

    private static ObjectNode resourceSpans(JsonNode batches) {
        ObjectNode request = JsonNodeFactory.instance.objectNode();
        request.set("resourceSpans", batches);
        return request;
    }

    /** Protobuf does not say which request it is: traces are tried first, then logs. */
    private static void protobuf(byte[] bytes, Collected collected) throws TraceFileException {
        String traceProblem;
        try {
            DecodedRequest traces = OtlpDecoder.traces(ExportTraceServiceRequest.parseFrom(bytes));
            if (!traces.hasRejections() && !traces.batch().spans().isEmpty()) {
                collected.spans(traces, "the protobuf request");
                return;
            }
            traceProblem = traces.hasRejections() ? traces.errorMessage() : "it holds no spans";
        } catch (InvalidProtocolBufferException e) {
            traceProblem = e.getMessage();
        }
        try {
            DecodedRequest logs = OtlpDecoder.logs(ExportLogsServiceRequest.parseFrom(bytes));
            if (!logs.hasRejections() && !logs.batch().logs().isEmpty()) {
                collected.logs(logs, "the protobuf request");
                return;
            }
        } catch (InvalidProtocolBufferException e) {
            // reported below with the traces' reason, the likelier intent
        }
        throw new TraceFileException("not JSON, and not an OTLP protobuf export request of traces or logs ("
                + traceProblem + ")");
    }

    private static int lineEnd(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return bytes.length;
    }

    private static int skipWhitespace(byte[] bytes, int from) {
        int i = from;
        while (i < bytes.length && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\r' || bytes[i] == '\n')) {
            i++;
        }
        return i;
    }

    private static String preview(JsonNode tree) {
        String text = tree.toString();
        return text.length() <= PREVIEW ? text : text.substring(0, PREVIEW) + "…";
    }

    /** What the lines decoded so far hold. */
    private static final class Collected {
        final List<Span> spans = new ArrayList<>();
        final List<LogRecord> logs = new ArrayList<>();
        final List<String> skipped = new ArrayList<>();

        void spans(DecodedRequest decoded, String where) throws TraceFileException {
            reject(decoded, where);
            spans.addAll(decoded.batch().spans());
        }

        void logs(DecodedRequest decoded, String where) throws TraceFileException {
            reject(decoded, where);
            logs.addAll(decoded.batch().logs());
        }

        private static void reject(DecodedRequest decoded, String where) throws TraceFileException {
            if (decoded.hasRejections()) {
                throw new TraceFileException(where + ": " + decoded.errorMessage());
            }
        }
    }
}
