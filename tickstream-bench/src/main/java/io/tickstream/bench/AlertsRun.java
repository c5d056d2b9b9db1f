package io.tickstream.bench;

import io.tickstream.alert.AlertCondition;
import io.tickstream.alert.AlertField;
import io.tickstream.alert.AlertRequest;
import io.tickstream.alert.Alerts;
import io.tickstream.auth.InstrumentScope;
import io.tickstream.auth.Principal;
import io.tickstream.bench.gateway.BenchCatalog;
import io.tickstream.bench.gateway.InProcessGateway;
import io.tickstream.bus.MarketPublisher;
import io.tickstream.instrument.Instrument;
import io.tickstream.state.MalformedUpdateException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * The alerts scenario: {@code --alerts} once alerts of one account over {@code -m} instruments
 * (crosses above and below, every 10 ticks out to both sides of a price of 100.00), then bid changes
 * of ±1 tick at {@code --rate} over the instruments in turn, published on the in-process bus of a
 * gateway in this JVM, while one JSON client of the account takes the triggers. Reports the heap
 * the alerts took (after a GC), the share of changes that fired something and the tick-to-trigger
 * latency at the client (from the publish of the change to the receipt of its {@code alert} event).
 * Driven from one thread.
 */
public final class AlertsRun {

    private static final String TICK = "0.01";
    private static final int LEVEL_SPACING = 10;
    /** Recent changes kept per instrument to find a trigger's publish time by its value. */
    private static final int RECENT = 64;
    private static final Pattern TRIGGER = Pattern.compile("\"event\":\"alert\".*\"symbol\":\"([^\"]+)\".*\"value\":([0-9.]+)");

    private final BenchOptions options;
    private final int alerts;
    private final Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
    private final AtomicLong triggers = new AtomicLong();
    private final AtomicLong unmatched = new AtomicLong();
    private long recordFrom;
    private String[][] recentValues;
    private long[][] recentTimes;
    private List<Instrument> catalog;
    private final Map<String, Integer> indexByName = new HashMap<>();

    public AlertsRun(BenchOptions options, int alerts) {
        if (options.scenario() != Scenario.ALERTS || options.spawn()) {
            throw new IllegalArgumentException("AlertsRun runs the alerts scenario on a gateway in this JVM");
        }
        this.options = options;
        this.alerts = alerts;
    }

    public String run() throws Exception {
        catalog = BenchCatalog.of(options.instruments());
        recentValues = new String[catalog.size()][RECENT];
        recentTimes = new long[catalog.size()][RECENT];
        for (int i = 0; i < catalog.size(); i++) {
            indexByName.put(catalog.get(i).name(), i);
        }
        try (InProcessGateway gateway = new InProcessGateway(options.instruments(), 1, null, null)) {
            MarketPublisher publisher = gateway.publisher();
            long[] bids = new long[catalog.size()];
            for (int i = 0; i < catalog.size(); i++) {
                bids[i] = 10_000;
                publish(publisher, i, bids[i]);
            }
            long heapBefore = gateway.memoryBytes();
            long setStart = System.nanoTime();
            set(gateway.gateway().alerts());
            double setSeconds = (System.nanoTime() - setStart) / 1e9;
            long heapAfter = gateway.memoryBytes();
            int active = gateway.gateway().alerts().active();

            WebSocket client = connect(gateway.uri());
            long start = System.nanoTime();
            recordFrom = start + options.warmup().toNanos();
            long end = recordFrom + options.duration().toNanos();
            long interval = (long) (1e9 / options.rate());
            SplittableRandom random = new SplittableRandom(7);
            long published = 0;
            long measuredTicks = 0;
            long measuredTriggersAtStart = -1;
            long measuredSince = 0;
            for (long next = start; next < end; next += interval) {
                // Parked, not spun: on 2 cores a spinning publisher would starve the gateway it measures.
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                if (measuredTriggersAtStart < 0 && next >= recordFrom) {
                    measuredTriggersAtStart = triggers.get();
                    measuredSince = System.nanoTime();
                }
                int i = (int) (published % catalog.size());
                bids[i] += random.nextBoolean() ? 1 : -1;
                publish(publisher, i, bids[i]);
                published++;
                if (next >= recordFrom) {
                    measuredTicks++;
                }
            }
            double seconds = (System.nanoTime() - measuredSince) / 1e9;
            Thread.sleep(1_000);
            long measuredTriggers = triggers.get() - Math.max(0, measuredTriggersAtStart);
            client.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
            synchronized (latency) {
                return String.format(Locale.ROOT, "alerts=%d instruments=%d set in %.1f s heap/alert=%d B"
                                + " | rate=%.0f/s measured ticks=%d triggers=%d (%.2f%% of ticks) unmatched=%d"
                                + " | tick-to-trigger us p50=%d p99=%d p99.9=%d max=%d (n=%d) | active after=%d",
                        active, catalog.size(), setSeconds, active == 0 ? 0 : (heapAfter - heapBefore) / active,
                        measuredTicks / seconds, measuredTicks, measuredTriggers,
                        100.0 * measuredTriggers / Math.max(1, measuredTicks), unmatched.get(),
                        latency.getValueAtPercentile(50), latency.getValueAtPercentile(99),
                        latency.getValueAtPercentile(99.9), latency.getMaxValue(), latency.getTotalCount(),
                        gateway.gateway().alerts().active());
            }
        }
    }

