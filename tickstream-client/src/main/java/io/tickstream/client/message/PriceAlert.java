package io.tickstream.client.message;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A price alert of the account as the gateway keeps it (SPEC §11). Immutable.
 *
 * @param clientId        the account's own id for it, or null
 * @param expiresAt       epoch ms, or 0 for never
 * @param state           {@code active}, {@code triggered}, {@code canceled} or {@code expired}
 * @param fires           how many times it has fired
 * @param lastTriggeredAt epoch ms of its latest firing, or 0
 */
public record PriceAlert(String id, String clientId, String symbol, String field, String condition, BigDecimal price,
                         boolean once, long cooldownSeconds, long expiresAt, String note, String state, long createdAt,
                         long fires, long lastTriggeredAt) {

    /**
     * Reads one alert object.
     *
     * @throws MalformedMessageException when the text is not one
     */
    public static PriceAlert parse(String json) throws MalformedMessageException {
        return of(JsonObjectReader.read(json).fields());
    }

    /** Reads {@code {"alerts":[..]}}. */
    public static List<PriceAlert> parseList(String json) throws MalformedMessageException {
        Object alerts = JsonObjectReader.read(json).fields().get("alerts");
        if (!(alerts instanceof List<?> items)) {
            throw new MalformedMessageException("no alerts array in " + JsonObjectReader.abbreviate(json));
        }
        List<PriceAlert> list = new ArrayList<>(items.size());
        for (Object item : items) {
            if (!(item instanceof Map<?, ?> map)) {
                throw new MalformedMessageException("an alert is not an object: " + JsonObjectReader.abbreviate(json));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = (Map<String, Object>) map;
            list.add(of(fields));
        }
        return list;
    }

    private static PriceAlert of(Map<String, Object> map) throws MalformedMessageException {
        Fields fields = new Fields(map, "alert");
        Boolean once = fields.optionalBool("once");
        return new PriceAlert(fields.string("id"), fields.optionalString("clientId"), fields.string("symbol"),
                fields.string("field"), fields.string("condition"), fields.decimal("price"), once == null || once,
                fields.optionalLong("cooldownSeconds", 0), fields.optionalLong("expiresAt", 0),
                fields.optionalString("note"), fields.string("state"), fields.optionalLong("createdAt", 0),
                fields.optionalLong("fires", 0), fields.optionalLong("lastTriggeredAt", 0));
    }
}
