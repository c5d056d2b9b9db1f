package io.tickstream.simulator;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.Locale;

/**
 * One private event of the demo account, a value that writes its own {@code data} object; prices in
 * profile units, money in US cents. Immutable.
 */
sealed interface SimulatedAccountEvent {

    /** The event's {@code type} on the wire. */
    String type();

    /** Writes the {@code data} object. */
    void writeData(JsonGenerator out) throws IOException;

    /** An order placed, filled or cancelled. */
    record OrderUpdate(Order order, Status status) implements SimulatedAccountEvent {

        enum Status {
            NEW, FILLED, CANCELLED;

            String wireName() {
                return name().toLowerCase(Locale.ROOT);
            }
        }

        @Override
        public String type() {
            return "order";
        }

        @Override
        public void writeData(JsonGenerator out) throws IOException {
            out.writeStartObject();
            out.writeStringField("orderId", order.id());
            out.writeStringField("symbol", order.market().instrument().name());
            out.writeStringField("side", order.side());
            out.writeStringField("type", order.limit() ? "limit" : "market");
            AccountJson.price(out, "price", order.market().profile(), order.price());
            out.writeNumberField("quantity", order.quantity());
            out.writeStringField("status", status.wireName());
            out.writeEndObject();
        }
    }

    /** The fill of a whole order at its price. */
    record Fill(String tradeId, Order order, long feeCents) implements SimulatedAccountEvent {

        @Override
        public String type() {
            return "trade";
        }

        @Override
        public void writeData(JsonGenerator out) throws IOException {
            out.writeStartObject();
            out.writeStringField("tradeId", tradeId);
            out.writeStringField("orderId", order.id());
            out.writeStringField("symbol", order.market().instrument().name());
            out.writeStringField("side", order.side());
            AccountJson.price(out, "price", order.market().profile(), order.price());
            out.writeNumberField("quantity", order.quantity());
            AccountJson.money(out, "fee", feeCents);
            out.writeEndObject();
        }
    }

    /** The position in one instrument after a fill. */
    record PositionUpdate(String symbol, PriceProfile profile, Position position, long unrealizedCents)
            implements SimulatedAccountEvent {

        @Override
        public String type() {
            return "position";
        }

        @Override
        public void writeData(JsonGenerator out) throws IOException {
            out.writeStartObject();
            out.writeStringField("symbol", symbol);
            out.writeNumberField("quantity", position.quantity());
            AccountJson.price(out, "averagePrice", profile, position.averagePrice());
            AccountJson.money(out, "unrealizedPnl", unrealizedCents);
            out.writeEndObject();
        }
    }

    /** The account's cash balance, the funds available for new orders and the equity, in US dollars. */
    record BalanceUpdate(long balanceCents, long availableCents, long equityCents) implements SimulatedAccountEvent {

        @Override
        public String type() {
            return "balance";
        }

        @Override
        public void writeData(JsonGenerator out) throws IOException {
            out.writeStartObject();
            out.writeStringField("currency", "USD");
            AccountJson.money(out, "balance", balanceCents);
            AccountJson.money(out, "available", availableCents);
            AccountJson.money(out, "equity", equityCents);
            out.writeEndObject();
        }
    }

    /** A message to the account holder. */
    record Notice(boolean warning, String message) implements SimulatedAccountEvent {

        @Override
        public String type() {
            return "notification";
        }

        @Override
        public void writeData(JsonGenerator out) throws IOException {
            out.writeStartObject();
            out.writeStringField("level", warning ? "warning" : "info");
            out.writeStringField("message", message);
            out.writeEndObject();
        }
    }
}
