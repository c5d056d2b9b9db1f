package io.tickstream.client.examples;

import io.tickstream.client.MessageStream;
import io.tickstream.client.TickstreamClient;
import io.tickstream.client.message.Book;
import io.tickstream.client.message.PriceLevel;
import java.io.PrintStream;
import java.util.List;

/**
 * Example: watch an order book. Prints the top three levels of each side on every change.
 * {@code WatchOrderBook ws://localhost:8080/ DEMO_KEY XAUUSD}
 */
public final class WatchOrderBook {

    public static void main(String[] args) throws Exception {
        try (TickstreamClient client = TickstreamClient.builder().uri(args[0]).apiKey(args[1]).build()) {
            client.connect();
            run(client, args.length > 2 ? args[2] : "XAUUSD", System.out, Long.MAX_VALUE);
        }
    }

    static void run(TickstreamClient client, String symbol, PrintStream out, long limit) {
        try (MessageStream<Book> books = client.book(symbol, 5).stream()) {
            for (long n = 0; n < limit && books.hasNext(); n++) {
                Book book = books.next();
                out.println("Order book of " + book.symbol() + ":");
                print(out, "Bids", book.bids());
                print(out, "Asks", book.asks());
            }
        }
    }

    private static void print(PrintStream out, String side, List<PriceLevel> levels) {
        out.println(side + ":");
        for (int i = 0; i < Math.min(3, levels.size()); i++) {
            out.printf("  %d. %s - %s%n", i + 1, levels.get(i).price(), levels.get(i).quantity());
        }
    }

    private WatchOrderBook() {
    }
}
