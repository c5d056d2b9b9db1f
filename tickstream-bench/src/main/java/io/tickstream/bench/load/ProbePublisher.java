package io.tickstream.bench.load;

import io.tickstream.bus.MarketPublisher;
import io.tickstream.state.MalformedUpdateException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Publishes market-data updates at a set rate, round robin over the bench instruments, each
 * carrying its publish time ({@code System.nanoTime()}) as the level-1 bid and a sequence number as
 * the ask. Runs on its own thread between {@link #start} and {@link #stop}.
 */
public final class ProbePublisher {

    /** Thread name: the in-process bus delivers on the publisher's thread, so its CPU is the gateway's. */
    public static final String THREAD = "tickstream-bench-publisher";

    private final MarketPublisher publisher;
    private final int instruments;
    private final double ratePerSecond;
    private final long[] published;
    private final AtomicBoolean running = new AtomicBoolean();
    private Thread thread;

    public ProbePublisher(MarketPublisher publisher, int instruments, double ratePerSecond) {
        this.publisher = publisher;
        this.instruments = instruments;
        this.ratePerSecond = ratePerSecond;
        this.published = new long[instruments];
    }

    public void start() {
        running.set(true);
        thread = new Thread(this::run, THREAD);
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops publishing and returns how many updates each instrument got. */
    public long[] stop() throws InterruptedException {
        running.set(false);
        thread.join(10_000);
        return published.clone();
    }

    private void run() {
        long start = System.nanoTime();
        long sent = 0;
        while (running.get()) {
            long due = (long) ((System.nanoTime() - start) / 1e9 * ratePerSecond);
            while (sent < due && running.get()) {
                int index = (int) (sent % instruments);
                String update = "{\"BestLimit\":{\"1\":{\"buy_price\":" + System.nanoTime()
                        + ",\"sell_price\":" + sent + "}}}";
                try {
                    publisher.publishMarketData(SubscriptionPlan.id(index), update);
                    published[index]++;
                } catch (MalformedUpdateException e) {
                    throw new IllegalStateException("the bench's own update is malformed", e);
                }
                sent++;
            }
            LockSupport.parkNanos(200_000);
        }
    }
}
