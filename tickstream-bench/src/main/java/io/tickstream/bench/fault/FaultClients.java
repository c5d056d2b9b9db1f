package io.tickstream.bench.fault;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.tickstream.bench.load.SubscriptionPlan;
import io.tickstream.bench.load.WebSocketDialer;
import io.tickstream.transport.SocketTransport;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The fault scenario's clients: one JSON connection per connection of the plan, watching the
 * trades of its instruments and the private account's events (see {@link FaultClientHandler}).
 * Connect and close from the driving thread.
 */
public final class FaultClients implements AutoCloseable {

    private final WebSocketDialer dialer;
    private final SubscriptionPlan plan;
    private final FaultStats stats;
    private final List<FaultClientHandler> handlers = new ArrayList<>();

    public FaultClients(URI gateway, SubscriptionPlan plan, int sourceAddresses, int threads, SocketTransport transport,
                        FaultStats stats) {
        this.dialer = new WebSocketDialer(gateway, sourceAddresses, threads, transport, false, new LongAdder());
        this.plan = plan;
        this.stats = stats;
    }

    /** Opens every connection and waits until each has its account and trade stream positions. */
    public void connect(Duration timeout) throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(plan.connections());
        for (int c = 0; c < plan.connections(); c++) {
            FaultClientHandler handler = new FaultClientHandler(
                    plan.instrumentsOf(c).stream().map(SubscriptionPlan::name).toList(), stats, ready::countDown);
            handlers.add(handler);
            dialer.dial(c, "/", new DefaultHttpHeaders(), false, channel -> handler).addListener(done -> {
                if (!done.isSuccess()) {
                    stats.failures.increment();
                }
            });
        }
        if (!ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException((plan.connections() - ready.getCount()) + " of " + plan.connections()
                    + " fault clients ready within " + timeout + " (failures: " + stats.failures() + ")");
        }
    }

    /** What every client got against how far each stream went ({@code last}: latest seq by stream label). */
    public DeliveryAudit audit(Map<String, Long> last) {
        return DeliveryAudit.of(handlers.stream().map(FaultClientHandler::tallies).toList(), last);
    }

    @Override
    public void close() {
        handlers.forEach(FaultClientHandler::closing);
        dialer.close();
    }
}
