package io.tickstream.simulator;

import io.tickstream.bus.MarketPublisher;
import io.tickstream.instrument.Instrument;
import io.tickstream.json.JsonTree;
import io.tickstream.state.MalformedUpdateException;
import io.tickstream.state.StateUpdate;
import io.tickstream.state.StateUpdateParser;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Keeps everything published to it, in order, with the publishing thread. Thread-safe. */
final class RecordingPublisher implements MarketPublisher {

    record Message(String instrumentId, String json, Thread thread) {
    }

    record AccountMessage(String account, String json, Thread thread) {
    }

    private final List<Message> updates = new CopyOnWriteArrayList<>();
    private final List<Message> trades = new CopyOnWriteArrayList<>();
    private final List<AccountMessage> accountEvents = new CopyOnWriteArrayList<>();
    private final List<Instrument> catalog = new CopyOnWriteArrayList<>();
    private final CountDownLatch awaited;

    RecordingPublisher() {
        this(0);
    }

    /** @param awaitedMessages the number of market-data updates and account events to wait for */
    RecordingPublisher(int awaitedMessages) {
        awaited = new CountDownLatch(awaitedMessages);
    }

    @Override
    public CompletionStage<Void> publishMarketData(String instrumentId, String updateJson) {
        updates.add(new Message(instrumentId, updateJson, Thread.currentThread()));
        awaited.countDown();
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> publishTrade(String instrumentId, String tradeJson) {
        trades.add(new Message(instrumentId, tradeJson, Thread.currentThread()));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> publishAccountEvent(String account, String eventJson) {
        accountEvents.add(new AccountMessage(account, eventJson, Thread.currentThread()));
        awaited.countDown();
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> putInstrument(Instrument instrument) {
        catalog.add(instrument);
        return CompletableFuture.completedFuture(null);
    }

    /** Whether the awaited number of updates and account events arrived within the timeout. */
    boolean awaitMessages(Duration timeout) throws InterruptedException {
        return awaited.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    List<Message> updates() {
        return List.copyOf(updates);
    }

    List<AccountMessage> accountEvents() {
        return List.copyOf(accountEvents);
    }

    /** The parsed account events, in publish order. */
    List<Map<String, Object>> parsedAccountEvents() throws IOException {
        List<Map<String, Object>> parsed = new ArrayList<>();
        for (AccountMessage message : accountEvents) {
            parsed.add(object(JsonTree.parse(message.json())));
        }
        return parsed;
    }

    /** A parsed JSON object with its field names typed, in document order. */
    static Map<String, Object> object(Object parsed) {
        Map<String, Object> fields = new LinkedHashMap<>();
        ((Map<?, ?>) parsed).forEach((name, value) -> fields.put((String) name, value));
        return fields;
    }

    List<Message> trades() {
        return List.copyOf(trades);
    }

    /** The parsed updates of one instrument, in publish order. */
    List<StateUpdate> updatesOf(String instrumentId) throws MalformedUpdateException {
        List<StateUpdate> parsed = new ArrayList<>();
        for (Message message : updates) {
            if (message.instrumentId().equals(instrumentId)) {
                parsed.add(StateUpdateParser.parse(message.json()));
            }
        }
        return parsed;
    }

    /** The parsed trade prints of one instrument, in publish order. */
    List<Map<?, ?>> tradesOf(String instrumentId) throws IOException {
        List<Map<?, ?>> parsed = new ArrayList<>();
        for (Message message : trades) {
            if (message.instrumentId().equals(instrumentId)) {
                parsed.add((Map<?, ?>) JsonTree.parse(message.json()));
            }
        }
        return parsed;
    }

    List<Instrument> catalog() {
        return List.copyOf(catalog);
    }
}
