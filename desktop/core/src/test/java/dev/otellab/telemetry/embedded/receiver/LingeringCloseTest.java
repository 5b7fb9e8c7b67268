package dev.otellab.telemetry.embedded.receiver;

import dev.otellab.telemetry.embedded.receiver.RecordingIngest.Mode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Answers given before the body was read, on raw sockets: a client that sends its whole body before
 * it reads still reads the answer, and one that never stops sending is disconnected, not served forever.
 */
class LingeringCloseTest {
    private static final int LIMIT = 64 * 1024;
    private static final byte[] CHUNK = new byte[16 * 1024];
    /** Within the default size limit (16 MiB), far beyond what the sockets' buffers take before the server reads. */
    private static final int FULL_SIZE_BODY = 12 * 1024 * 1024;
    private final RecordingIngest ingest = new RecordingIngest();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Socket> sockets = new ArrayList<>();
    private OtlpReceiver receiver;

    @AfterEach
    void closeEverything() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        if (receiver != null) {
            receiver.stop();
        }
    }

    private void start(ReceiverLimits limits) {
        receiver = new OtlpReceiver(ReceiverSettings.anyFreePorts().withMaxBodyBytes(LIMIT), ingest, limits);
        receiver.start();
    }

    /** Requests within the default size limit (16 MiB), refused from their headers (a second late). */
    private void startWithAFullStoreAndTheDefaultSizeLimit() {
        receiver = new OtlpReceiver(ReceiverSettings.anyFreePorts(), ingest, ReceiverLimits.DEFAULT);
        receiver.start();
        ingest.mode(Mode.FULL);
    }

    @Test
    void aClientThatSendsItsWholeBodyBeforeReadingReadsThe413() throws Exception {
        start(ReceiverLimits.DEFAULT);
        Socket socket = connect();
        // far over the limit and still within the linger: the server answers after 64 KiB and reads on
        sendChunkedHead(socket);
        for (int sent = 0; sent < 32 * LIMIT; sent += CHUNK.length) {
            sendChunk(socket);
        }
        socket.getOutputStream().write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

        String answer = HostileSendersTest.readAnswer(socket);

        assertThat(answer).startsWith("HTTP/1.1 413").containsIgnoringCase("Connection: close");
        assertThat(socket.getInputStream().readAllBytes()).asString(StandardCharsets.UTF_8).contains("too large");
        assertThat(ingest.batches()).isEmpty();
    }

    @Test
    void aClientRefusedFromTheHeadersThatSendsItsWholeBodyBeforeReadingReadsThe429() throws Exception {
        startWithAFullStoreAndTheDefaultSizeLimit();
        Socket socket = connect();
        sendHead(socket, FULL_SIZE_BODY);
        socket.getOutputStream().write(new byte[FULL_SIZE_BODY]);

        assertThat(HostileSendersTest.readAnswer(socket)).startsWith("HTTP/1.1 429")
                .containsIgnoringCase("Retry-After: 2").containsIgnoringCase("Connection: close");
        assertThat(ingest.batches()).isEmpty();
    }

    @Test
    void aRefusedJavaHttpClientStillSendingItsBodyReadsThe429() throws Exception {
        startWithAFullStoreAndTheDefaultSizeLimit();
        HttpRequest request = HttpRequest.newBuilder(URI.create(receiver.endpoints().httpUrl() + "/v1/traces"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/x-protobuf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[FULL_SIZE_BODY])).build();

        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(ingest.batches()).isEmpty();
    }

    @Test
    void aClientThatNeverStopsSendingIsDisconnected() throws Exception {
        start(ReceiverLimits.DEFAULT);
        Socket socket = connect();
        sendChunkedHead(socket);
        CompletableFuture<IOException> stopped = sendForever(socket, 0);

        assertThat(HostileSendersTest.readAnswer(socket)).startsWith("HTTP/1.1 413");
        // no timing assertion: the server ends the connection (the writer fails) instead of reading forever
        assertThat(stopped.get(30, TimeUnit.SECONDS)).isNotNull();
        assertThat(postGoodTraces()).isEqualTo(200);
    }

    @Test
    void aClientThatTricklesForeverIsDisconnected() throws Exception {
        start(ReceiverLimits.DEFAULT);
        Socket socket = connect();
        sendChunkedHead(socket);
        for (int sent = 0; sent <= LIMIT; sent += CHUNK.length) {
            sendChunk(socket);
        }
        // a chunk every 20 ms: never the linger's bytes, so its time ends it
        CompletableFuture<IOException> stopped = sendForever(socket, 20);

        assertThat(HostileSendersTest.readAnswer(socket)).startsWith("HTTP/1.1 413");
        assertThat(stopped.get(30, TimeUnit.SECONDS)).isNotNull();
    }

    @Test
    void lingeringClientsHoldNoPlaceOfTheDecodeLane() throws Exception {
        // two places: if the two lingering requests kept theirs, the valid one would be refused
        start(new ReceiverLimits(Duration.ofSeconds(20), 1, 1, 64L << 20, 16, Duration.ofSeconds(20)));
        List<CompletableFuture<IOException>> lingering = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Socket socket = connect();
            sendChunkedHead(socket);
            for (int sent = 0; sent <= LIMIT; sent += CHUNK.length) {
                sendChunk(socket);
            }
            lingering.add(sendForever(socket, 20));
            assertThat(HostileSendersTest.readAnswer(socket)).startsWith("HTTP/1.1 413");
        }

        assertThat(postGoodTraces()).isEqualTo(200);
        assertThat(ingest.spans()).hasSize(1);
        for (CompletableFuture<IOException> stopped : lingering) {
            assertThat(stopped.get(30, TimeUnit.SECONDS)).isNotNull();
        }
    }

    @Test
    void aStalledSenderRefusedForTheBodyBudgetDoesNotHoldUpOtherRefusals() throws Exception {
        start(new ReceiverLimits(Duration.ofSeconds(20), 2, 8, 64 * 1024, 16, Duration.ofSeconds(20)));
        Socket holder = connect();
        sendHead(holder, 60_000);
        holder.getOutputStream().write(new byte[10]); // Jetty hands a request over at its first body bytes
        // its reader holds 60,000 bytes of the 64 KiB budget

        // no room for this body: refused (a second late) before a byte of it is read; it sends no more
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            Socket stalled = connect();
            stalled.setSoTimeout(5_000);
            sendHead(stalled, 20_000);
            stalled.getOutputStream().write(new byte[10]);
            assertThat(HostileSendersTest.readAnswer(stalled)).startsWith("HTTP/1.1 429").containsIgnoringCase("Connection: close");
        });
        // the refusals' timer still runs: lingering on the stalled body did not block it
        ingest.mode(Mode.FULL);
        assertThat(postGoodTraces()).isEqualTo(429);
    }

    private static void sendHead(Socket socket, int contentLength) throws IOException {
        socket.getOutputStream().write(("POST /v1/traces HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/x-protobuf\r\nContent-Length: " + contentLength + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        sockets.add(socket);
        socket.connect(new InetSocketAddress("127.0.0.1", receiver.endpoints().httpPort()), 5_000);
        socket.setSoTimeout(30_000);
        return socket;
    }

    private static void sendChunkedHead(Socket socket) throws IOException {
        socket.getOutputStream().write(("POST /v1/traces HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/x-protobuf\r\nTransfer-Encoding: chunked\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
    }

    private static void sendChunk(Socket socket) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write((Integer.toHexString(CHUNK.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(CHUNK);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    /** Sends chunks until writing fails, pausing {@code pauseMillis} between them; completes with the failure. */
    private static CompletableFuture<IOException> sendForever(Socket socket, long pauseMillis) {
        CompletableFuture<IOException> stopped = new CompletableFuture<>();
        Thread sender = new Thread(() -> {
            try {
                while (true) {
                    sendChunk(socket);
                    if (pauseMillis > 0) {
                        Thread.sleep(pauseMillis);
                    }
                }
            } catch (IOException e) {
                stopped.complete(e);
            } catch (InterruptedException e) {
                stopped.completeExceptionally(e);
            }
        }, "sends-forever");
        sender.setDaemon(true);
        sender.start();
        return stopped;
    }

    private int postGoodTraces() throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(receiver.endpoints().httpUrl() + "/v1/traces"))
                        .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/x-protobuf")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(OtlpHttpServerTest.goodTraces())).build(),
                HttpResponse.BodyHandlers.ofByteArray()).statusCode();
    }
}
