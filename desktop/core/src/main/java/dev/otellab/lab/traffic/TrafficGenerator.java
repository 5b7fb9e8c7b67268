package dev.otellab.lab.traffic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otellab.config.HttpClients;
import dev.otellab.config.Json;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The lab's built-in load generator: sends a steady mix of task CRUD calls, slow requests,
 * failing requests and CPU work to lab-web as the page's users would, or straight to lab-backend, so traces, logs and SLIs have something to show.
 * {@link #start()} sends the current profile until stopped; {@link #play(TrafficSchedule)} sends a
 * plan's phases (e.g. a burst) and stops by itself at its end. Thread-safe; start and stop as
 * often as you like.
 */
public final class TrafficGenerator implements Traffic, AutoCloseable {
    private static final Duration TICK = Duration.ofMillis(100);
    private static final MediaType JSON = MediaType.get("application/json");
    private static final int KNOWN_IDS = 200;

    private final HttpUrl baseUrl;
    private final OkHttpClient client;
    private final ObjectMapper json = Json.mapper();
    private final AtomicReference<TrafficProfile> profile;
    private final List<Long> knownTaskIds = new CopyOnWriteArrayList<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong clientErrors = new AtomicLong();
    private final AtomicLong serverErrors = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "traffic-generator");
        thread.setDaemon(true);
        return thread;
    });
    private ScheduledFuture<?> ticking;
    private Playing playing;
    private double carriedRequests;

    /** A plan being sent: when it began and who waits for its end. */
    private record Playing(TrafficSchedule plan, long startNanos, CompletableFuture<Void> done) {
    }

    /**
     * Traffic to lab-web or lab-backend at {@code baseUrl}: lab-web forwards each of these routes
     * as one call to lab-backend, so both count the same requests (the exercises' request counts
     * rely on it); the page's fan-out route /api/overview is left to the page.
     */
    public TrafficGenerator(URI baseUrl, TrafficProfile profile) {
        this.baseUrl = HttpUrl.get(baseUrl.toString());
        this.profile = new AtomicReference<>(profile);
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(256);
        dispatcher.setMaxRequestsPerHost(256);
        this.client = HttpClients.noSilentRetries()
                .dispatcher(dispatcher)
                .callTimeout(Duration.ofSeconds(15))
                .retryOnConnectionFailure(false)
                .build();
    }

    public synchronized void start() {
        if (ticking == null) {
            ticking = scheduler.scheduleAtFixedRate(this::tick, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Sends the plan's phases from now on, instead of the profile, and stops at the plan's end;
     * the returned stage completes then (it is cancelled when {@link #stop()} or another plan
     * comes first). Requests already sent finish and are counted.
     */
    public synchronized CompletableFuture<Void> play(TrafficSchedule plan) {
        cancelPlaying();
        CompletableFuture<Void> done = new CompletableFuture<>();
        playing = new Playing(plan, System.nanoTime(), done);
        start();
        return done;
    }

    /** Whether a plan is being sent. */
    public synchronized boolean isPlaying() {
        return playing != null;
    }

    /** Stops sending (a plan too); requests already sent finish and are counted. */
    public synchronized void stop() {
        cancelPlaying();
        if (ticking != null) {
            ticking.cancel(false);
            ticking = null;
        }
    }

    public synchronized boolean isRunning() {
        return ticking != null;
    }

    /** Takes effect at the next tick. */
    public void setProfile(TrafficProfile newProfile) {
        profile.set(newProfile);
    }

    public TrafficProfile profile() {
        return profile.get();
    }

    public TrafficCounts counts() {
        return new TrafficCounts(sent.get(), succeeded.get(), clientErrors.get(), serverErrors.get(), failed.get());
    }

    @Override
    public void close() {
        stop();
        scheduler.shutdownNow();
        client.dispatcher().cancelAll();
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    private void tick() {
        TrafficProfile current = currentProfile();
        if (current == null) {
            return;
        }
        carriedRequests += current.requestsPerSecond() * TICK.toMillis() / 1000.0;
        int due = (int) carriedRequests;
        carriedRequests -= due;
        for (int i = 0; i < due; i++) {
            send(nextRequest(current));
        }
    }

    /** The plan's profile of the moment, else the set profile; null when a plan just ended. */
    private synchronized TrafficProfile currentProfile() {
        if (playing == null) {
            return profile.get();
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - playing.startNanos());
        java.util.Optional<TrafficProfile> due = playing.plan().profileAt(elapsed);
        if (due.isPresent()) {
            return due.get();
        }
        CompletableFuture<Void> done = playing.done();
        playing = null;
        stop();
        done.complete(null);
        return null;
    }

    private void cancelPlaying() {
        if (playing != null) {
            playing.done().cancel(false);
            playing = null;
        }
    }

    Request nextRequest(TrafficProfile current) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        double roll = random.nextDouble();
        if (roll < current.errorShare()) {
            return get(url("api/reports/overdue"));
        }
        if (roll < current.errorShare() + current.slowShare()) {
            double seconds = current.slowDelay().toMillis() / 1000.0;
            return get(url("api/simulate-slow").newBuilder().addQueryParameter("delay", Double.toString(seconds)).build());
        }
        if (roll < current.errorShare() + current.slowShare() + current.workShare()) {
            return get(url("api/work").newBuilder().addQueryParameter("ms", Long.toString(current.workTime().toMillis())).build());
        }
        return crudRequest(random.nextInt(100), random);
    }

    private Request crudRequest(int pick, ThreadLocalRandom random) {
        Long id = knownTaskIds.isEmpty() ? null : knownTaskIds.get(random.nextInt(knownTaskIds.size()));
        if (pick < 30 || id == null) {
            String body = "{\"title\":\"Task " + random.nextInt(1_000_000) + "\",\"description\":\"made by the traffic generator\"}";
            return new Request.Builder().url(url("api/tasks")).post(RequestBody.create(body, JSON)).build();
        }
        if (pick < 70) {
            return get(url("api/tasks").newBuilder().addQueryParameter("limit", "20").build());
        }
        HttpUrl taskUrl = url("api/tasks/" + id);
        if (pick < 85) {
            return get(taskUrl);
        }
        if (pick < 95) {
            return new Request.Builder().url(taskUrl).put(RequestBody.create("{\"completed\":true}", JSON)).build();
        }
        knownTaskIds.remove(id);
        return new Request.Builder().url(taskUrl).delete().build();
    }

    private void send(Request request) {
        sent.incrementAndGet();
        client.newCall(request).enqueue(new Callback() {
            @Override
            public void onFailure(Call call, IOException e) {
                failed.incrementAndGet();
            }

            @Override
            public void onResponse(Call call, Response response) {
                try (response) {
                    count(response.code());
                    if (response.code() == 201) {
                        remember(response.body());
                    }
                } catch (IOException e) {
                    // the status was counted; only the new task's id is lost
                }
            }
        });
    }

    private void count(int status) {
        if (status >= 500) {
            serverErrors.incrementAndGet();
        } else if (status >= 400) {
            clientErrors.incrementAndGet();
        } else {
            succeeded.incrementAndGet();
        }
    }

    private void remember(ResponseBody body) throws IOException {
        JsonNode id = json.readTree(body.string()).get("id");
        if (id != null && id.canConvertToLong()) {
            if (knownTaskIds.size() >= KNOWN_IDS) {
                knownTaskIds.remove(0);
            }
            knownTaskIds.add(id.asLong());
        }
    }

    private HttpUrl url(String path) {
        return baseUrl.resolve("/" + path);
    }

    private static Request get(HttpUrl url) {
        return new Request.Builder().url(url).get().build();
    }
}
