package io.tickstream.cli;

import io.tickstream.client.message.MalformedMessageException;
import io.tickstream.client.message.MessageParser;
import io.tickstream.client.message.State;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a recording made by {@code tickstream record}: which symbols it holds on which tables, and
 * every message in receive order. One thread at a time.
 */
final class RecordingReader implements AutoCloseable {

    /** One recorded message: its table, receive order and time, and its JSON as received. */
    record Row(long seq, long receivedAt, String table, String json) {
    }

    /** Called for each row in receive order. */
    interface RowHandler {
        void handle(Row row) throws Exception;
    }

    private final Connection db;
    private final Set<String> tables;

    private RecordingReader(Connection db, Set<String> tables) {
        this.db = db;
        this.tables = tables;
    }

    static RecordingReader open(Path file) throws SQLException {
        if (!Files.isRegularFile(file)) {
            throw new SQLException("no recording at " + file);
        }
        Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
        Set<String> tables = new LinkedHashSet<>();
        try (Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
            while (rows.next()) {
                if (RecordingTables.ALL.contains(rows.getString(1))) {
                    tables.add(rows.getString(1));
                }
            }
        } catch (SQLException e) {
            db.close();
            throw new SQLException(file + " is not a SQLite recording: " + e.getMessage(), e);
        }
        if (tables.isEmpty()) {
            db.close();
            throw new SQLException(file + " is not a tickstream recording (none of the tables " + RecordingTables.ALL + ")");
        }
        return new RecordingReader(db, tables);
    }

    /** The symbols of one table. */
    Set<String> symbols(String table) throws SQLException {
        Set<String> symbols = new LinkedHashSet<>();
        if (tables.contains(table) && !table.equals(RecordingTables.ACCOUNT_EVENTS)) {
            try (Statement statement = db.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT DISTINCT symbol FROM " + table + " ORDER BY symbol")) {
                while (rows.next()) {
                    symbols.add(rows.getString(1));
                }
            }
        }
        return symbols;
    }

    /** The deepest book or state recorded per symbol (levels the instrument must have). */
    Map<String, Integer> depths() throws SQLException, MalformedMessageException {
        Map<String, Integer> depths = new LinkedHashMap<>();
        try (Statement statement = db.createStatement()) {
            if (tables.contains(RecordingTables.BOOKS)) {
                try (ResultSet rows = statement.executeQuery("SELECT symbol, max(depth) FROM books GROUP BY symbol")) {
                    while (rows.next()) {
                        depths.merge(rows.getString(1), rows.getInt(2), Math::max);
                    }
                }
            }
            if (tables.contains(RecordingTables.STATES)) {
                try (ResultSet rows = statement.executeQuery("SELECT symbol, json FROM states GROUP BY symbol")) {
                    while (rows.next()) {
                        State state = (State) MessageParser.parse(rows.getString(2));
                        depths.merge(rows.getString(1), state.depth(), Math::max);
                    }
                }
            }
        }
        return depths;
    }

    boolean has(String table) {
        return tables.contains(table);
    }

    /** Every recorded message in receive order. */
    void forEach(RowHandler handler) throws Exception {
        List<String> selects = new ArrayList<>();
        for (String table : tables) {
            selects.add("SELECT seq, received_at, '" + table + "', json FROM " + table);
        }
        try (Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery(String.join(" UNION ALL ", selects) + " ORDER BY seq")) {
            while (rows.next()) {
                handler.handle(new Row(rows.getLong(1), rows.getLong(2), rows.getString(3), rows.getString(4)));
            }
        }
    }

    @Override
    public void close() throws SQLException {
        db.close();
    }
}
