package io.tickstream.cli;

import io.tickstream.client.message.AccountMessage;
import io.tickstream.client.message.Book;
import io.tickstream.client.message.Message;
import io.tickstream.client.message.MessageParser;
import io.tickstream.client.message.PriceLevel;
import io.tickstream.client.message.State;
import io.tickstream.client.message.Tick;
import io.tickstream.client.message.Trade;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Test helpers around recordings: reading one back, and describing messages without their times. */
final class Recordings {

    private Recordings() {
    }

    /** Every recorded message in receive order, parsed. */
    static List<Message> messages(Path db) throws Exception {
        List<Message> messages = new ArrayList<>();
        try (RecordingReader reader = RecordingReader.open(db)) {
            reader.forEach(row -> messages.add(MessageParser.parse(row.json())));
        }
        return messages;
    }

    static long count(Path db, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }

    static List<String> strings(Path db, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    /** What a client sees in a message, every field but the time, numbers as exact text. */
    static String describe(Message message) {
        if (message instanceof Tick tick) {
            return "tick " + tick.symbol() + " " + tick.bid().toPlainString() + "/" + tick.ask().toPlainString();
        }
        if (message instanceof Book book) {
            return "book " + book.symbol() + " " + levels(book.bids()) + " | " + levels(book.asks());
        }
        if (message instanceof Trade trade) {
            return "trade " + trade.symbol() + " " + trade.price().toPlainString() + " x " + trade.quantity().toPlainString()
                    + " " + trade.side() + " " + trade.tradeId();
        }
        if (message instanceof State state) {
            return "state " + state.symbol() + " " + new TreeMap<>(state.fields());
        }
        if (message instanceof AccountMessage event) {
            return "account " + event.event() + " " + event.data();
        }
        return String.valueOf(message);
    }

    private static String levels(List<PriceLevel> levels) {
        return levels.stream().map(level -> level.price().toPlainString() + "x" + level.quantity().toPlainString())
                .collect(Collectors.joining(","));
    }
}
