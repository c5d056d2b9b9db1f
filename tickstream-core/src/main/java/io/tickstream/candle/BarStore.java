package io.tickstream.candle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The embedded bus's bars: every trade updates the open bar of all seven intervals of its
 * instrument, exactly as the Redis publish script does. With a directory, every trade is also
 * written to a {@link BarJournal}, so the bars survive a restart. Thread-safe (one monitor).
 */
public final class BarStore implements AutoCloseable {

    private final CandleSettings settings;
    private final BarClock clock;
    private final Map<String, EnumMap<CandleInterval, BarSeries>> instruments = new HashMap<>();
    private final BarJournal journal;

    /** @throws UncheckedIOException when the directory's bars cannot be read */
    public BarStore(CandleSettings settings) {
        this.settings = settings;
        this.clock = new BarClock(settings.dayZone());
        try {
            this.journal = settings.directory() == null ? null : BarJournal.open(settings.directory(), this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bars in " + settings.directory(), e);
        }
    }

    public BarClock clock() {
        return clock;
    }

    /**
     * Adds one trade to its instrument's bars (and to the journal).
     *
     * @throws UncheckedIOException when the journal cannot be written
     */
    public synchronized void addTrade(String instrumentId, long time, BigDecimal price, BigDecimal quantity) {
        apply(instrumentId, time, price, quantity);
        if (journal != null) {
            try {
                journal.trade(instrumentId, time, price, quantity);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the bar journal", e);
            }
        }
    }

    /** At most {@code limit} bars of one instrument starting at or before {@code end}, oldest first. */
    public synchronized List<Bar> read(String instrumentId, CandleInterval interval, long end, int limit) {
        Map<CandleInterval, BarSeries> series = instruments.get(instrumentId);
        return series == null ? List.of() : series.get(interval).read(end, limit);
    }

    /** Called by the journal as it replays; call holding the monitor. */
    void apply(String instrumentId, long time, BigDecimal price, BigDecimal quantity) {
        EnumMap<CandleInterval, BarSeries> series = series(instrumentId);
        for (CandleInterval interval : CandleInterval.values()) {
            series.get(interval).add(clock.start(interval, time), price, quantity);
        }
    }

    /** Called by the journal as it loads a snapshot. */
    void restore(String instrumentId, CandleInterval interval, Bar bar) {
        series(instrumentId).get(interval).put(bar);
    }

    /** Every kept bar, for a snapshot; call holding the monitor. */
    void forEach(BarVisitor visitor) throws IOException {
        for (Map.Entry<String, EnumMap<CandleInterval, BarSeries>> instrument : instruments.entrySet()) {
            for (Map.Entry<CandleInterval, BarSeries> series : instrument.getValue().entrySet()) {
                for (Bar bar : series.getValue().all()) {
                    visitor.visit(instrument.getKey(), series.getKey(), bar);
                }
            }
        }
    }

    /** One kept bar, as {@link #forEach} walks them. */
    interface BarVisitor {
        void visit(String instrumentId, CandleInterval interval, Bar bar) throws IOException;
    }

    private EnumMap<CandleInterval, BarSeries> series(String instrumentId) {
        return instruments.computeIfAbsent(instrumentId, id -> {
            EnumMap<CandleInterval, BarSeries> created = new EnumMap<>(CandleInterval.class);
            for (CandleInterval interval : CandleInterval.values()) {
                created.put(interval, new BarSeries(settings.retention(interval).toMillis()));
            }
            return created;
        });
    }

    @Override
    public synchronized void close() {
        if (journal != null) {
            journal.close();
        }
    }
}
