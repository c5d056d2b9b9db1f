package io.tickstream.client.examples;

import io.tickstream.client.MessageStream;
import io.tickstream.client.TickstreamClient;
import io.tickstream.client.message.Tick;
import java.io.PrintStream;
import java.time.Instant;

/**
 * Example: monitor a ticker. Prints every quote change of one symbol with its spread.
 * {@code MonitorTicker ws://localhost:8080/ DEMO_KEY EURUSD}
 */
public final class MonitorTicker {

    public static void main(String[] args) throws Exception {
        try (TickstreamClient client = TickstreamClient.builder().uri(args[0]).apiKey(args[1]).build()) {
            client.connect();
            run(client, args.length > 2 ? args[2] : "EURUSD", System.out, Long.MAX_VALUE);
        }
    }

    static void run(TickstreamClient client, String symbol, PrintStream out, long limit) {
        out.println("Monitoring " + symbol + "...");
        try (MessageStream<Tick> ticks = client.ticks(symbol).stream()) {
            for (long n = 0; n < limit && ticks.hasNext(); n++) {
                Tick tick = ticks.next();
                out.printf("%s  %s  bid %s  ask %s  spread %s%n", Instant.ofEpochMilli(tick.time()), tick.symbol(),
                        tick.bid(), tick.ask(), tick.ask().subtract(tick.bid()));
            }
        }
    }

    private MonitorTicker() {
    }
}
