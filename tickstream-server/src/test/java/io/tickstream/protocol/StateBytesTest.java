package io.tickstream.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tickstream.instrument.Instrument;
import io.tickstream.state.InstrumentState;
import io.tickstream.state.StatePayloadWriter;
import io.tickstream.state.StateUpdateParser;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class StateBytesTest {

    @Test
    void shouldWriteExactlyWhatTheJacksonWriterWritesForEveryDepthAndTrickyText() throws Exception {
        for (int depth : new int[] {1, 3, 20}) {
            InstrumentState state = InstrumentState.initial(new Instrument("1", "X", depth, ""))
                    .merge(StateUpdateParser.parse("{\"BestLimit\":{\"1\":{\"buy_price\":1.0850,\"sell_quantity\":-3e2}},"
                            + "\"Aggregate\":{\"date\":\"۱۴۰۵/۰۳/۰۲\",\"time\":\"a\\\"b\\\\c\\n\\u0001\",\"total_value\":9999999999999},"
                            + "\"ContractInfo\":{\"open_interest_changes\":-7}}"), 1);
            StringWriter expected = new StringWriter();
            try (JsonGenerator json = new JsonFactory().createGenerator(expected)) {
                StatePayloadWriter.write(json, state);
            }
            ByteBuf out = Unpooled.buffer();
            StateBytes.write(out, state);
            assertThat(out.toString(StandardCharsets.UTF_8)).as("depth %d", depth).isEqualTo(expected.toString());
            assertThat(out.readableBytes()).isLessThanOrEqualTo(StateBytes.sizeHint(state.instrument()));
            out.release();
        }
    }

    @Test
    void shouldFormatMicrosecondTimestampsInTheZoneAcrossSecondBoundaries() {
        MicrosTimestamps utc = new MicrosTimestamps(ZoneId.of("UTC"));
        assertThat(utc.format(1_709_742_000_123_456L)).isEqualTo("2024-03-06T16:20:00.123456");
        assertThat(utc.format(1_709_742_000_000_001L)).isEqualTo("2024-03-06T16:20:00.000001");
        assertThat(utc.format(1_709_742_001_999_999L)).isEqualTo("2024-03-06T16:20:01.999999");
        assertThat(new MicrosTimestamps(ZoneId.of("Asia/Tehran")).format(1_709_742_000_000_000L))
                .isEqualTo("2024-03-06T19:50:00.000000");
    }
}
