package io.tickstream.alert;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;

/**
 * Alerts as JSON: as stored (the price as its exact text, with the status when given), as clients
 * see them, and the {@code alert} account event of a firing. Stateless and thread-safe.
 */
public final class AlertJson {

    private static final JsonFactory JSON = new JsonFactory();

    private AlertJson() {
    }

    /** Writing one value. */
    @FunctionalInterface
    interface Writer {
        void writeTo(JsonGenerator json) throws IOException;
    }

    /** The stored form of an alert; with its status when not null. */
    public static String stored(Alert alert, AlertStatus status) {
        return text(json -> {
            json.writeStartObject();
            json.writeStringField("id", alert.id());
            json.writeStringField("account", alert.account());
            json.writeStringField("symbol", alert.symbol());
            json.writeStringField("instrumentId", alert.instrumentId());
            json.writeStringField("field", alert.field().wireName());
            json.writeStringField("condition", alert.condition().wireName());
            json.writeStringField("price", alert.price().toString());
            json.writeBooleanField("once", alert.once());
            json.writeNumberField("cooldownMs", alert.cooldownMillis());
            json.writeNumberField("expiresAt", alert.expiresAt());
            optional(json, "note", alert.note());
            optional(json, "clientId", alert.clientId());
            json.writeNumberField("createdAt", alert.createdAt());
            if (status != null) {
                json.writeStringField("state", status.state().wireName());
                json.writeNumberField("fires", status.fires());
                json.writeNumberField("lastFiredAt", status.lastFiredAt());
            }
            json.writeEndObject();
        });
    }

    /**
     * Reads {@link #stored}; the status is {@link AlertStatus#NEW} when the text has none.
     *
     * @throws IOException when the text is not a stored alert
     */
    public static AlertStore.Stored readStored(String text) throws IOException {
        try (JsonParser parser = JSON.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("a stored alert must be a JSON object");
            }
            String id = null, account = null, symbol = null, instrumentId = null, note = null, clientId = null;
            AlertField field = null;
            AlertCondition condition = null;
            BigDecimal price = null;
            boolean once = true;
            long cooldown = Alert.DEFAULT_COOLDOWN_MILLIS, expiresAt = 0, createdAt = 0, fires = 0, lastFiredAt = 0;
            AlertState state = AlertState.ACTIVE;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                switch (name) {
                    case "id" -> id = parser.getText();
                    case "account" -> account = parser.getText();
                    case "symbol" -> symbol = parser.getText();
                    case "instrumentId" -> instrumentId = parser.getText();
                    case "field" -> field = AlertField.fromWireName(parser.getText());
                    case "condition" -> condition = AlertCondition.fromWireName(parser.getText());
                    case "price" -> price = new BigDecimal(parser.getText());
                    case "once" -> once = parser.getBooleanValue();
                    case "cooldownMs" -> cooldown = parser.getLongValue();
                    case "expiresAt" -> expiresAt = parser.getLongValue();
                    case "note" -> note = parser.getText();
                    case "clientId" -> clientId = parser.getText();
                    case "createdAt" -> createdAt = parser.getLongValue();
                    case "state" -> state = AlertState.fromWireName(parser.getText());
                    case "fires" -> fires = parser.getLongValue();
                    case "lastFiredAt" -> lastFiredAt = parser.getLongValue();
                    default -> parser.skipChildren();
                }
            }
            if (id == null || account == null || symbol == null || instrumentId == null || field == null
                    || condition == null || price == null || state == null) {
                throw new IOException("a stored alert misses a field: " + text);
            }
            Alert alert = new Alert(id, account, symbol, instrumentId, field, condition, price, once, cooldown,
                    expiresAt, note, clientId, createdAt);
            return new AlertStore.Stored(alert, new AlertStatus(state, fires, lastFiredAt));
        } catch (NumberFormatException e) {
            throw new IOException("a stored alert has a bad price: " + text, e);
        }
    }

    /**
     * An alert as its account sees it: {@code {"id","clientId","symbol","field","condition","price",
     * "once","cooldownSeconds","expiresAt","note","state","createdAt","fires","lastTriggeredAt"}}.
     * An active alert whose expiry has passed shows as expired.
     */
    public static void write(JsonGenerator json, AlertStore.Stored stored, long nowMillis) throws IOException {
        Alert alert = stored.alert();
        AlertStatus status = stored.status();
        AlertState state = status.state() == AlertState.ACTIVE && alert.expiredAt(nowMillis)
                ? AlertState.EXPIRED : status.state();
        json.writeStartObject();
        json.writeStringField("id", alert.id());
        optional(json, "clientId", alert.clientId());
        json.writeStringField("symbol", alert.symbol());
        json.writeStringField("field", alert.field().wireName());
        json.writeStringField("condition", alert.condition().wireName());
        json.writeFieldName("price");
        json.writeNumber(alert.price().toPlainString());
        json.writeBooleanField("once", alert.once());
        json.writeNumberField("cooldownSeconds", alert.cooldownMillis() / 1000);
        if (alert.expiresAt() > 0) {
            json.writeNumberField("expiresAt", alert.expiresAt());
        }
        optional(json, "note", alert.note());
        json.writeStringField("state", state.wireName());
        json.writeNumberField("createdAt", alert.createdAt());
        json.writeNumberField("fires", status.fires());
        if (status.lastFiredAt() > 0) {
            json.writeNumberField("lastTriggeredAt", status.lastFiredAt());
        }
        json.writeEndObject();
    }

    /**
     * The account event of a firing: {@code {"type":"alert","data":{"alertId","clientId","symbol",
     * "field","condition","price","value","triggeredAt","note"},"ts":..}}.
     */
    public static String event(Alert alert, BigDecimal value, long triggeredAt) {
        return text(json -> {
            json.writeStartObject();
            json.writeStringField("type", "alert");
            json.writeObjectFieldStart("data");
            json.writeStringField("alertId", alert.id());
            optional(json, "clientId", alert.clientId());
            json.writeStringField("symbol", alert.symbol());
            json.writeStringField("field", alert.field().wireName());
            json.writeStringField("condition", alert.condition().wireName());
            json.writeFieldName("price");
            json.writeNumber(alert.price().toPlainString());
            json.writeFieldName("value");
            json.writeNumber(value.toPlainString());
            json.writeNumberField("triggeredAt", triggeredAt);
            optional(json, "note", alert.note());
            json.writeEndObject();
            json.writeNumberField("ts", triggeredAt);
            json.writeEndObject();
        });
    }

    static String text(Writer writer) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            writer.writeTo(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void optional(JsonGenerator json, String name, String value) throws IOException {
        if (value != null) {
            json.writeStringField(name, value);
        }
    }
}
