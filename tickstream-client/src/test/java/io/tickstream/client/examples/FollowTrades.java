package io.tickstream.client.examples;

import io.tickstream.client.TickstreamClient;
import io.tickstream.client.message.Trade;
import java.io.PrintStream;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;

/**
 * Example: follow trades with a {@link Flow.Subscriber} (the reactive way; any Reactive Streams
 * library adapts {@code Flow.Publisher}). {@code FollowTrades ws://localhost:8080/ DEMO_KEY BTCUSDT}
 */
public final class FollowTrades {

    public static void main(String[] args) throws Exception {
        try (TickstreamClient client = TickstreamClient.builder().uri(args[0]).apiKey(args[1]).build()) {
            client.connect();
            run(client, args.length > 2 ? args[2] : "BTCUSDT", System.out, Long.MAX_VALUE);
        }
    }

    static void run(TickstreamClient client, String symbol, PrintStream out, long limit) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        client.trades(symbol).subscribe(new Flow.Subscriber<>() {
            private Flow.Subscription subscription;
            private long seen;

            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription = s;
                s.request(100);
            }

            @Override
            public void onNext(Trade trade) {
                out.printf("%s %s %s %s @ %s%n", Instant.ofEpochMilli(trade.time()), trade.side().equals("buy") ? "BUY " : "SELL",
                        trade.quantity(), trade.symbol(), trade.price());
                if (++seen >= limit) {
                    subscription.cancel();
                    done.countDown();
                } else {
                    subscription.request(1);
                }
            }

            @Override
            public void onError(Throwable error) {
                out.println("stream failed: " + error.getMessage());
                done.countDown();
            }

            @Override
            public void onComplete() {
                done.countDown();
            }
        });
        done.await();
    }

    private FollowTrades() {
    }
}
