package dev.otellab.verify;

import dev.otellab.telemetry.query.TimeRange;

import java.util.List;

/**
 * Every request of a run and the wall-clock window they were sent in: from just before the
 * first request left to just after the last answer came, in Unix epoch nanoseconds.
 */
public record SentTraffic(List<SentRequest> requests, long fromUnixNano, long toUnixNano) {
    public SentTraffic {
        requests = List.copyOf(requests);
    }

    public TimeRange window() {
        return new TimeRange(fromUnixNano, toUnixNano);
    }

    public List<SentRequest> of(RequestKind kind) {
        return requests.stream().filter(request -> request.kind() == kind).toList();
    }

    public List<SentRequest> answered() {
        return requests.stream().filter(SentRequest::answered).toList();
    }
}
