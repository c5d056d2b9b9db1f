package io.tickstream.client.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickstream.auth.ApiKey;
import io.tickstream.auth.InstrumentScope;
import io.tickstream.auth.Principal;
import io.tickstream.bus.InProcessBus;
import io.tickstream.config.GatewayConfig;
import io.tickstream.instrument.Instrument;
import io.tickstream.server.Gateway;
import io.tickstream.client.TickstreamClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs each README example against a real gateway until it has printed what it should. */
class ExamplesTest {

    private static final Instrument EURUSD = new Instrument("1", "EURUSD");
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final InProcessBus bus = new InProcessBus(List.of(EURUSD));
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
    private Gateway gateway;
    private TickstreamClient client;
    private int sequence;

    @BeforeEach
    void start() throws Exception {
        gateway = Gateway.start(GatewayConfig.builder().host("127.0.0.1").port(0).simulatorRate(0)
                .apiKey(ApiKey.plain("k", new Principal("demo", InstrumentScope.all(), true, 0))).build(), bus);
        client = TickstreamClient.builder().uri("ws://127.0.0.1:" + gateway.port() + "/").apiKey("k").build();
        client.connect();
    }

    @AfterEach
    void stop() {
        client.close();
        gateway.close();
    }

    @Test
    void shouldPrintQuotesWhenMonitoringATicker() throws Exception {
        runWhilePublishing(() -> MonitorTicker.run(client, "EURUSD", out, 3), this::quote);
        assertThat(text()).startsWith("Monitoring EURUSD...").contains("EURUSD  bid 1.0").contains("spread 0.00002");
    }

    @Test
    void shouldPrintBothSidesWhenWatchingAnOrderBook() throws Exception {
        runWhilePublishing(() -> WatchOrderBook.run(client, "EURUSD", out, 2), this::quote);
        assertThat(text()).contains("Order book of EURUSD:", "Bids:", "  1. 1.0", "Asks:");
    }

    @Test
    void shouldPrintPrintsWhenFollowingTrades() throws Exception {
        runWhilePublishing(() -> {
            try {
                FollowTrades.run(client, "EURUSD", out, 2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, () -> bus.publishTrade("1", "{\"price\":1.0851,\"quantity\":1000,\"side\":\"buy\"}"));
        assertThat(text()).contains("BUY  1000 EURUSD @ 1.0851");
    }

    @Test
    void shouldPrintSignalsOnceThePeriodIsFullWhenComputingAMovingAverage() throws Exception {
        runWhilePublishing(() -> MovingAverageSignal.run(client, "EURUSD", out, MovingAverageSignal.PERIOD + 2), this::quote);
        assertThat(text().lines().filter(line -> line.contains("MA(20)")).count()).isEqualTo(3);
    }

    @Test
    void shouldPrintTheBalanceWhenMonitoringTheAccount() throws Exception {
        runWhilePublishing(() -> MonitorAccount.run(client, out, 1), () -> bus.publishAccountEvent("demo",
                "{\"type\":\"balance\",\"data\":{\"currency\":\"USD\",\"balance\":100.50,\"available\":90,\"equity\":101}}"));
        assertThat(text()).contains("Balance: 100.50 USD | Available: 90 | Equity: 101");
    }

    private void quote() {
        sequence++;
        String bid = "1.0" + (8500 + sequence);
        String ask = "1.0" + (8502 + sequence);
        try {
            bus.publishMarketData("1", "{\"BestLimit\":{\"1\":{\"buy_price\":" + bid + ",\"buy_quantity\":5,"
                    + "\"sell_price\":" + ask + ",\"sell_quantity\":6}}}");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs an example until it returns, publishing every 20 ms meanwhile (it subscribes on its own thread). */
    private void runWhilePublishing(Runnable example, Runnable publish) throws Exception {
        CompletableFuture<Void> done = CompletableFuture.runAsync(example);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!done.isDone() && System.nanoTime() < deadline) {
            publish.run();
            Thread.sleep(20);
        }
        done.get(1, TimeUnit.SECONDS);
    }

    private String text() {
        return printed.toString(StandardCharsets.UTF_8);
    }
}
