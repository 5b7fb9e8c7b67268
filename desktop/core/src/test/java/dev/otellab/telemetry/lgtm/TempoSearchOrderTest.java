package dev.otellab.telemetry.lgtm;

import dev.otellab.telemetry.client.LgtmClientSettings;
import dev.otellab.telemetry.client.LgtmHttp;
import dev.otellab.telemetry.endpoints.LgtmEndpoints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.otellab.telemetry.model.TraceSummary;
import dev.otellab.telemetry.query.TimeRange;
import dev.otellab.telemetry.query.TraceSearchCriteria;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default listing from Tempo 2.7 is newest first although Tempo's search returns whichever
 * {@code limit} matches it finds first (shared/fixtures/README.md, "Search ordering": 300
 * one-span traces req-0001 .. req-0300 sent from 1796574661.6 to 1796574721.4, searched at
 * 1796574744). Each window gets the answer real Tempo gave for the recorded window it lies in.
 */
class TempoSearchOrderTest {
    private static final long NOW = 1796574744L;
    private static final TimeRange LAST_15_MINUTES = TimeRange.between(Instant.ofEpochSecond(NOW).minus(Duration.ofMinutes(15)),
            Instant.ofEpochSecond(NOW));

    private final FixtureServer server = new FixtureServer();
    private final TempoTraceSource tempo = new TempoTraceSource(new LgtmHttp(
            LgtmEndpoints.none().withTempo(server.uri()), LgtmClientSettings.DEFAULT.withRetries(0)),
            Clock.fixed(Instant.ofEpochSecond(NOW), java.time.ZoneOffset.UTC));

    @AfterEach
    void stop() {
        server.close();
    }

    private void answerFromSecond(long start, String fixture) {
        server.on("/api/search", request -> Long.parseLong(request.param("start")) >= start,
                FixtureServer.fixture("tempo-2.7.2/" + fixture));
    }

    private static List<String> names(List<TraceSummary> traces) {
        return traces.stream().map(TraceSummary::rootName).toList();
    }

    @Test
    void theDefaultListingSearchesTheNewestWindowFirstAndStopsWhenOneHoldsTheLimit() {
        answerFromSecond(0, "order-search-a-from-first-send.json");
        answerFromSecond(NOW - 30, "order-search-b-last-30s.json");
        answerFromSecond(NOW - 10, "order-search-c-last-10s.json");

        List<TraceSummary> found = tempo.search(TraceSearchCriteria.ANY.withService("order-probe"), LAST_15_MINUTES, 20);

        assertThat(server.requests()).extracting(request -> request.param("start") + ".." + request.param("end"))
                .containsExactly((NOW - 10) + ".." + NOW, (NOW - 30) + ".." + NOW);
        assertThat(found).hasSize(20);
        assertThat(found).isSortedAccordingTo(Comparator.comparingLong(TraceSummary::startUnixNano).reversed());
        assertThat(names(found).get(0)).isEqualTo("req-0293");
        // the whole range at once gives 18 of the oldest (req-0005 .. req-0031): none of them here
        assertThat(names(found)).allSatisfy(name -> assertThat(name).isGreaterThanOrEqualTo("req-0264"));
    }

    @Test
    void widerWindowsAreMergedWithoutDuplicates() {
        answerFromSecond(0, "order-search-a-from-first-send.json");
        answerFromSecond(NOW - 10, "order-search-c-last-10s.json");

        List<TraceSummary> found = tempo.search(TraceSearchCriteria.ANY.withService("order-probe"), LAST_15_MINUTES, 20);

        assertThat(server.requests()).extracting(request -> request.param("start"))
                .containsExactly(Long.toString(NOW - 10), Long.toString(NOW - 30), Long.toString(NOW - 90));
        assertThat(found).extracting(TraceSummary::traceId).doesNotHaveDuplicates().hasSize(20);
        assertThat(names(found).subList(0, 3)).containsExactly("req-0300", "req-0299", "req-0031");
    }

    @Test
    void aSparseRangeEndsWithOneSearchOfTheWholeRange() {
        server.on("/api/search", FixtureServer.fixture("tempo-2.7.2/order-search-c-last-10s.json"));

        assertThat(tempo.search(TraceSearchCriteria.ANY, LAST_15_MINUTES, 20)).isEmpty();

        assertThat(server.requests()).extracting(request -> request.param("start")).containsExactly(
                Long.toString(NOW - 10), Long.toString(NOW - 30), Long.toString(NOW - 90), Long.toString(NOW - 270),
                Long.toString(NOW - 810), Long.toString(NOW - 900));
    }

    @Test
    void aSubMillisecondTraceHasTheDurationOfItsSpansNotZero() {
        // Tempo writes durationMs as whole milliseconds and leaves the field out when it is 0
        ObjectNode answer = (ObjectNode) (
                readJson(FixtureServer.resource("tempo-2.7.2/order-search-b-last-30s.json")));
        ObjectNode first = (ObjectNode) answer.path("traces").get(0);
        first.remove("durationMs");
        first.path("spanSet").path("spans").forEach(span -> ((ObjectNode) span).put("durationNanos", "850000"));
        first.path("spanSets").forEach(set -> set.path("spans")
                .forEach(span -> ((ObjectNode) span).put("durationNanos", "850000")));
        server.on("/api/search", FixtureServer.Answer.json(answer.toString()));

        List<TraceSummary> found = tempo.search(TraceSearchCriteria.ANY, TimeRange.between(
                Instant.ofEpochSecond(NOW - 30), Instant.ofEpochSecond(NOW)), 20);

        assertThat(found.get(0).rootName()).isEqualTo("req-0293");
        assertThat(found.get(0).durationNanos()).isEqualTo(850_000L);
        assertThat(found.get(1).durationNanos()).as("whole 5 ms stay 5 ms").isEqualTo(5_000_000L);
    }

    @Test
    void wholeMillisecondsAreRefinedByTheMatchedSpans() {
        server.on("/api/search", FixtureServer.fixture("tempo-2.7.2/rich-search-service.json"));

        Map<String, Long> durations = new java.util.HashMap<>();
        tempo.search(TraceSearchCriteria.ANY, TimeRange.between(Instant.ofEpochSecond(1795595100L),
                Instant.ofEpochSecond(1795595200L)), 20).forEach(trace -> durations.put(trace.traceId(), trace.durationNanos()));

        // durationMs 15; its "charge card" span starts 6 ms in and lasts 9.184622 ms
        assertThat(durations).containsEntry("f6d2b99fcc60c0ca4f6558eb5785eba9", 15_184_622L);
    }

    private static JsonNode readJson(String text) {
        try {
            return LgtmHttp.JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