    /** Once alerts crossing above and below every {@value #LEVEL_SPACING} ticks from the start price. */
    private void set(Alerts target) throws Exception {
        Principal account = new Principal(BenchCatalog.PRIVATE_ACCOUNT, InstrumentScope.all(), true, 0);
        BigDecimal start = BigDecimal.valueOf(10_000, 2);
        BigDecimal tick = new BigDecimal(TICK);
        List<CompletableFuture<?>> pending = new ArrayList<>();
        for (int n = 0; n < alerts; n++) {
            Instrument instrument = catalog.get(n % catalog.size());
            int rank = n / catalog.size();
            boolean up = rank % 2 == 0;
            BigDecimal offset = tick.multiply(BigDecimal.valueOf((long) LEVEL_SPACING * (rank / 2 + 1)));
            AlertRequest request = new AlertRequest(instrument.name(), AlertField.BID,
                    up ? AlertCondition.CROSSES_ABOVE : AlertCondition.CROSSES_BELOW,
                    up ? start.add(offset) : start.subtract(offset), true, 0, 0, null, null);
            pending.add(target.create(account, request).toCompletableFuture());
            if (pending.size() == 10_000) {
                CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
                pending.clear();
            }
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    }

    private void publish(MarketPublisher publisher, int index, long bidCents) throws MalformedUpdateException {
        String bid = BigDecimal.valueOf(bidCents, 2).toPlainString();
        String ask = BigDecimal.valueOf(bidCents + 2, 2).toPlainString();
        synchronized (recentValues[index]) {
            int slot = (int) (bidCents & (RECENT - 1));
            recentValues[index][slot] = bid;
            recentTimes[index][slot] = System.nanoTime();
        }
        publisher.publishMarketData(catalog.get(index).id(),
                "{\"data\":{\"BestLimit\":{\"1\":{\"buy_price\":" + bid + ",\"sell_price\":" + ask + "}}}}");
    }

    /** The publish time of the latest change of an instrument to a bid, or -1. */
    private long publishedAt(String symbol, String value) {
        Integer i = indexByName.get(symbol);
        if (i == null) {
            return -1;
        }
        synchronized (recentValues[i]) {
            for (int slot = 0; slot < RECENT; slot++) {
                if (value.equals(recentValues[i][slot])) {
                    return recentTimes[i][slot];
                }
            }
        }
        return -1;
    }

    private WebSocket connect(URI gateway) throws Exception {
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(gateway + "/"), new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            received(text.toString(), System.nanoTime());
                            text.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        socket.sendText("{\"type\":\"auth\",\"apiKey\":\"" + BenchCatalog.PRIVATE_API_KEY + "\"}", true)
                .get(10, TimeUnit.SECONDS);
        Thread.sleep(Duration.ofSeconds(1).toMillis());
        return socket;
    }

    private void received(String message, long nowNanos) {
        Matcher trigger = TRIGGER.matcher(message);
        if (!trigger.find()) {
            return;
        }
        triggers.incrementAndGet();
        long at = publishedAt(trigger.group(1), trigger.group(2));
        if (at < 0) {
            unmatched.incrementAndGet();
        } else if (at >= recordFrom) {
            synchronized (latency) {
                latency.recordValue(Math.max(0, (nowNanos - at) / 1_000));
            }
        }
    }
}
