package io.tickstream.cli;

import io.tickstream.client.message.AccountMessage;
import io.tickstream.client.message.Book;
import io.tickstream.client.message.PriceLevel;
import io.tickstream.client.message.Sequenced;
import io.tickstream.client.message.State;
import io.tickstream.client.message.Tick;
import io.tickstream.client.message.Trade;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;

/**
 * The SQLite schema of a recording and the inserts into it: one table per kind of message
 * ({@value #TICKS}, {@value #BOOKS}, {@value #TRADES}, {@value #STATES}, {@value #ACCOUNT_EVENTS}), each
 * with the receive sequence number, the receive time, the message's own time, its fields (prices as
 * exact decimal text), its stream's {@code seq} ({@value #STREAM_SEQ}, NULL when the message had none)
 * and its JSON as received; indexed on (symbol, time), account events on (event, time). Used by one
 * thread (the writer's), since it holds prepared statements.
 */
final class RecordingTables implements AutoCloseable {

    static final String TICKS = "ticks";
    static final String BOOKS = "books";
    static final String TRADES = "trades";
    static final String STATES = "states";
    static final String ACCOUNT_EVENTS = "account_events";
    static final List<String> ALL = List.of(TICKS, BOOKS, TRADES, STATES, ACCOUNT_EVENTS);
    /** The column of the message's own {@code seq}, added after the first recordings were made. */
    static final String STREAM_SEQ = "stream_seq";

    private static final List<String> SCHEMA = List.of(
            "CREATE TABLE IF NOT EXISTS ticks (seq INTEGER PRIMARY KEY, received_at INTEGER NOT NULL,"
                    + " symbol TEXT NOT NULL, time INTEGER NOT NULL, bid TEXT NOT NULL, ask TEXT NOT NULL,"
                    + " json TEXT NOT NULL, stream_seq INTEGER)",
            "CREATE INDEX IF NOT EXISTS ticks_symbol_time ON ticks (symbol, time)",
            "CREATE TABLE IF NOT EXISTS books (seq INTEGER PRIMARY KEY, received_at INTEGER NOT NULL,"
                    + " symbol TEXT NOT NULL, time INTEGER NOT NULL, depth INTEGER NOT NULL, bids TEXT NOT NULL,"
                    + " asks TEXT NOT NULL, json TEXT NOT NULL, stream_seq INTEGER)",
            "CREATE INDEX IF NOT EXISTS books_symbol_time ON books (symbol, time)",
            "CREATE TABLE IF NOT EXISTS trades (seq INTEGER PRIMARY KEY, received_at INTEGER NOT NULL,"
                    + " symbol TEXT NOT NULL, time INTEGER NOT NULL, price TEXT NOT NULL, quantity TEXT NOT NULL,"
                    + " side TEXT NOT NULL, trade_id TEXT, json TEXT NOT NULL, stream_seq INTEGER)",
            "CREATE INDEX IF NOT EXISTS trades_symbol_time ON trades (symbol, time)",
            "CREATE TABLE IF NOT EXISTS states (seq INTEGER PRIMARY KEY, received_at INTEGER NOT NULL,"
                    + " symbol TEXT NOT NULL, time INTEGER NOT NULL, data TEXT NOT NULL, json TEXT NOT NULL,"
                    + " stream_seq INTEGER)",
            "CREATE INDEX IF NOT EXISTS states_symbol_time ON states (symbol, time)",
            "CREATE TABLE IF NOT EXISTS account_events (seq INTEGER PRIMARY KEY, received_at INTEGER NOT NULL,"
                    + " event TEXT NOT NULL, time INTEGER NOT NULL, data TEXT NOT NULL, json TEXT NOT NULL,"
                    + " stream_seq INTEGER)",
            "CREATE INDEX IF NOT EXISTS account_events_event_time ON account_events (event, time)");

    private final PreparedStatement ticks;
    private final PreparedStatement books;
    private final PreparedStatement trades;
    private final PreparedStatement states;
    private final PreparedStatement accountEvents;
    private final int bookDepth;

    /** @param bookDepth the depth books were subscribed with, stored with each book */
    RecordingTables(Connection db, int bookDepth) throws SQLException {
        this.bookDepth = bookDepth;
        ticks = insert(db, TICKS, "symbol, time, bid, ask");
        books = insert(db, BOOKS, "symbol, time, depth, bids, asks");
        trades = insert(db, TRADES, "symbol, time, price, quantity, side, trade_id");
        states = insert(db, STATES, "symbol, time, data");
        accountEvents = insert(db, ACCOUNT_EVENTS, "event, time, data");
    }

