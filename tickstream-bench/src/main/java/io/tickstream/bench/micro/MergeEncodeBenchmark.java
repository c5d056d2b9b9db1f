package io.tickstream.bench.micro;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.tickstream.instrument.Instrument;
import io.tickstream.protocol.compact.CompactQuoteView;
import io.tickstream.protocol.ime.ImeStateView;
import io.tickstream.protocol.json.JsonTickView;
import io.tickstream.state.InstrumentState;
import io.tickstream.state.MalformedUpdateException;
import io.tickstream.state.StateUpdateParser;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-update work of the hot path, done once per update whatever the number of subscribers:
 * parse, merge, and encode the IME envelope (full state), a JSON tick and a compact quote.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MergeEncodeBenchmark {

    private static final String[] UPDATES = {
        "{\"ts\":1709742000000,\"data\":{\"BestLimit\":{\"1\":{\"buy_price\":1250000000,\"buy_quantity\":10,"
                + "\"sell_price\":1250001000,\"sell_quantity\":4}},\"Aggregate\":{\"last_price\":1250000000,\"trade_count\":17}}}",
        "{\"ts\":1709742000100,\"data\":{\"BestLimit\":{\"1\":{\"buy_price\":1250002000,\"buy_quantity\":11,"
                + "\"sell_price\":1250003000,\"sell_quantity\":5}},\"Aggregate\":{\"last_price\":1250003000,\"trade_count\":18}}}",
    };

    private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
    private final ImeStateView ime = ImeStateView.byName(ZoneOffset.UTC);
    private final JsonTickView tick = new JsonTickView();
    private final CompactQuoteView quote = new CompactQuoteView();
    private InstrumentState state;
    private InstrumentState previous;
    private int next;

    @Setup
    public void setUp() throws MalformedUpdateException {
        previous = InstrumentState.initial(new Instrument("12345", "زعفران0412P01"));
        state = previous.merge(StateUpdateParser.parse(UPDATES[0]), 1);
    }

    /** One IME update: parse, merge into the state (two updates alternate, so each merge changes it), encode. */
    @Benchmark
    public int parseMergeEncodeIme() throws MalformedUpdateException {
        InstrumentState merged = state.merge(StateUpdateParser.parse(UPDATES[next ^= 1]), 1);
        ByteBuf frame = ime.encodeChange(state, merged, alloc);
        state = merged;
        int size = frame.readableBytes();
        frame.release();
        return size;
    }

    /** Encoding only: the IME envelope of a 3-level state. */
    @Benchmark
    public int encodeIme() {
        ByteBuf frame = ime.encodeSnapshot(state, alloc);
        int size = frame.readableBytes();
        frame.release();
        return size;
    }

    /** A JSON tick for a quote change. */
    @Benchmark
    public int encodeTick() {
        ByteBuf frame = tick.encodeChange(previous, state, alloc);
        int size = frame.readableBytes();
        frame.release();
        return size;
    }

    /** A compact quote array for a quote change. */
    @Benchmark
    public int encodeCompactQuote() {
        ByteBuf frame = quote.encodeChange(previous, state, alloc);
        int size = frame.readableBytes();
        frame.release();
        return size;
    }
}
