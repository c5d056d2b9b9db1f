package io.tickstream.bench.abuse;

import io.tickstream.bus.MarketPublisher;
import java.net.InetSocketAddress;

/**
 * One way of abusing a gateway, run during one phase of the abuse scenario. {@link #start}
 * launches the attacker's own threads and returns; {@link #stop} closes its sockets, which
 * unblocks any write the gateway no longer reads, and waits (boundedly) for its threads. Start and
 * stop from one driving thread, once each.
 */
public interface Attack {

    /**
     * Where attackers connect from: an address of their own, apart from the bystanders'
     * 127.0.0.x, so that per-address limits in the gateway fall on the attacker only.
     */
    InetSocketAddress SOURCE = new InetSocketAddress("127.66.0.1", 0);

    /** Makes what the attack needs on the gateway before it starts, e.g. history to resume from. */
    default void prepare(MarketPublisher publisher) {
    }

    void start(InetSocketAddress gateway);

    void stop() throws InterruptedException;

    AttackerTally tally();
}