    /** Creates the tables and indexes that do not exist yet, and adds {@value #STREAM_SEQ} to older recordings. */
    static void create(Connection db) throws SQLException {
        try (Statement statement = db.createStatement()) {
            for (String ddl : SCHEMA) {
                statement.execute(ddl);
            }
            for (String table : ALL) {
                if (!hasColumn(statement, table, STREAM_SEQ)) {
                    statement.execute("ALTER TABLE " + table + " ADD COLUMN " + STREAM_SEQ + " INTEGER");
                }
            }
        }
    }

    private static boolean hasColumn(Statement statement, String table, String column) throws SQLException {
        try (ResultSet columns = statement.executeQuery("PRAGMA table_info(" + table + ")")) {
            while (columns.next()) {
                if (columns.getString("name").equals(column)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The insert of a table's row: seq, received_at, the table's own columns, json, stream_seq. */
    private static PreparedStatement insert(Connection db, String table, String columns) throws SQLException {
        int own = columns.split(",").length;
        return db.prepareStatement("INSERT INTO " + table + " (seq, received_at, " + columns + ", json, " + STREAM_SEQ
                + ") VALUES (" + "?, ".repeat(own + 3) + "?)");
    }

    /** The sequence number after the highest one recorded so far (1 for an empty recording). */
    static long nextSeq(Connection db) throws SQLException {
        long max = 0;
        try (Statement statement = db.createStatement()) {
            for (String table : ALL) {
                try (ResultSet rows = statement.executeQuery("SELECT coalesce(max(seq), 0) FROM " + table)) {
                    max = Math.max(max, rows.next() ? rows.getLong(1) : 0);
                }
            }
        }
        return max + 1;
    }

    /** Adds the message to its table's batch; returns the table's name. */
    String add(RecordedMessage recorded) throws SQLException {
        if (recorded.message() instanceof Tick tick) {
            bind(ticks, recorded, tick.symbol(), tick.time(), tick.bid().toPlainString(), tick.ask().toPlainString());
            return TICKS;
        }
        if (recorded.message() instanceof Book book) {
            bind(books, recorded, book.symbol(), book.time(), bookDepth, levels(book.bids()), levels(book.asks()));
            return BOOKS;
        }
        if (recorded.message() instanceof Trade trade) {
            bind(trades, recorded, trade.symbol(), trade.time(), trade.price().toPlainString(),
                    trade.quantity().toPlainString(), trade.side(), trade.tradeId());
            return TRADES;
        }
        if (recorded.message() instanceof State state) {
            bind(states, recorded, state.symbol(), state.time(), state.data());
            return STATES;
        }
        if (recorded.message() instanceof AccountMessage event) {
            bind(accountEvents, recorded, event.event(), event.time(), event.data());
            return ACCOUNT_EVENTS;
        }
        throw new IllegalArgumentException("not a recordable message: " + recorded.message());
    }

    /** Sends every pending batch. */
    void flush() throws SQLException {
        for (PreparedStatement statement : List.of(ticks, books, trades, states, accountEvents)) {
            statement.executeBatch();
        }
    }

    private static void bind(PreparedStatement statement, RecordedMessage recorded, Object... columns)
            throws SQLException {
        statement.setLong(1, recorded.seq());
        statement.setLong(2, recorded.receivedAt());
        for (int i = 0; i < columns.length; i++) {
            statement.setObject(3 + i, columns[i]);
        }
        statement.setString(3 + columns.length, recorded.json());
        long seq = ((Sequenced) recorded.message()).seq();
        if (seq == Sequenced.NO_SEQ) {
            statement.setNull(4 + columns.length, Types.INTEGER);
        } else {
            statement.setLong(4 + columns.length, seq);
        }
        statement.addBatch();
    }

    /** {@code [[price,quantity],...]} with exact decimals. */
    private static String levels(List<PriceLevel> levels) {
        StringBuilder json = new StringBuilder("[");
        for (PriceLevel level : levels) {
            json.append(json.length() == 1 ? "[" : ",[").append(level.price().toPlainString()).append(',')
                    .append(level.quantity().toPlainString()).append(']');
        }
        return json.append(']').toString();
    }

    @Override
    public void close() throws SQLException {
        for (PreparedStatement statement : List.of(ticks, books, trades, states, accountEvents)) {
            statement.close();
        }
    }
}
