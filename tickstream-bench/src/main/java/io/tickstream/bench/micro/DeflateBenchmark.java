package io.tickstream.bench.micro;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.tickstream.instrument.Instrument;
import io.tickstream.protocol.ime.ImeStateView;
import io.tickstream.state.InstrumentState;
import io.tickstream.state.MalformedUpdateException;
import io.tickstream.state.StateUpdateParser;
import io.tickstream.transport.deflate.DeflateMeters;
import io.tickstream.transport.deflate.DeflateSettings;
import io.tickstream.transport.deflate.FrameDeflater;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What permessage-deflate adds per update: one IME state frame compressed for all its deflating
 * subscribers, at the zlib level an operator chooses. Divided by the fan-out, it is the compression
 * share of the CPU per delivery.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DeflateBenchmark {

    private static final String UPDATE =
            "{\"ts\":1709742000000,\"data\":{\"BestLimit\":{\"1\":{\"buy_price\":1250000000,\"buy_quantity\":10,"
                    + "\"sell_price\":1250001000,\"sell_quantity\":4}},\"Aggregate\":{\"last_price\":1250000000,"
                    + "\"trade_count\":17}}}";

    @Param({"1", "6"})
    public int level;

    private FrameDeflater deflater;
    private ByteBuf frame;

    @Setup
    public void setUp() throws MalformedUpdateException {
        deflater = new FrameDeflater(new DeflateSettings(true, 0, level), new DeflateMeters());
        InstrumentState state = InstrumentState.initial(new Instrument("12345", "زعفران0412P01"))
                .merge(StateUpdateParser.parse(UPDATE), 1);
        frame = ImeStateView.byName(ZoneOffset.UTC).encodeSnapshot(state, PooledByteBufAllocator.DEFAULT);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        frame.release();
    }

    /** One state frame deflated on its own (no context takeover); returns the compressed frame's size. */
    @Benchmark
    public int compressImeState() {
        ByteBuf compressed = deflater.compress(frame);
        int size = compressed.readableBytes();
        compressed.release();
        return size;
    }
}
