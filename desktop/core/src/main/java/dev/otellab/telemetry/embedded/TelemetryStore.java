package dev.otellab.telemetry.embedded;

import dev.otellab.telemetry.ingest.TelemetryBatch;
import dev.otellab.telemetry.ingest.TelemetryIngest;
import dev.otellab.telemetry.otlp.OtlpBodyDecoder;
import dev.otellab.telemetry.query.LogSource;
import dev.otellab.telemetry.query.ServiceMapSource;
import dev.otellab.telemetry.query.SliSource;
import dev.otellab.telemetry.query.TelemetryQueryException;
import dev.otellab.telemetry.query.TraceSource;
import dev.otellab.telemetry.query.TraceTags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The embedded telemetry store: one SQLite file (WAL mode) in a folder, written by this
 * process's single writer thread and readable by any number of connections, in this process or
 * another (docs/decisions/0005-embedded-store-sqlite.md).
 *
 * <p>{@link #open} opens it for writing (the console, while its receiver runs);
 * {@link #openReadOnly} for queries only (the CLI), even while another process writes.
 */
public final class TelemetryStore implements TelemetryIngest, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TelemetryStore.class);

    private final Path file;
    private final StoreWriter writer;
    private final Checkpointer checkpointer;
    private final Pruner pruner;
    private final ScheduledExecutorService maintenance;
    private final ReadConnections readers;
    private final EmbeddedTraceSource traces;
    private final EmbeddedTraceTags traceTags;
    private final EmbeddedLogSource logs;
    private final EmbeddedSliSource slis;
    private final EmbeddedServiceMapSource serviceMap;
    private final StoredMetrics metrics;
    private volatile boolean closing;

    private TelemetryStore(Path file, StoreWriter writer, Checkpointer checkpointer, Pruner pruner,
                           StoreSettings settings) {
        this.file = file;
        this.writer = writer;
        this.checkpointer = checkpointer;
        this.pruner = pruner;
        this.readers = new ReadConnections(file);
        this.traces = new EmbeddedTraceSource(readers);
        this.traceTags = new EmbeddedTraceTags(readers);
        this.logs = new EmbeddedLogSource(readers);
        this.slis = new EmbeddedSliSource(readers);
        this.serviceMap = new EmbeddedServiceMapSource(readers);
        this.metrics = new StoredMetrics(readers);
        if (writer == null) {
            maintenance = null;
        } else {
            maintenance = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "telemetry-store-pruner");
                thread.setDaemon(true);
                return thread;
            });
            long interval = settings.pruneInterval().toMillis();
            maintenance.scheduleWithFixedDelay(this::pruneInBackground, interval, interval, TimeUnit.MILLISECONDS);
        }
    }

    /** Opens (creating if needed) the store in {@code directory} for writing, with default settings. */
    public static TelemetryStore open(Path directory) {
        return open(directory, StoreSettings.DEFAULT);
    }

    public static TelemetryStore open(Path directory, StoreSettings settings) {
        return open(directory, settings, Clock.systemUTC());
    }

    static TelemetryStore open(Path directory, StoreSettings settings, Clock clock) {
        Path file = directory.resolve(StoreSchema.FILE_NAME);
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create the telemetry store folder " + directory, e);
        }
        try {
            SQLiteConfig config = new SQLiteConfig();
            config.setBusyTimeout(5000);
            Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
            try {
                StoreSchema.configureWriter(connection);
                if (StoreSchema.create(connection) == 1) {
                    LOG.warn("The telemetry store {} was written by an older console (schema 1). This version stores"
                            + " spans differently, so the stored traces were removed; logs and metrics were kept.", file);
                }
                JournalPosition mark = JournalMark.read(connection);
                IngestJournal journal = IngestJournal.open(directory);
                StoreWriter writer;
                try {
                    writer = new StoreWriter(connection, settings.queueCapacity(), journal);
                } catch (SQLException | RuntimeException e) {
                    journal.close();
                    throw e;
                }
                try {
                    replay(journal, mark, writer, settings.queueCapacity());
                } catch (RuntimeException e) {
                    writer.close(); // closes the journal and the connection too
                    throw e;
                }
                return new TelemetryStore(file, writer, new Checkpointer(file), new Pruner(settings.retention(), clock),
                        settings);
            } catch (SQLException | RuntimeException e) {
                connection.close();
                throw e;
            }
        } catch (SQLException e) {
            throw new TelemetryQueryException("Could not open the telemetry store " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes to the tables what the journal acknowledged and the tables do not hold yet (the
     * process stopped before its writer got to it), before anything new is accepted.
     */
    private static void replay(IngestJournal journal, JournalPosition mark, StoreWriter writer, int capacity) {
        long[] replayed = {0};
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        journal.replay(mark, (batch, position) -> {
            pending.add(writer.submitReplayed(batch, position));
            replayed[0] += batch.size();
            if (writer.queuedItems() > capacity) { // keep the heap to one queue's worth
                await(pending.get(pending.size() - 1));
                pending.clear();
            }
        });
        for (CompletableFuture<Void> each : pending) {
            await(each);
        }
        if (replayed[0] > 0) {
            LOG.info("Stored {} spans and log records the ingest journal held from before the last stop", replayed[0]);
        }
        journal.releaseBefore(new JournalPosition(journal.currentSegment(), 0));
    }

    /**
     * Opens an existing store for queries only; works while another process writes it.
     *
     * @throws StoreNotFoundException when {@code directory} holds no store
     */
    public static TelemetryStore openReadOnly(Path directory) {
        Path file = directory.resolve(StoreSchema.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new StoreNotFoundException(directory);
        }
        return new TelemetryStore(file, null, null, null, StoreSettings.DEFAULT);
    }

    /**
     * Readies what {@link #openReadOnly} needs in every process, without a store: SQLite's driver,
     * its native library and its per-process set-up (with the logging it asks for). A command may
     * call it on another thread while it reads its arguments, so that this work overlaps that
     * (decision 0054); {@link #openReadOnly} then finds it done, or waits for the part under way.
     *
     * @throws TelemetryQueryException when SQLite cannot be loaded (opening a store would fail too)
     */
    public static void prepareReading() {
        try {
            ReadConnections.prepare();
        } catch (SQLException e) {
            throw new TelemetryQueryException("Could not prepare SQLite: " + e.getMessage(), e);
        }
    }

    /** True when {@code directory} holds a store. */
    public static boolean exists(Path directory) {
        return Files.isRegularFile(directory.resolve(StoreSchema.FILE_NAME));
    }

    /**
     * Queues the batch for the writer; the stage completes after the transaction holding it
     * committed (durable against a crash of this process). A batch with a span whose trace or
     * span id is missing or not hexadecimal is refused as a whole: the stage fails with an
     * IllegalArgumentException and nothing of it is stored.
     */
    @Override
    public CompletionStage<Void> accept(TelemetryBatch batch) {
        return store(batch, false);
    }

    /**
     * Like {@link #accept}, but spans and log records are appended to the store's journal and the
     * stage completes then: durable against a crash of this process, and in the tables (readable)
     * a moment later, in the writer's next transaction (decision 0053). Metric points wait for
     * their commit as in {@link #accept}.
     */
    @Override
    public CompletionStage<Void> acceptDurably(TelemetryBatch batch) {
        return store(batch, true);
    }

    private CompletionStage<Void> store(TelemetryBatch batch, boolean journaled) {
        if (writer == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("The telemetry store was opened read-only"));
        }
        if (batch.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        EncodedBatch rows;
        if (batch.prepared() != null) {
            if (!(batch.prepared() instanceof EncodedBatch prepared) || batch.size() != prepared.size()) {
                return CompletableFuture.failedFuture(new IllegalArgumentException(
                        "The batch was prepared by another ingest than this store, or mixes prepared and domain items"));
            }
            rows = prepared;
        } else {
            try {
                rows = EncodedBatch.of(batch);
            } catch (RuntimeException e) { // e.g. an id that is not hexadecimal: the batch is refused, not the store
                return CompletableFuture.failedFuture(e);
            }
        }
        return journaled && rows.metrics().isEmpty() ? writer.submitJournaled(rows) : writer.submit(rows);
    }

    /**
     * Decodes OTLP/protobuf request bodies of spans and log records straight into this store's rows
     * (no protobuf message tree, no domain objects), for {@link #accept}; requests it does not
     * cover go through the domain model as before (decision 0044).
     */
    public OtlpBodyDecoder otlpDecoder() {
        return OtlpRowDecoder.WITH_DOMAIN_FALLBACK;
    }

    public TraceSource traces() {
        return traces;
    }

    /** Attribute names and values seen on the newest spans, for the search form's completion. */
    public TraceTags traceTags() {
        return traceTags;
    }

    public LogSource logs() {
        return logs;
    }

    public SliSource slis() {
        return slis;
    }

    public ServiceMapSource serviceMap() {
        return serviceMap;
    }

    public StoredMetrics metrics() {
        return metrics;
    }

    public Path file() {
        return file;
    }

    public boolean isReadOnly() {
        return writer == null;
    }

    @Override
    public Optional<Duration> saturation() {
        return writer == null ? Optional.empty() : writer.saturation();
    }

    /** Items accepted and not yet committed. */
    public long queuedItems() {
        return writer == null ? 0 : writer.queuedItems();
    }

    public StoreSize size() {
        return readers.read("the store size", StoreSize::of);
    }

    /**
     * Applies the retention policy now, chunk by chunk (batches are written between chunks), and
     * returns once nothing is left to prune. The background pruner does the same periodically.
     */
    public PruneReport pruneNow() {
        if (writer == null) {
            throw new IllegalStateException("The telemetry store was opened read-only");
        }
        Pruner.Result total = Pruner.Result.NOTHING;
        while (true) {
            Pruner.Result chunk = await(onWriter(pruner::pruneChunk));
            if (!chunk.didSomething()) {
                return new PruneReport(total.traces(), total.spans(), total.logs(), total.metricPoints(),
                        total.vacuumedPages());
            }
            total = total.plus(chunk);
        }
    }

    /** Runs {@code task} on the writer thread, between batches (maintenance, tests). */
    <T> CompletableFuture<T> onWriter(StoreWriter.WriterTask<T> task) {
        if (writer == null) {
            throw new IllegalStateException("The telemetry store was opened read-only");
        }
        return writer.execute(task);
    }

    private void pruneInBackground() {
        try {
            PruneReport report = pruneNow();
            if (report.traces() + report.logs() + report.metricPoints() > 0) {
                LOG.info("Retention pruned {}", report);
            }
        } catch (RuntimeException e) {
            if (!closing && !Thread.currentThread().isInterrupted()) {
                LOG.warn("Pruning the telemetry store failed; will retry", e);
            }
        }
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(e);
        } catch (ExecutionException e) {
            throw new CompletionException(e.getCause());
        }
    }

    /** Writes what was accepted, then closes every connection. */
    @Override
    public void close() {
        closing = true;
        if (maintenance != null) {
            maintenance.shutdownNow();
        }
        logs.close();
        readers.close();
        if (checkpointer != null) {
            checkpointer.close();
        }
        if (writer != null) {
            try {
                writer.close();
            } catch (SQLException e) {
                LOG.warn("Closing the telemetry store writer failed", e);
            }
        }
    }

    /** What a pruning pass deleted. */
    public record PruneReport(long traces, long spans, long logs, long metricPoints, long vacuumedPages) {
    }

    /** The folder holds no telemetry store (nothing was received there yet). */
    public static final class StoreNotFoundException extends TelemetryQueryException {
        private final transient Path directory;

        public StoreNotFoundException(Path directory) {
            super("No telemetry stored yet in " + directory);
            this.directory = directory;
        }

        public Path directory() {
            return directory;
        }
    }
}
