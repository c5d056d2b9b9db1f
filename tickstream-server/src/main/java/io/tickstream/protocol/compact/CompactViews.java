package io.tickstream.protocol.compact;

import io.tickstream.hub.TopicView;
import java.util.List;

/** The compact protocol's views, registered with the hub once. */
public record CompactViews(CompactQuoteView quote, CompactAccountView account, CompactCandleView candles) {

    public CompactViews() {
        this(new CompactQuoteView(), new CompactAccountView(), new CompactCandleView());
    }

    public List<TopicView> all() {
        return List.of(quote, account);
    }
}
