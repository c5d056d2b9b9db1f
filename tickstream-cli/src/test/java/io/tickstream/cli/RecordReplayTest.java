package io.tickstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickstream.auth.ApiKey;
import io.tickstream.auth.InstrumentScope;
import io.tickstream.auth.Principal;
import io.tickstream.bus.InProcessBus;
import io.tickstream.candle.Bar;
import io.tickstream.candle.CandleInterval;
import io.tickstream.client.Channel;
import io.tickstream.client.MessageStream;
import io.tickstream.client.TickstreamClient;
import io.tickstream.client.message.Message;
import io.tickstream.client.message.Trade;
import io.tickstream.config.GatewayConfig;
import io.tickstream.instrument.Instrument;
import io.tickstream.server.Gateway;
import io.tickstream.testkit.OfflineBars;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RecordReplayTest {

    private static final Instrument EURUSD = new Instrument("1", "EURUSD");
    private static final Instrument SAFFRON = new Instrument("12345", "زعفران0412P01");
    private static final List<String> SYMBOLS = List.of(EURUSD.name(), SAFFRON.name());
    private static final List<Channel<?>> CHANNELS = List.of(Channel.TICK, Channel.BOOK, Channel.TRADES, Channel.STATE);
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void shouldShowAClientTheRecordedSequenceAgainWhenARecordingIsReplayedIntoAGateway() throws Exception {
        Path db = dir.resolve("day.db");
        record(db);
        List<String> recorded = Recordings.messages(db).stream().map(Recordings::describe).toList();
        assertThat(recorded).hasSizeGreaterThan(60);

        StringWriter out = new StringWriter();
        CommandLine commandLine = TickstreamCommand.newCommandLine().setOut(new PrintWriter(out, true));
        commandLine.parseArgs("replay", db.toString(), "--serve", "--port", "0", "--host", "127.0.0.1",
                "--demo-key", "replay-key", "--as-fast-as-possible");
        ReplayCommand replay = commandLine.getSubcommands().get("replay").getCommand();
        List<String> replayed = new ArrayList<>();
        try (ReplayTarget target = replay.openTarget();
             TickstreamClient client = TickstreamClient.builder()
                     .uri("ws://127.0.0.1:" + target.gateway().port() + "/").apiKey("replay-key").build()) {
            client.connect();
            MessageStream<Message> all = client.feed(Channel.ALL).stream();
            subscribe(client);

            replay.replayInto(target);

            for (Message message = all.poll(WAIT); message != null; message = all.poll(Duration.ofMillis(300))) {
                replayed.add(Recordings.describe(message));
            }
            all.close();
            for (Instrument instrument : List.of(EURUSD, SAFFRON)) {
                List<OfflineBars.Print> trades = recordedTrades(db, instrument.name());
                for (CandleInterval interval : CandleInterval.values()) {
                    String replayedId = target.gateway().catalog().byName(instrument.name()).orElseThrow().id();
                    assertThat(target.gateway().bus().candles(replayedId, interval, Long.MAX_VALUE, 1_000)
                            .toCompletableFuture().get(5, TimeUnit.SECONDS)).as(instrument.name() + " " + interval.label())
                            .extracting(Bar::toJsonArray).containsExactlyElementsOf(OfflineBars.bars(trades, interval.millis()));
                }
            }
        }
        assertThat(replayed).containsExactlyElementsOf(recorded);
        assertThat(out.toString()).contains("Replayed ", "states", "trades", "account events");
    }

    /** Records a scripted session of gateway A (quotes, books, states, trades, account events). */
    private void record(Path db) throws Exception {
        InProcessBus bus = new InProcessBus(List.of(EURUSD, SAFFRON));
        GatewayConfig config = GatewayConfig.builder().host("127.0.0.1").port(0).simulatorRate(0)
                .apiKey(ApiKey.plain("record-key", new Principal("alice", InstrumentScope.all(), true, 0))).build();
        StringWriter echo = new StringWriter();
        try (Gateway gateway = Gateway.start(config, bus)) {
            StreamRecorder recorder = StreamRecorder.start(new StreamRecorder.Settings(
                    TickstreamClient.builder().uri("ws://127.0.0.1:" + gateway.port() + "/").apiKey("record-key"),
                    SYMBOLS, CHANNELS, 3, true, db, 1000, Duration.ofMillis(50)), new PrintWriter(echo, true));
            for (int step = 0; step < 12; step++) {
                publishStep(bus, step);
                Thread.sleep(3);
            }
            bus.publishTrade(EURUSD.id(), "{\"price\":1.1,\"quantity\":1,\"side\":\"buy\",\"tradeId\":\"last\"}");
            await().atMost(WAIT).until(() -> echo.toString().contains("\"last\""));
            StreamRecorder.Summary summary = recorder.stop();
            assertThat(summary.rows()).containsKeys("ticks", "books", "trades", "states", "account_events");
        }
    }

    private static void publishStep(InProcessBus bus, int step) throws Exception {
        String bid = "1.08" + (500 + step * 7 % 11);
        String ask = "1.08" + (520 + step * 5 % 13);
        bus.publishMarketData(EURUSD.id(), "{\"ts\":" + (1709742000000L + step) + ",\"data\":{\"BestLimit\":{"
                + "\"1\":{\"buy_price\":" + bid + ",\"buy_quantity\":" + (100 + step) + ",\"sell_price\":" + ask
                + ",\"sell_quantity\":7},\"2\":{\"buy_price\":1.08400,\"buy_quantity\":" + step + ",\"sell_price\":1.08700,"
                + "\"sell_quantity\":3}}}}");
        if (step % 3 == 0) {
            bus.publishMarketData(EURUSD.id(), "{\"Aggregate\":{\"last_price\":" + bid + ",\"trade_count\":" + step + "}}");
        }
        bus.publishMarketData(SAFFRON.id(), "{\"BestLimit\":{\"1\":{\"buy_price\":" + (1250000000000L + step * 1000)
                + ",\"sell_price\":1250000900000}}}");
        bus.publishTrade(SAFFRON.id(), "{\"price\":" + (1250000000000L + step) + ",\"quantity\":" + (step + 1)
                + ",\"side\":\"" + (step % 2 == 0 ? "buy" : "sell") + "\",\"tradeId\":\"s-" + step + "\"}");
        if (step % 4 == 1) {
            bus.publishAccountEvent("alice", "{\"type\":\"balance\",\"data\":{\"currency\":\"USD\",\"balance\":"
                    + (100000 + step) + ".50},\"ts\":" + (1709742000000L + step) + "}");
        }
    }

    private static void subscribe(TickstreamClient client) throws Exception {
        String[] symbols = SYMBOLS.toArray(String[]::new);
        for (Channel<?> channel : CHANNELS) {
            (channel == Channel.BOOK ? client.subscribeBook(3, symbols) : client.subscribe(channel, symbols))
                    .get(5, TimeUnit.SECONDS);
        }
    }

    /** The recorded trade prints of one symbol, in order, as the offline bar computation takes them. */
    private static List<OfflineBars.Print> recordedTrades(Path db, String symbol) throws Exception {
        return Recordings.messages(db).stream()
                .filter(message -> message instanceof Trade trade && trade.symbol().equals(symbol))
                .map(message -> (Trade) message)
                .map(trade -> new OfflineBars.Print(trade.time(), trade.price().toPlainString(), trade.quantity().toPlainString()))
                .toList();
    }

    static boolean isLastTrade(Message message) {
        return message instanceof Trade trade && "last".equals(trade.tradeId());
    }
}
