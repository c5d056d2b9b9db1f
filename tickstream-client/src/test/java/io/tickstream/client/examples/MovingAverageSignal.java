package io.tickstream.client.examples;

import io.tickstream.client.MessageStream;
import io.tickstream.client.TickstreamClient;
import io.tickstream.client.message.Tick;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayDeque;

/**
 * Example: a moving-average signal on the mid price, in exact decimals: BUY 2% above the average of
 * the last 20 mids, SELL 2% below, else HOLD. {@code MovingAverageSignal ws://localhost:8080/ DEMO_KEY EURUSD}
 */
public final class MovingAverageSignal {

    static final int PERIOD = 20;
    private static final BigDecimal TWO = BigDecimal.valueOf(2);
    private static final BigDecimal UPPER = new BigDecimal("1.02");
    private static final BigDecimal LOWER = new BigDecimal("0.98");

    public static void main(String[] args) throws Exception {
        try (TickstreamClient client = TickstreamClient.builder().uri(args[0]).apiKey(args[1]).build()) {
            client.connect();
            run(client, args.length > 2 ? args[2] : "EURUSD", System.out, Long.MAX_VALUE);
        }
    }

    static void run(TickstreamClient client, String symbol, PrintStream out, long limit) {
        ArrayDeque<BigDecimal> window = new ArrayDeque<>();
        BigDecimal sum = BigDecimal.ZERO;
        try (MessageStream<Tick> ticks = client.ticks(symbol).stream()) {
            for (long n = 0; n < limit && ticks.hasNext(); n++) {
                Tick tick = ticks.next();
                BigDecimal mid = tick.bid().add(tick.ask()).divide(TWO);
                window.addLast(mid);
                sum = sum.add(mid);
                if (window.size() > PERIOD) {
                    sum = sum.subtract(window.removeFirst());
                }
                if (window.size() == PERIOD) {
                    BigDecimal average = sum.divide(BigDecimal.valueOf(PERIOD), MathContext.DECIMAL64);
                    String signal = mid.compareTo(average.multiply(UPPER)) > 0 ? "BUY"
                            : mid.compareTo(average.multiply(LOWER)) < 0 ? "SELL" : "HOLD";
                    out.printf("%s %s mid %s MA(%d) %s%n", signal, tick.symbol(), mid, PERIOD, average);
                }
            }
        }
    }

    private MovingAverageSignal() {
    }
}
