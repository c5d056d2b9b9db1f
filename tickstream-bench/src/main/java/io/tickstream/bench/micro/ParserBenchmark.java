package io.tickstream.bench.micro;

import io.tickstream.protocol.compact.CompactMessage;
import io.tickstream.protocol.compact.CompactMessageParser;
import io.tickstream.protocol.json.ClientMessage;
import io.tickstream.protocol.json.ClientMessageParser;
import io.tickstream.state.MalformedUpdateException;
import io.tickstream.state.StateUpdate;
import io.tickstream.state.StateUpdateParser;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The streaming parsers: a bus update, a JSON-protocol client message, a compact client message. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ParserBenchmark {

    private static final String UPDATE = "{\"seq\":42,\"ts\":1709742000000,\"data\":{\"BestLimit\":{\"1\":{\"buy_price\":1.0850,"
            + "\"buy_quantity\":1000000,\"sell_price\":1.0852,\"sell_quantity\":500000}},\"Aggregate\":{\"last_price\":1.0851}}}";
    private static final String JSON_SUBSCRIBE = "{\"type\":\"subscribe\",\"symbols\":[\"EURUSD\",\"GBPUSD\",\"XAUUSD\"]}";
    private static final String COMPACT_SUBSCRIBE = "{\"event\":\"subscribe\",\"data\":[\"eurusd\",\"btcusdt\"]}";

    @Benchmark
    public StateUpdate stateUpdate() throws MalformedUpdateException {
        return StateUpdateParser.parse(UPDATE);
    }

    @Benchmark
    public ClientMessage jsonClientMessage() throws ClientMessageParser.InvalidMessage {
        return ClientMessageParser.parse(JSON_SUBSCRIBE);
    }

    @Benchmark
    public CompactMessage compactClientMessage() throws CompactMessageParser.InvalidMessage {
        return CompactMessageParser.parse(COMPACT_SUBSCRIBE);
    }
}
