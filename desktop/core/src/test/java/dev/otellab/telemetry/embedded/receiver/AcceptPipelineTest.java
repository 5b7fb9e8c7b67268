package dev.otellab.telemetry.embedded.receiver;

import dev.otellab.telemetry.embedded.receiver.AcceptPipeline.Outcome;
import dev.otellab.telemetry.embedded.receiver.RecordingIngest.Mode;
import dev.otellab.telemetry.otlp.DecodedRequest;
import dev.otellab.telemetry.otlp.OtlpDecoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.otellab.telemetry.otlp.OtlpDecoderTest.SPAN_ID;
import static dev.otellab.telemetry.otlp.OtlpDecoderTest.TRACE_ID;
import static dev.otellab.telemetry.otlp.OtlpDecoderTest.id;
import static dev.otellab.telemetry.otlp.OtlpDecoderTest.protoSpan;
import static dev.otellab.telemetry.otlp.OtlpDecoderTest.traces;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The rules both transports share, without a transport: each outcome, its count, and the place given back. */
class AcceptPipelineTest {
    private final RecordingIngest ingest = new RecordingIngest();
    private final ReceiverStats stats = new ReceiverStats();
    private final Admission admission = new Admission(
            new ReceiverLimits(Duration.ofSeconds(20), 1, 1, 1 << 20, 16, Duration.ofSeconds(20)), ingest);
    private final AcceptPipeline pipeline = new AcceptPipeline(admission, ingest, stats);
    private final AtomicInteger bodiesReleased = new AtomicInteger();

    @AfterEach
    void close() {
        admission.close();
    }

    @Test
    void storesADecodedRequestAndAnswersOnceTheStoreHasIt() throws Exception {
        Outcome outcome = admitAndStore(AcceptPipelineTest::goodRequest);

        assertThat(outcome).isInstanceOf(Outcome.Stored.class);
        assertThat(ingest.spans()).hasSize(1);
        assertThat(stats.acceptedSpans()).isEqualTo(1);
        assertEverythingGivenBack();
    }

    @Test
    void refusesFromTheHeadersWhileTheStoreIsFull() throws Exception {
        ingest.mode(Mode.FULL);
        CompletableFuture<Outcome> answer = new CompletableFuture<>();

        assertThat(pipeline.admit(answer::complete)).isEmpty();

        assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo(
                new Outcome.Refused(Duration.ofMillis(1500), "The store is saturated, retry later."));
        assertThat(stats.throttledRequests()).isEqualTo(1);
        assertThat(admission.lane().freePlaces()).isEqualTo(2);
    }

    @Test
    void refusesFromTheHeadersWhenEveryPlaceIsTaken() throws Exception {
        ingest.mode(Mode.HOLD);
        CompletableFuture<Outcome> first = new CompletableFuture<>();
        CompletableFuture<Outcome> second = new CompletableFuture<>();
        store(pipeline.admit(first::complete).orElseThrow(), AcceptPipelineTest::goodRequest, first);
        store(pipeline.admit(second::complete).orElseThrow(), AcceptPipelineTest::goodRequest, second);
        CompletableFuture<Outcome> third = new CompletableFuture<>();

        assertThat(pipeline.admit(third::complete)).isEmpty();

        assertThat(third.get(10, TimeUnit.SECONDS)).isInstanceOf(Outcome.Refused.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> ingest.held().size() == 2);
        ingest.held().forEach(stage -> stage.complete(null));
        assertThat(first.get(10, TimeUnit.SECONDS)).isInstanceOf(Outcome.Stored.class);
        assertThat(second.get(10, TimeUnit.SECONDS)).isInstanceOf(Outcome.Stored.class);
        assertThat(admission.lane().freePlaces()).isEqualTo(2);
    }

    @Test
    void aRequestTheDecoderRejectsIsMalformedAndNothingIsStored() throws Exception {
        Outcome outcome = admitAndStore(() -> {
            throw new AcceptPipeline.Undecodable(new Outcome.Malformed("not OTLP"));
        });

        assertThat(outcome).isEqualTo(new Outcome.Malformed("not OTLP"));
        assertThat(stats.malformedRequests()).isEqualTo(1);
        assertThat(ingest.batches()).isEmpty();
        assertEverythingGivenBack();
    }

    @Test
    void aStoreThatFailsTheBatchGivesAFailedOutcome() throws Exception {
        ingest.mode(Mode.FAIL);

        Outcome outcome = admitAndStore(AcceptPipelineTest::goodRequest);

        assertThat(outcome).isInstanceOf(Outcome.Failed.class);
        assertThat(((Outcome.Failed) outcome).message()).contains("disk full");
        assertThat(stats.failedRequests()).isEqualTo(1);
        assertEverythingGivenBack();
    }

    @Test
    void aStoreThatSaturatesOnTheBatchRefusesWithItsRetryAfter() throws Exception {
        ingest.mode(Mode.SATURATED);

        Outcome outcome = admitAndStore(AcceptPipelineTest::goodRequest);

        assertThat(outcome).isInstanceOf(Outcome.Refused.class);
        assertThat(((Outcome.Refused) outcome).retryAfter()).isEqualTo(Duration.ofMillis(2500));
        assertThat(stats.throttledRequests()).isEqualTo(1);
        assertEverythingGivenBack();
    }

    @Test
    void aDecoderThatThrowsFailsTheRequestInsteadOfLosingIt() throws Exception {
        Outcome outcome = admitAndStore(() -> {
            throw new IllegalStateException("bug");
        });

        assertThat(outcome).isInstanceOf(Outcome.Failed.class);
        assertThat(stats.failedRequests()).isEqualTo(1);
        assertEverythingGivenBack();
    }

    private Outcome admitAndStore(AcceptPipeline.Decoder decoder) throws Exception {
        CompletableFuture<Outcome> answer = new CompletableFuture<>();
        DecodeLane.Place place = pipeline.admit(answer::complete).orElseThrow();
        store(place, decoder, answer);
        return answer.get(10, TimeUnit.SECONDS);
    }

    private void store(DecodeLane.Place place, AcceptPipeline.Decoder decoder, CompletableFuture<Outcome> answer) {
        assertThat(place.claim()).isTrue();
        pipeline.decodeAndStore(Signal.TRACES, place, decoder, bodiesReleased::incrementAndGet, answer::complete);
    }

    private void assertEverythingGivenBack() {
        assertThat(admission.lane().freePlaces()).isEqualTo(2);
        assertThat(bodiesReleased).hasValue(1);
    }

    private static DecodedRequest goodRequest() {
        return OtlpDecoder.traces(traces(protoSpan("good", id(TRACE_ID), id(SPAN_ID)).build()));
    }
}
