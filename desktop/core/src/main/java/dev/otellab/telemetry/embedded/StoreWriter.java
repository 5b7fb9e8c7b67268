package dev.otellab.telemetry.embedded;

import dev.otellab.telemetry.embedded.EncodedBatch.LogRow;
import dev.otellab.telemetry.embedded.EncodedBatch.MetricRow;
import dev.otellab.telemetry.embedded.EncodedBatch.ResourceKey;
import dev.otellab.telemetry.embedded.EncodedBatch.SpanRow;
import dev.otellab.telemetry.ingest.StoreSaturatedException;
import dev.otellab.telemetry.model.InstrumentationScope;
import dev.otellab.telemetry.model.MetricPoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.Function;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The store's only writer: one thread owns the write connection and drains a bounded queue.
 * Batches waiting together are written in one transaction (group commit) and their futures
 * complete after COMMIT. Maintenance work (pruning) runs on the same thread, between groups,
 * so it never competes for SQLite's write lock.
 */
final class StoreWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StoreWriter.class);
    /** Separates service names in traces.services: "\u001fa\u001fb\u001f". */
    static final char SERVICE_SEPARATOR = '\u001f';
    private static final int MAX_GROUP_ITEMS = 16_384;
    /**
     * The same with a journal, whose senders do not wait for commits: the more rows a commit carries,
     * the fewer times each index page it touches is written (decision 0056).
     */
    private static final int MAX_JOURNALED_GROUP_ITEMS = 32_768;
    /** How far journaled batches may be ahead of the tables before a sender waits (decision 0056). */
    private static final int JOURNAL_AHEAD_ITEMS = 8_192;

    private final Connection connection;
    private final long capacityItems;
    private final BlockingQueue<Item> queue = new LinkedBlockingQueue<>();
    private final AtomicLong queuedItems = new AtomicLong();
    private final Thread thread;
    private final ExecutorService acks = Executors.newSingleThreadExecutor(runnable -> {
        Thread ackThread = new Thread(runnable, "telemetry-store-acks");
        ackThread.setDaemon(true);
        return ackThread;
    });
    private final Map<ResourceKey, Long> resourceIds = new HashMap<>();
    private final Map<InstrumentationScope, Long> scopeIds = new HashMap<>();
    private ResourceKey lastResource;
    private long lastResourceId;
    private InstrumentationScope lastScope;
    private long lastScopeId;
    private volatile boolean closed;
    private volatile double itemsPerSecond = 50_000;

    /** The largest traces.id given so far: new traces get the next ones, in arrival order. */
    private long lastTraceRef;
    /** The last logs.id given: the writer numbers records itself, to know each trace's range (decision 0059). */
    private long lastLogId;

    /** One span at a time: the fallback that tells which spans of a batch were stored already. */
    private final PreparedStatement insertSpan;
    private final MultiRowStatement insertSpans;
    private final MultiRowStatement selectTraceRefs;
    private final MultiRowStatement insertSpanNames;
    private final MultiRowStatement insertNameList;
    /**
     * Names known to be in span_name_list, so that a group commit inserts only names it has not
     * seen (nearly always none); emptied on rollback, and when it grows past {@link #LISTED_NAMES_KEPT}
     * (names that embed ids), after which names are simply inserted again (OR IGNORE).
     */
    private final Set<String> listedNames = new HashSet<>();
    private static final int LISTED_NAMES_KEPT = 100_000;
    private final MultiRowStatement insertLogs;
    private final MultiRowStatement insertTraceLogs;
    private final Statement savepoints;
    private final MultiRowStatement insertTraces;
    private final PreparedStatement updateTrace;
    private final PreparedStatement insertMetric;
    private final PreparedStatement insertResource;
    private final PreparedStatement selectResource;
    private final PreparedStatement insertScope;
    private final PreparedStatement selectScope;
    private final IngestJournal journal;
    private final JournalMark journalMark;
    /** Appends to the journal and to the queue happen together, so both keep the same order. */
    private final Object appendLock = new Object();
    private final SenderPacer pacer = new SenderPacer(JOURNAL_AHEAD_ITEMS);
    private long releasedSegment;

    /**
     * Work for the writer thread: a batch to store, a task to run, or the end. A journaled batch
     * has its journal position and no future (it was acknowledged when appended); a paced one was
     * counted by the {@link SenderPacer}.
     */
    private record Item(EncodedBatch batch, CompletableFuture<Void> done, WriterTask<?> task,
                        CompletableFuture<Object> taskDone, JournalPosition position, boolean paced) {
        Item(EncodedBatch batch, CompletableFuture<Void> done, WriterTask<?> task, CompletableFuture<Object> taskDone) {
            this(batch, done, task, taskDone, null, false);
        }
    }

    /** Something to do with the write connection on the writer thread, in a transaction. */
    @FunctionalInterface
    interface WriterTask<T> {
        T run(Connection connection) throws Exception;
    }

    StoreWriter(Connection connection, long capacityItems) throws SQLException {
        this(connection, capacityItems, null);
    }

    /** With a journal, {@link #submitJournaled} acknowledges batches once appended to it (decision 0053). */
    StoreWriter(Connection connection, long capacityItems, IngestJournal journal) throws SQLException {
        this.connection = connection;
        this.capacityItems = capacityItems;
        this.journal = journal;
        this.journalMark = new JournalMark(connection);
        Function.create(connection, "merge_services", new MergeServices(), 2, Function.FLAG_DETERMINISTIC);
        connection.setAutoCommit(false);
        String spanInsert = """
                INSERT OR IGNORE INTO spans (trace_ref, span_id, parent_span_id, name, kind, service, start_ns,
                  duration_ns, status, status_message, route, http_status, attrs, events, links, resource_id, scope_id)""";
        insertSpan = connection.prepareStatement(spanInsert + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        insertSpans = MultiRowStatement.insert(connection, spanInsert, 17);
        selectTraceRefs = new MultiRowStatement(connection, "SELECT trace_id, id FROM traces WHERE trace_id IN (",
                "?", ", ", ")", 1);
        savepoints = connection.createStatement();
        insertTraces = MultiRowStatement.insert(connection, """
                INSERT INTO traces (start_ns, end_ns, span_count, error_count, has_root, root_start_ns, root_service,
                  root_name, services, id, trace_id)""", 11);
        // The same parameters as a row of insertTraces, merged into the stored summary (SET reads the old values).
        updateTrace = connection.prepareStatement("""
                UPDATE traces SET
                  start_ns = min(start_ns, ?1),
                  end_ns = max(end_ns, ?2),
                  span_count = span_count + ?3,
                  error_count = error_count + ?4,
                  root_service = CASE WHEN ?5 > has_root OR (?5 = has_root AND ?6 < root_start_ns)
                    THEN ?7 ELSE root_service END,
                  root_name = CASE WHEN ?5 > has_root OR (?5 = has_root AND ?6 < root_start_ns)
                    THEN ?8 ELSE root_name END,
                  root_start_ns = CASE WHEN ?5 > has_root OR (?5 = has_root AND ?6 < root_start_ns)
                    THEN ?6 ELSE root_start_ns END,
                  has_root = max(has_root, ?5),
                  services = merge_services(services, ?9)
                WHERE id = ?10""");
        insertSpanNames = MultiRowStatement.insert(connection,
                "INSERT INTO span_name_traces (name, last_bucket, last_start_ns, first_start_ns, trace_refs)", 5);
        insertNameList = MultiRowStatement.insert(connection, "INSERT OR IGNORE INTO span_name_list (name)", 1);
        lastTraceRef = largestId(connection, "traces");
        lastLogId = largestId(connection, "logs");
        insertLogs = MultiRowStatement.insert(connection, """
                INSERT INTO logs (id, time_ns, observed_ns, severity, severity_text, body, service, trace_id, span_id,
                  attrs, resource_id, scope_id)""", 12);
        insertTraceLogs = MultiRowStatement.insert(connection, "INSERT INTO trace_logs (trace, first_id, last_id)", 3);
        insertMetric = connection.prepareStatement("""
                INSERT INTO metric_points (name, description, unit, type, monotonic, service, start_ns, time_ns,
                  attrs, value, count, sum, bounds, bucket_counts, resource_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
        insertResource = connection.prepareStatement("INSERT OR IGNORE INTO resources (attrs) VALUES (?)");
        selectResource = connection.prepareStatement("SELECT id FROM resources WHERE attrs = ?");
        insertScope = connection.prepareStatement("INSERT OR IGNORE INTO scopes (name, version) VALUES (?, ?)");
        selectScope = connection.prepareStatement("SELECT id FROM scopes WHERE name = ? AND version = ?");
        thread = new Thread(this::run, "telemetry-store-writer");
        thread.setDaemon(true);
        thread.start();
    }

    CompletableFuture<Void> submit(EncodedBatch batch) {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("The telemetry store is closed"));
        }
        reserve(batch.size());
        return enqueue(batch, null);
    }

    /** A batch read back from the journal at start-up: no capacity check, done once committed. */
    CompletableFuture<Void> submitReplayed(EncodedBatch batch, JournalPosition position) {
        queuedItems.addAndGet(batch.size());
        return enqueue(batch, position);
    }

    private CompletableFuture<Void> enqueue(EncodedBatch batch, JournalPosition position) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        queue.add(new Item(batch, done, null, null, position, false));
        return done;
    }

    /**
     * Appends the batch to the journal and queues it, before it is in the tables (decision 0053);
     * the stage completes at once, or once the writer has caught up with the batches before it
     * ({@link SenderPacer}, decision 0056). Its record is encoded on the caller's thread.
     */
    CompletableFuture<Void> submitJournaled(EncodedBatch batch) {
        if (journal == null) {
            return submit(batch);
        }
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("The telemetry store is closed"));
        }
        int size = batch.size();
        reserve(size);
        JournalRecord record = JournalRecord.encode(batch);
        synchronized (appendLock) {
            if (closed) {
                queuedItems.addAndGet(-size);
                return CompletableFuture.failedFuture(new IllegalStateException("The telemetry store is closed"));
            }
            try {
                JournalPosition position = journal.append(record);
                queue.add(new Item(batch, null, null, null, position, true));
                return pacer.admit(size);
            } catch (IOException e) {
                queuedItems.addAndGet(-size);
                return CompletableFuture.failedFuture(new UncheckedIOException(
                        "Could not append to the ingest journal: " + e.getMessage(), e));
            }
        }
    }

    /** Counts a batch in the queue, or refuses it when the queue is full; returns the items queued. */
    private long reserve(int size) {
        long queued = queuedItems.addAndGet(size);
        // A batch larger than the whole queue still goes in when the queue is empty.
        if (queued > capacityItems && queued != size) {
            queuedItems.addAndGet(-size);
            throw new StoreSaturatedException("The telemetry store is saturated (" + (queued - size)
                    + " items waiting to be written)", retryAfter(queued - size));
        }
        return queued;
    }

    @SuppressWarnings("unchecked")
    <T> CompletableFuture<T> execute(WriterTask<T> task) {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("The telemetry store is closed"));
        }
        CompletableFuture<Object> done = new CompletableFuture<>();
        queue.add(new Item(null, null, task, done));
        return (CompletableFuture<T>) (CompletableFuture<?>) done;
    }

    long queuedItems() {
        return queuedItems.get();
    }

    /**
     * Whether a receiver should let a new request in: not once a whole group commit is already
     * waiting (or the queue is full). Batches of requests already let in are still taken up to the
     * capacity, but a flood of senders no longer parks the whole queue's worth of encoded rows
     * (and seconds of latency) in the heap.
     */
    Optional<Duration> saturation() {
        long queued = queuedItems.get();
        // Journaled batches wait without their senders (and without a request each): let the
        // queue fill, so that the writer's transactions are large.
        long threshold = journal != null ? capacityItems : Math.min(capacityItems, MAX_GROUP_ITEMS);
        return queued >= threshold ? Optional.of(retryAfter(queued)) : Optional.empty();
    }

    private Duration retryAfter(long waiting) {
        long millis = (long) (waiting / Math.max(1_000, itemsPerSecond) * 1000);
        return Duration.ofMillis(Math.max(100, Math.min(5_000, millis)));
    }

    private void run() {
        List<Item> group = new ArrayList<>();
        try {
            while (true) {
                Item first = queue.take();
                if (first.batch == null && first.task == null) {
                    return;
                }
                if (first.task != null) {
                    runTask(first);
                    continue;
                }
                group.add(first);
                int items = first.batch.size();
                Item next;
                int maxItems = journal != null ? MAX_JOURNALED_GROUP_ITEMS : MAX_GROUP_ITEMS;
                while (items < maxItems && (next = queue.peek()) != null && next.batch != null) {
                    queue.poll();
                    group.add(next);
                    items += next.batch.size();
                }
                writeGroup(group);
                group.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            failRemaining();
        }
    }

    private void runTask(Item item) {
        try {
            Object result = item.task.run(connection);
            connection.commit();
            item.taskDone.complete(result);
        } catch (Exception | Error e) {
            rollbackQuietly();
            item.taskDone.completeExceptionally(e);
        }
    }

    private void writeGroup(List<Item> group) {
        long started = System.nanoTime();
        int items = 0;
        for (Item item : group) {
            items += item.batch.size();
        }
        JournalPosition journaled = lastPosition(group);
        Exception failure = null;
        try {
            write(group);
            if (journaled != null) {
                journalMark.set(journaled);
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly();
            failure = e;
        }
        if (failure != null && group.size() > 1) {
            // One bad batch must not fail the others: write them one by one (each accounts for itself).
            for (Item item : group) {
                writeGroup(List.of(item));
            }
            return;
        }
        if (failure != null && journaled != null) {
            skipInJournal(journaled);
        }
        if (journaled != null && journal != null && journaled.segment() > releasedSegment) {
            journal.releaseBefore(journaled);
            releasedSegment = journaled.segment();
        }
        // Free the queue before acknowledging: a sender told "done" may send again at once.
        queuedItems.addAndGet(-items);
        if (failure != null) {
            LOG.warn("Could not store a telemetry batch", failure);
        } else {
            long elapsed = Math.max(1, System.nanoTime() - started);
            itemsPerSecond = 0.8 * itemsPerSecond + 0.2 * (items * 1e9 / elapsed);
        }
        // The senders' callbacks (e.g. writing the HTTP answer) run on another thread: this one only writes.
        List<Item> written = List.copyOf(group);
        Throwable outcome = failure;
        acks.execute(() -> complete(written, outcome));
    }

    private static void complete(List<Item> group, Throwable failure) {
        for (Item item : group) {
            if (item.done == null) {
                continue; // journaled: acknowledged already
            }
            if (failure == null) {
                item.done.complete(null);
            } else {
                item.done.completeExceptionally(failure);
            }
        }
    }

    private static JournalPosition lastPosition(List<Item> group) {
        for (int i = group.size() - 1; i >= 0; i--) {
            if (group.get(i).position != null) {
                return group.get(i).position;
            }
        }
        return null;
    }

    /**
     * A journaled batch the tables refused (it was acknowledged; it is logged as lost): the mark
     * moves past it, so that a restart does not replay it again.
     */
    private void skipInJournal(JournalPosition position) {
        try {
            journalMark.set(position);
            connection.commit();
        } catch (SQLException e) {
            rollbackQuietly();
            LOG.warn("Could not move the ingest journal mark past a batch that was not stored", e);
        }
    }

    private void write(List<Item> group) throws SQLException {
        Map<TraceKey, TraceAggregate> traces = new HashMap<>();
        for (Item item : group) {
            if (!item.batch.spans().isEmpty()) {
                writeSpans(item.batch.spans(), traces);
            }
            if (!item.batch.logs().isEmpty()) {
                writeLogs(item.batch.logs());
            }
            if (!item.batch.metrics().isEmpty()) {
                for (MetricRow metric : item.batch.metrics()) {
                    bindMetric(metric);
                    insertMetric.addBatch();
                }
                insertMetric.executeBatch();
            }
            if (item.paced) {
                // A batch written again after a rollback counts twice: its successors go a little early, once.
                letSendersGo(pacer.written(item.batch.size()));
            }
        }
        writeTraces(traces.values());
    }

    /** The largest id stored in a table, 0 when it is empty: the writer gives the next ones. */
    private static long largestId(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT coalesce(max(id), 0) FROM " + table)) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }

    /** A request's records, numbered in a row, and the range of each trace's among them. */
    private void writeLogs(List<LogRow> logs) throws SQLException {
        long firstId = lastLogId + 1;
        insertLogs.update(logs.size(), (statement, first, i) -> bindLog(statement, first, firstId + i, logs.get(i)));
        lastLogId += logs.size();
        List<TraceLogRange> ranges = TraceLogRange.of(logs, firstId);
        insertTraceLogs.update(ranges.size(), (statement, first, i) -> {
            TraceLogRange range = ranges.get(i);
            statement.setBytes(first, range.traceId);
            statement.setLong(first + 1, range.firstId);
            statement.setLong(first + 2, range.lastId);
        });
    }

    /** Completes paced senders' stages on the acknowledging thread: this one only writes. */
    private void letSendersGo(List<CompletableFuture<Void>> senders) {
        if (!senders.isEmpty()) {
            acks.execute(() -> senders.forEach(sender -> sender.complete(null)));
        }
    }

    /**
     * Inserts a batch's spans many rows per statement, inside a savepoint. When some were stored
     * already (a sender's retry: INSERT OR IGNORE skips them) the rows changed are fewer than the
     * spans; then the savepoint is rolled back and the spans go one by one, to learn which are new,
     * so that only new spans count in their trace's summary.
     */
    private void writeSpans(List<SpanRow> spans, Map<TraceKey, TraceAggregate> traces) throws SQLException {
        TraceAggregate[] owners = owners(spans, traces);
        for (SpanRow span : spans) { // new resources and scopes get their rows outside the savepoint
            resourceId(span.resource());
            scopeId(span.scope());
        }
        savepoints.execute("SAVEPOINT spans");
        int changed = insertSpans.update(spans.size(),
                (statement, first, i) -> bindSpan(statement, first, owners[i].ref, spans.get(i)));
        if (changed == spans.size()) {
            savepoints.execute("RELEASE spans");
            for (int i = 0; i < owners.length; i++) {
                owners[i].add(spans.get(i));
            }
            return;
        }
        savepoints.execute("ROLLBACK TO spans");
        savepoints.execute("RELEASE spans");
        for (int i = 0; i < owners.length; i++) {
            bindSpan(insertSpan, 1, owners[i].ref, spans.get(i));
            insertSpan.addBatch();
        }
        int[] inserted = insertSpan.executeBatch();
        for (int i = 0; i < inserted.length; i++) {
            if (inserted[i] > 0) { // 0: a span already stored is ignored
                owners[i].add(spans.get(i));
            }
        }
    }

    /**
     * Each span's trace aggregate. Traces not yet seen in this transaction are looked up in one
     * query per {@link MultiRowStatement#MAX_ROWS} traces: a stored trace keeps its traces.id, a new
     * one gets the next id (in arrival order).
     */
    private TraceAggregate[] owners(List<SpanRow> spans, Map<TraceKey, TraceAggregate> traces) throws SQLException {
        List<SpanRow> unseen = new ArrayList<>();
        Set<TraceKey> unseenIds = new HashSet<>();
        TraceKey[] keys = new TraceKey[spans.size()];
        for (int i = 0; i < keys.length; i++) {
            SpanRow span = spans.get(i);
            keys[i] = new TraceKey(span.traceId());
            if (!traces.containsKey(keys[i]) && unseenIds.add(keys[i])) {
                unseen.add(span);
            }
        }
        Map<TraceKey, Long> stored = new HashMap<>();
        for (int from = 0; from < unseen.size(); from += MultiRowStatement.MAX_ROWS) {
            PreparedStatement select = selectTraceRefs.bound(from, Math.min(unseen.size(), from + MultiRowStatement.MAX_ROWS),
                    (statement, first, i) -> statement.setBytes(first, unseen.get(i).traceId()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    stored.put(new TraceKey(rows.getBytes(1)), rows.getLong(2));
                }
            }
        }
        for (SpanRow span : unseen) {
            TraceKey key = new TraceKey(span.traceId());
            Long ref = stored.get(key);
            traces.put(key, ref != null ? new TraceAggregate(span.traceId(), ref, true)
                    : new TraceAggregate(span.traceId(), ++lastTraceRef, false));
        }
        TraceAggregate[] owners = new TraceAggregate[spans.size()];
        for (int i = 0; i < owners.length; i++) {
            owners[i] = traces.get(keys[i]);
        }
        return owners;
    }

    /** Summaries and span names of the traces that got new spans. */
    private void writeTraces(Iterable<TraceAggregate> traces) throws SQLException {
        List<TraceAggregate> inserts = new ArrayList<>();
        int updates = 0;
        Map<String, SpanNameTraces> names = new LinkedHashMap<>();
        for (TraceAggregate trace : traces) {
            if (trace.spans == 0) {
                continue;
            }
            if (trace.stored) {
                bindTrace(updateTrace, 1, trace);
                updateTrace.addBatch();
                updates++;
            } else {
                inserts.add(trace);
            }
            for (Map.Entry<String, Long> name : trace.names.entrySet()) {
                names.computeIfAbsent(name.getKey(), SpanNameTraces::new).add(trace.ref, name.getValue());
            }
        }
        // New traces many rows per statement (one step for up to 64), as the spans go in.
        insertTraces.update(inserts.size(), (statement, first, i) -> {
            TraceAggregate trace = inserts.get(i);
            bindTrace(statement, first, trace);
            statement.setBytes(first + 10, trace.traceId);
        });
        if (updates > 0) {
            updateTrace.executeBatch();
        }
        List<SpanNameTraces> rows = List.copyOf(names.values());
        insertSpanNames.update(rows.size(), (statement, first, i) -> {
            SpanNameTraces row = rows.get(i);
            statement.setString(first, row.name);
            statement.setLong(first + 1, TimeBucket.of(row.lastStart()));
            statement.setLong(first + 2, row.lastStart());
            statement.setLong(first + 3, row.firstStart());
            statement.setString(first + 4, row.traceRefs());
        });
        listNames(names.keySet());
    }

    /** A trace's summary as the first ten parameters of a row of insertTraces, or of updateTrace. */
    private static void bindTrace(PreparedStatement statement, int first, TraceAggregate trace) throws SQLException {
        statement.setLong(first, trace.start);
        statement.setLong(first + 1, trace.end);
        statement.setInt(first + 2, trace.spans);
        statement.setInt(first + 3, trace.errors);
        statement.setInt(first + 4, trace.hasRoot ? 1 : 0);
        statement.setLong(first + 5, trace.rootStart);
        statement.setString(first + 6, trace.rootService);
        statement.setString(first + 7, trace.rootName);
        statement.setString(first + 8, joinServices(trace.services));
        statement.setLong(first + 9, trace.ref);
    }

    /** Adds the names not listed yet to span_name_list (decision 0050). */
    private void listNames(Collection<String> names) throws SQLException {
        List<String> unlisted = new ArrayList<>();
        for (String name : names) {
            if (!listedNames.contains(name)) {
                if (listedNames.size() >= LISTED_NAMES_KEPT) {
                    listedNames.clear();
                }
                listedNames.add(name);
                unlisted.add(name);
            }
        }
        insertNameList.update(unlisted.size(), (statement, first, i) -> statement.setString(first, unlisted.get(i)));
    }

    private void bindSpan(PreparedStatement statement, int first, long traceRef, SpanRow span) throws SQLException {
        statement.setLong(first, traceRef);
        statement.setBytes(first + 1, span.spanId());
        setBytesOrNull(statement, first + 2, span.parentSpanId());
        statement.setString(first + 3, span.name());
        statement.setInt(first + 4, span.kind());
        statement.setString(first + 5, span.service());
        statement.setLong(first + 6, span.startNs());
        statement.setLong(first + 7, span.durationNs());
        statement.setInt(first + 8, span.status());
        statement.setString(first + 9, span.statusMessage());
        statement.setString(first + 10, span.route());
        if (span.httpStatus() == null) {
            statement.setNull(first + 11, Types.INTEGER);
        } else {
            statement.setInt(first + 11, span.httpStatus());
        }
        setBytesOrNull(statement, first + 12, span.attrs());
        setBytesOrNull(statement, first + 13, span.events());
        setBytesOrNull(statement, first + 14, span.links());
        statement.setLong(first + 15, resourceId(span.resource()));
        statement.setLong(first + 16, scopeId(span.scope()));
    }

    private void bindLog(PreparedStatement statement, int first, long id, LogRow row) throws SQLException {
        statement.setLong(first, id);
        statement.setLong(first + 1, row.timeNs());
        statement.setLong(first + 2, row.observedNs());
        statement.setInt(first + 3, row.severity());
        statement.setString(first + 4, row.severityText());
        statement.setString(first + 5, row.body());
        statement.setString(first + 6, row.service());
        setBytesOrNull(statement, first + 7, row.traceId());
        setBytesOrNull(statement, first + 8, row.spanId());
        setBytesOrNull(statement, first + 9, row.attrs());
        statement.setLong(first + 10, resourceId(row.resource()));
        statement.setLong(first + 11, scopeId(row.scope()));
    }

    private void bindMetric(MetricRow row) throws SQLException {
        MetricPoint point = row.point();
        insertMetric.setString(1, point.name());
        insertMetric.setString(2, point.description());
        insertMetric.setString(3, point.unit());
        insertMetric.setInt(4, point.type().ordinal());
        insertMetric.setInt(5, point.monotonic() ? 1 : 0);
        insertMetric.setString(6, point.serviceName());
        insertMetric.setLong(7, point.startTimeUnixNano());
        insertMetric.setLong(8, point.timeUnixNano());
        setBytesOrNull(insertMetric, 9, row.attrs());
        insertMetric.setDouble(10, point.value());
        insertMetric.setLong(11, point.count());
        insertMetric.setDouble(12, point.sum());
        setBytesOrNull(insertMetric, 13, row.bounds());
        setBytesOrNull(insertMetric, 14, row.bucketCounts());
        insertMetric.setLong(15, resourceId(row.resource()));
    }

    private static void setBytesOrNull(PreparedStatement statement, int index, byte[] bytes) throws SQLException {
        if (bytes == null) {
            statement.setNull(index, Types.BLOB);
        } else {
            statement.setBytes(index, bytes);
        }
    }

    private long resourceId(ResourceKey key) throws SQLException {
        if (key == lastResource) { // the spans of a batch share their resource's key: skip hashing it
            return lastResourceId;
        }
        Long id = resourceIds.get(key);
        if (id == null) {
            insertResource.setBytes(1, key.attrs());
            insertResource.executeUpdate();
            selectResource.setBytes(1, key.attrs());
            try (ResultSet rows = selectResource.executeQuery()) {
                rows.next();
                id = rows.getLong(1);
            }
            resourceIds.put(key, id);
        }
        lastResource = key;
        lastResourceId = id;
        return id;
    }

    private long scopeId(InstrumentationScope scope) throws SQLException {
        if (scope == lastScope) {
            return lastScopeId;
        }
        Long id = scopeIds.get(scope);
        if (id == null) {
            insertScope.setString(1, scope.name());
            insertScope.setString(2, scope.version());
            insertScope.executeUpdate();
            selectScope.setString(1, scope.name());
            selectScope.setString(2, scope.version());
            try (ResultSet rows = selectScope.executeQuery()) {
                rows.next();
                id = rows.getLong(1);
            }
            scopeIds.put(scope, id);
        }
        lastScope = scope;
        lastScopeId = id;
        return id;
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.warn("Rollback failed", e);
        }
        // Ids cached during the rolled-back transaction may not exist.
        resourceIds.clear();
        scopeIds.clear();
        listedNames.clear();
        lastResource = null;
        lastScope = null;
    }

    private void failRemaining() {
        closed = true;
        for (CompletableFuture<Void> sender : pacer.releaseAll()) { // their batches are in the journal
            sender.complete(null);
        }
        Item item;
        IllegalStateException closedError = new IllegalStateException("The telemetry store is closed");
        while ((item = queue.poll()) != null) {
            if (item.done != null) {
                item.done.completeExceptionally(closedError);
            }
            if (item.taskDone != null) {
                item.taskDone.completeExceptionally(closedError);
            }
        }
    }

    /** Stops taking work, writes what is queued, then closes the connection. */
    @Override
    public void close() throws SQLException {
        synchronized (appendLock) {
            if (!closed) {
                closed = true;
                queue.add(new Item(null, null, null, null));
            }
        }
        try {
            thread.join();
            acks.shutdown();
            acks.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            statement.execute("PRAGMA optimize");
        } finally {
            for (PreparedStatement statement : List.of(insertSpan, updateTrace, insertMetric,
                    insertResource, selectResource, insertScope, selectScope)) {
                statement.close();
            }
            for (MultiRowStatement statement : List.of(insertSpans, insertTraces, selectTraceRefs, insertSpanNames, insertNameList,
                    insertLogs, insertTraceLogs)) {
                statement.close();
            }
            savepoints.close();
            journalMark.close();
            connection.close();
            if (journal != null) {
                journal.close();
            }
        }
    }

    static String joinServices(Set<String> services) {
        StringBuilder joined = new StringBuilder().append(SERVICE_SEPARATOR);
        for (String service : services) {
            joined.append(service).append(SERVICE_SEPARATOR);
        }
        return joined.toString();
    }

    /** The span aggregates of one trace within one transaction, written to (or merged into) its traces row. */
    private static final class TraceAggregate {
        final byte[] traceId;
        /** traces.id: of the stored row, or the one its new row will get. */
        final long ref;
        final boolean stored;
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        int spans;
        int errors;
        boolean hasRoot;
        long rootStart = Long.MAX_VALUE;
        String rootService = "";
        String rootName = "";
        final Set<String> services = new LinkedHashSet<>(4);
        /** Each span name's earliest start. */
        final Map<String, Long> names = new HashMap<>(8);

        TraceAggregate(byte[] traceId, long ref, boolean stored) {
            this.traceId = traceId;
            this.ref = ref;
            this.stored = stored;
        }

        void add(SpanRow span) {
            start = Math.min(start, span.startNs());
            end = Math.max(end, span.endNs());
            spans++;
            if (span.isError()) {
                errors++;
            }
            boolean root = span.isRoot();
            if ((root && !hasRoot) || (root == hasRoot && span.startNs() < rootStart)) {
                hasRoot = root;
                rootStart = span.startNs();
                rootService = span.service();
                rootName = span.name();
            }
            services.add(span.service());
            names.merge(span.name(), span.startNs(), Math::min);
        }
    }

    /** merge_services(a, b): the union of two separator-joined service lists, a's order first. */
    private static final class MergeServices extends Function {
        @Override
        protected void xFunc() throws SQLException {
            String existing = value_text(0);
            String added = value_text(1);
            if (existing == null || existing.isEmpty()) {
                result(added);
                return;
            }
            StringBuilder merged = new StringBuilder(existing);
            int from = 1;
            while (added != null && from < added.length()) {
                int to = added.indexOf(SERVICE_SEPARATOR, from);
                if (to < 0) {
                    break;
                }
                String token = added.substring(from - 1, to + 1);
                if (!existing.contains(token)) {
                    merged.append(added, from, to + 1);
                }
                from = to + 1;
            }
            result(merged.toString());
        }
    }
}
