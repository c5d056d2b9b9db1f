package io.tickstream.protocol.json;

import io.tickstream.hub.TopicView;
import io.tickstream.instrument.Instrument;
import java.util.ArrayList;
import java.util.List;

/** The JSON protocol's views, one instance each (a book view per depth), registered with the hub. */
public final class JsonViews {

    public static final int DEFAULT_BOOK_DEPTH = 5;

    final JsonTickView tick = new JsonTickView();
    final JsonStateView state = new JsonStateView();
    final JsonStateDeltaView stateDelta = new JsonStateDeltaView(state);
    final JsonTradeView trades = new JsonTradeView();
    final JsonAccountView account = new JsonAccountView();
    final JsonCandleView candles = new JsonCandleView();
    private final JsonBookView[] books = new JsonBookView[Instrument.MAX_DEPTH + 1];

    public JsonViews() {
        for (int depth = 1; depth <= Instrument.MAX_DEPTH; depth++) {
            books[depth] = new JsonBookView(depth);
        }
    }

    JsonBookView book(int depth) {
        return books[depth];
    }

    public List<TopicView> all() {
        List<TopicView> all = new ArrayList<>(List.of(tick, state, stateDelta, trades, account));
        for (int depth = 1; depth <= Instrument.MAX_DEPTH; depth++) {
            all.add(books[depth]);
        }
        return all;
    }
}
