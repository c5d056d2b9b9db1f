package io.tickstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickstream.client.message.MessageParser;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingWriterTest {

    private static final String TRADE_WITH_SEQ =
            "{\"type\":\"trade\",\"symbol\":\"BTC\",\"price\":1,\"quantity\":2,\"side\":\"buy\",\"time\":5,\"seq\":42}";
    private static final String TRADE_WITHOUT_SEQ =
            "{\"type\":\"trade\",\"symbol\":\"BTC\",\"price\":1,\"quantity\":3,\"side\":\"sell\",\"time\":6}";
    private static final String BALANCE_WITH_SEQ =
            "{\"type\":\"account\",\"event\":\"balance\",\"data\":{\"balance\":1},\"time\":7,\"seq\":9}";

    @TempDir
    Path dir;

    @Test
    void shouldStoreTheStreamSeqOfEachMessageAndNullWhenItHadNone() throws Exception {
        Path db = dir.resolve("seq.db");

        record(db, TRADE_WITH_SEQ, TRADE_WITHOUT_SEQ, BALANCE_WITH_SEQ);

        assertThat(Recordings.strings(db, "SELECT coalesce(stream_seq, 'NULL') FROM trades ORDER BY seq"))
                .containsExactly("42", "NULL");
        assertThat(Recordings.strings(db, "SELECT stream_seq FROM account_events")).containsExactly("9");
    }

    @Test
    void shouldAppendToARecordingMadeBeforeTheStreamSeqColumnWhenOpeningIt() throws Exception {
        Path db = dir.resolve("old.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE trades (seq INTEGER PRIMARY KEY, received_at INTEGER NOT NULL,"
                    + " symbol TEXT NOT NULL, time INTEGER NOT NULL, price TEXT NOT NULL, quantity TEXT NOT NULL,"
                    + " side TEXT NOT NULL, trade_id TEXT, json TEXT NOT NULL)");
            statement.execute("INSERT INTO trades VALUES (1, 1, 'BTC', 6, '1', '3', 'sell', NULL, '"
                    + TRADE_WITHOUT_SEQ + "')");
        }

        record(db, TRADE_WITH_SEQ);

        assertThat(Recordings.strings(db, "SELECT coalesce(stream_seq, 'NULL') FROM trades ORDER BY seq"))
                .containsExactly("NULL", "42");
        assertThat(Recordings.messages(db)).hasSize(2);
    }

    private static void record(Path db, String... messages) throws Exception {
        RecordingWriter writer = RecordingWriter.open(db, 5, 100, Duration.ofMillis(10));
        long seq = writer.firstSeq();
        for (String json : Arrays.asList(messages)) {
            assertThat(writer.add(new RecordedMessage(seq++, 1, MessageParser.parse(json), json))).isTrue();
        }
        assertThat(writer.close().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(List.of(messages).size());
    }
}
