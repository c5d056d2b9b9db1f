package io.tickstream.client.message;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Typed reads of one parsed JSON object, failing with the message's text when a needed field is wrong. Immutable. */
final class Fields {

    private final Map<String, Object> map;
    private final String context;

    Fields(Map<String, Object> map, String context) {
        this.map = map;
        this.context = context;
    }

    String string(String name) throws MalformedMessageException {
        String value = optionalString(name);
        if (value == null) {
            throw missing(name);
        }
        return value;
    }

    String optionalString(String name) {
        Object value = map.get(name);
        return value instanceof String text ? text : value instanceof BigDecimal number ? number.toPlainString() : null;
    }

    BigDecimal decimal(String name) throws MalformedMessageException {
        BigDecimal value = optionalDecimal(name);
        if (value == null) {
            throw missing(name);
        }
        return value;
    }

    /** A number, or a string holding one (some publishers quote their numbers); null otherwise. */
    BigDecimal optionalDecimal(String name) {
        Object value = map.get(name);
        if (value instanceof BigDecimal number) {
            return number;
        }
        if (value instanceof String text) {
            try {
                return new BigDecimal(text.strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** An integral number, or {@code absent} when the field is missing or not a number. */
    long optionalLong(String name, long absent) {
        Object value = map.get(name);
        return value instanceof BigDecimal number ? number.longValue() : absent;
    }

    /** True or false, or null when the field is missing or not a boolean. */
    Boolean optionalBool(String name) {
        return map.get(name) instanceof Boolean value ? value : null;
    }

    /** A stream position {@code {"epoch":E,"seq":N}}; null when missing or not of that shape. */
    StreamPosition optionalPosition(String name) {
        return position(map.get(name));
    }

    /** An object of stream positions by symbol; entries not of that shape are left out. */
    Map<String, StreamPosition> positions(String name) {
        Map<String, StreamPosition> positions = new LinkedHashMap<>();
        if (map.get(name) instanceof Map<?, ?> object) {
            object.forEach((symbol, value) -> {
                StreamPosition position = position(value);
                if (position != null) {
                    positions.put(String.valueOf(symbol), position);
                }
            });
        }
        return positions;
    }

    /** An object of booleans by symbol; entries that are not booleans are left out. */
    Map<String, Boolean> booleans(String name) {
        Map<String, Boolean> booleans = new LinkedHashMap<>();
        if (map.get(name) instanceof Map<?, ?> object) {
            object.forEach((symbol, value) -> {
                if (value instanceof Boolean flag) {
                    booleans.put(String.valueOf(symbol), flag);
                }
            });
        }
        return booleans;
    }

    boolean bool(String name) throws MalformedMessageException {
        if (map.get(name) instanceof Boolean value) {
            return value;
        }
        throw missing(name);
    }

    Fields object(String name) throws MalformedMessageException {
        return new Fields(objectMap(name), context);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> objectMap(String name) throws MalformedMessageException {
        if (map.get(name) instanceof Map<?, ?> object) {
            return (Map<String, Object>) object;
        }
        throw missing(name);
    }

    List<String> strings(String name) throws MalformedMessageException {
        if (!(map.get(name) instanceof List<?> list)) {
            throw missing(name);
        }
        List<String> strings = new ArrayList<>(list.size());
        for (Object item : list) {
            strings.add(String.valueOf(item));
        }
        return strings;
    }

    /** {@code [[price, quantity], ...]}. */
    List<PriceLevel> levels(String name) throws MalformedMessageException {
        if (!(map.get(name) instanceof List<?> list)) {
            throw missing(name);
        }
        List<PriceLevel> levels = new ArrayList<>(list.size());
        for (Object item : list) {
            if (!(item instanceof List<?> pair) || pair.size() < 2
                    || !(pair.get(0) instanceof BigDecimal price) || !(pair.get(1) instanceof BigDecimal quantity)) {
                throw new MalformedMessageException(name + " must hold [price, quantity] pairs: " + context);
            }
            levels.add(new PriceLevel(price, quantity));
        }
        return levels;
    }

    private static StreamPosition position(Object value) {
        if (value instanceof Map<?, ?> object && object.get("epoch") instanceof String epoch
                && object.get("seq") instanceof BigDecimal seq) {
            return new StreamPosition(epoch, seq.longValue());
        }
        return null;
    }

    private MalformedMessageException missing(String name) {
        return new MalformedMessageException("missing or invalid field '" + name + "': " + context);
    }
}
