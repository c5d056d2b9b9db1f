package io.tickstream.client.examples;

import io.tickstream.client.MessageStream;
import io.tickstream.client.TickstreamClient;
import io.tickstream.client.message.AccountMessage;
import io.tickstream.client.message.Balance;
import io.tickstream.client.message.Order;
import io.tickstream.client.message.Position;
import java.io.PrintStream;

/**
 * Example: the account's private events (balance, positions, orders); no subscription needed.
 * {@code MonitorAccount ws://localhost:8080/ DEMO_KEY}
 */
public final class MonitorAccount {

    public static void main(String[] args) throws Exception {
        try (TickstreamClient client = TickstreamClient.builder().uri(args[0]).apiKey(args[1]).build()) {
            client.connect();
            run(client, System.out, Long.MAX_VALUE);
        }
    }

    static void run(TickstreamClient client, PrintStream out, long limit) {
        try (MessageStream<AccountMessage> events = client.account().stream()) {
            for (long n = 0; n < limit && events.hasNext(); n++) {
                AccountMessage event = events.next();
                if (event instanceof Balance balance) {
                    out.printf("Balance: %s %s | Available: %s | Equity: %s%n", balance.balance(), balance.currency(),
                            balance.available(), balance.equity());
                } else if (event instanceof Position position) {
                    out.printf("Position: %s %s | avg %s | PnL %s%n", position.symbol(), position.quantity(),
                            position.averagePrice(), position.unrealizedPnl());
                } else if (event instanceof Order order) {
                    out.printf("Order %s: %s %s %s @ %s (%s)%n", order.orderId(), order.side(), order.quantity(),
                            order.symbol(), order.price(), order.status());
                } else {
                    out.println(event.event() + ": " + event.data());
                }
            }
        }
    }

    private MonitorAccount() {
    }
}
