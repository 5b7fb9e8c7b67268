package dev.otellab.cli;

import dev.otellab.telemetry.model.TraceId;
import dev.otellab.app.QuerySources;
import dev.otellab.presentation.BarGeometry;
import dev.otellab.presentation.DurationText;
import dev.otellab.telemetry.model.Attributes;
import dev.otellab.telemetry.model.Span;
import dev.otellab.telemetry.model.SpanEvent;
import dev.otellab.telemetry.model.SpanNode;
import dev.otellab.telemetry.model.Trace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code lab-console trace ID}: one trace as a text waterfall. */
@Command(name = "trace", mixinStandardHelpOptions = true,
        description = "Show one trace as a waterfall: a line per span, indented by depth, with a bar to scale.")
final class TraceCommand implements Callable<Integer> {
    static final int BAR_WIDTH = 40;
    private static final int NAME_WIDTH = 48;
    private static final String EXCEPTION_TYPE = "exception.type";
    private static final String EXCEPTION_MESSAGE = "exception.message";

    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions store;

    @Mixin
    SourceOptions source;

    @Parameters(paramLabel = "ID", description = "The trace id: 32 hexadecimal characters.")
    String id;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        TraceId traceId;
        try {
            traceId = TraceId.parse(id);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Optional<Trace> trace = Optional.empty();
        Optional<QuerySources> opened = source.openQuietly(store);
        if (opened.isPresent()) {
            try (QuerySources sources = opened.get()) {
                trace = sources.traces().trace(traceId);
            }
        }
        if (trace.isEmpty()) {
            spec.commandLine().getErr().println("Trace " + traceId + " not found");
            spec.commandLine().getErr().flush();
            return 1;
        }
        if (store.json) {
            out.println(JsonOutput.write(json(trace.get())));
        } else {
            waterfall(trace.get(), out);
        }
        out.flush();
        return 0;
    }

    private static Map<String, Object> json(Trace trace) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("traceId", trace.traceId());
        document.put("summary", trace.summary());
        List<Map<String, Object>> spans = new ArrayList<>();
        for (SpanNode node : trace.depthFirst()) {
            Map<String, Object> span = new LinkedHashMap<>();
            span.put("depth", node.depth());
            span.put("orphan", node.orphan());
            span.put("span", node.span());
            spans.add(span);
        }
        document.put("spans", spans);
        return document;
    }

    static void waterfall(Trace trace, PrintWriter out) {
        long start = trace.startUnixNano();
        long total = trace.durationNanos();
        Span root = trace.rootSpan();
        int errors = trace.errorCount();
        out.printf("Trace %s  %s: %s  %d span%s, %d error%s, %s%n%n", trace.traceId(), root.serviceName(), root.name(),
                trace.spans().size(), trace.spans().size() == 1 ? "" : "s", errors, errors == 1 ? "" : "s",
                DurationText.format(trace.durationNanos()));
        for (SpanNode node : trace.depthFirst()) {
            Span span = node.span();
            String label = "  ".repeat(node.depth()) + span.name();
            if (label.length() > NAME_WIDTH) {
                label = label.substring(0, NAME_WIDTH - 1) + "…";
            }
            StringBuilder line = new StringBuilder();
            line.append(String.format("%-" + NAME_WIDTH + "s |%s| %10s  %s", label,
                    BarGeometry.of(span, start, total).text(BAR_WIDTH), DurationText.format(span.durationNanos()),
                    span.serviceName()));
            if (span.isError()) {
                line.append("  ERROR");
                if (!span.statusMessage().isEmpty()) {
                    line.append(": ").append(span.statusMessage());
                }
            }
            if (node.orphan()) {
                line.append("  (parent ").append(span.parentSpanId()).append(" not received)");
            }
            out.println(line);
            String indent = "  ".repeat(node.depth() + 1);
            for (SpanEvent event : span.events()) {
                if (event.isException()) {
                    out.println(indent + "exception " + exception(event));
                }
            }
        }
    }

    /** "type: message" of an exception event, either part alone when the other is missing. */
    private static String exception(SpanEvent event) {
        String type = text(event.attributes().get(EXCEPTION_TYPE));
        String message = text(event.attributes().get(EXCEPTION_MESSAGE));
        if (type.isEmpty()) {
            return message.isEmpty() ? "(no type or message)" : message;
        }
        return message.isEmpty() ? type : type + ": " + message;
    }

    private static String text(Object value) {
        return value == null ? "" : Attributes.asText(value).strip();
    }
}
