package io.tickstream.cli;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes received messages into a recording on its own thread, batched: a transaction is committed
 * once {@code batchSize} messages are pending or {@code flushInterval} after the first of them, so a
 * busy stream costs one commit per batch. {@link #add} may be called from any thread and blocks only
 * when {@value #QUEUE_CAPACITY} messages wait (back-pressure rather than loss); {@link #close} writes
 * and commits everything added before it.
 */
final class RecordingWriter {

    static final int QUEUE_CAPACITY = 100_000;

    private static final Logger log = LoggerFactory.getLogger(RecordingWriter.class);
    private static final Object STOP = new Object();

    private final Connection db;
    private final RecordingTables tables;
    private final int batchSize;
    private final long flushNanos;
    private final long firstSeq;
    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
    private final Map<String, Long> committed = new TreeMap<>();
    private final Thread thread;
    private volatile SQLException failure;

    private RecordingWriter(Connection db, int bookDepth, int batchSize, Duration flushInterval) throws SQLException {
        this.db = db;
        RecordingTables.create(db);
        this.firstSeq = RecordingTables.nextSeq(db);
        this.tables = new RecordingTables(db, bookDepth);
        this.batchSize = batchSize;
        this.flushNanos = flushInterval.toNanos();
        db.setAutoCommit(false);
        this.thread = new Thread(this::run, "tickstream-record-writer");
    }

    /** Opens (or creates) the recording and starts the writer thread. */
    static RecordingWriter open(Path file, int bookDepth, int batchSize, Duration flushInterval) throws SQLException {
        Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement pragmas = db.createStatement()) {
            pragmas.execute("PRAGMA journal_mode=WAL");
            pragmas.execute("PRAGMA synchronous=NORMAL");
            RecordingWriter writer = new RecordingWriter(db, bookDepth, batchSize, flushInterval);
            writer.thread.start();
            return writer;
        } catch (SQLException | RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** The sequence number the first message of this session gets (recordings can be appended to). */
    long firstSeq() {
        return firstSeq;
    }

    /** Queues a message; false when writing has failed (the message is not kept). */
    boolean add(RecordedMessage message) throws InterruptedException {
        if (failure != null) {
            return false;
        }
        queue.put(message);
        return true;
    }

    /** Writes and commits everything added so far, stops the thread, closes the file; returns rows per table. */
    Map<String, Long> close() throws SQLException, InterruptedException {
        if (thread.isAlive()) {
            queue.put(STOP);
            thread.join();
        }
        if (failure != null) {
            throw failure;
        }
        synchronized (committed) {
            return new TreeMap<>(committed);
        }
    }

    private void run() {
        List<RecordedMessage> batch = new ArrayList<>(batchSize);
        boolean stopping = false;
        try {
            while (!stopping) {
                Object next = queue.take();
                long deadline = System.nanoTime() + flushNanos;
                while (next != null) {
                    if (next == STOP) {
                        stopping = true;
                        break;
                    }
                    batch.add((RecordedMessage) next);
                    if (batch.size() >= batchSize) {
                        break;
                    }
                    next = queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                }
                write(batch);
                batch.clear();
            }
        } catch (SQLException e) {
            failure = e;
            log.error("recording stopped: cannot write to the database: {}", e.getMessage());
            queue.clear();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly();
        }
    }

    private void write(List<RecordedMessage> batch) throws SQLException {
        if (batch.isEmpty()) {
            return;
        }
        Map<String, Long> counts = new TreeMap<>();
        for (RecordedMessage message : batch) {
            counts.merge(tables.add(message), 1L, Long::sum);
        }
        tables.flush();
        db.commit();
        synchronized (committed) {
            counts.forEach((table, rows) -> committed.merge(table, rows, Long::sum));
        }
    }

    private void closeQuietly() {
        try {
            tables.close();
            db.close();
        } catch (SQLException e) {
            log.warn("closing the recording failed: {}", e.getMessage());
        }
    }
}
