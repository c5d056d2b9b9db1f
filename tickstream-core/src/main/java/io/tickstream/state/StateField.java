package io.tickstream.state;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Every field of an instrument's state, in wire order. The four BestLimit fields repeat once per
 * level; all others occur once. Values are kept as text: numbers exactly as published, strings
 * unescaped.
 */
public enum StateField {
    BUY_QUANTITY(Section.BEST_LIMIT, "buy_quantity", "0"),
    BUY_PRICE(Section.BEST_LIMIT, "buy_price", "0"),
    SELL_QUANTITY(Section.BEST_LIMIT, "sell_quantity", "0"),
    SELL_PRICE(Section.BEST_LIMIT, "sell_price", "0"),
    DATE(Section.AGGREGATE, "date", ""),
    TIME(Section.AGGREGATE, "time", ""),
    TRADE_COUNT(Section.AGGREGATE, "trade_count", "0"),
    TOTAL_VOLUME(Section.AGGREGATE, "total_volume", "0"),
    TOTAL_VALUE(Section.AGGREGATE, "total_value", "0"),
    CLOSING_PRICE(Section.AGGREGATE, "closing_price", "0"),
    LAST_PRICE(Section.AGGREGATE, "last_price", "0"),
    LOW_PRICE(Section.AGGREGATE, "low_price", "0"),
    HIGH_PRICE(Section.AGGREGATE, "high_price", "0"),
    OPEN_PRICE(Section.AGGREGATE, "open_price", "0"),
    PREVIOUS_CLOSE(Section.AGGREGATE, "previous_close", "0"),
    MIN_ALLOWED_PRICE(Section.ALLOWED_PRICE_RANGE, "minAllowedPrice", "1"),
    MAX_ALLOWED_PRICE(Section.ALLOWED_PRICE_RANGE, "maxAllowedPrice", "9999999999"),
    OPEN_INTEREST(Section.CONTRACT_INFO, "open_interest", "0"),
    OPEN_INTEREST_CHANGES(Section.CONTRACT_INFO, "open_interest_changes", "0");

    /** Number of fields in one BestLimit level. */
    public static final int LEVEL_WIDTH = 4;
    /** Number of fields outside BestLimit. */
    public static final int FLAT_FIELDS = values().length - LEVEL_WIDTH;

    private static final StateField[] ALL = values();

    private final Section section;
    private final String wireName;
    private final String initialValue;

    StateField(Section section, String wireName, String initialValue) {
        this.section = section;
        this.wireName = wireName;
        this.initialValue = initialValue;
    }

    public Section section() {
        return section;
    }

    public String wireName() {
        return wireName;
    }

    /** The value of a fresh instrument, as in the IME documentation's sample payload. */
    public String initialValue() {
        return initialValue;
    }

    public boolean isLevelled() {
        return section == Section.BEST_LIMIT;
    }

    public boolean isText() {
        return this == DATE || this == TIME;
    }

    /** Position of this field in a flat value array of an instrument with {@code depth} levels. */
    public int index(int depth, int level) {
        return isLevelled() ? (level - 1) * LEVEL_WIDTH + ordinal() : depth * LEVEL_WIDTH + ordinal() - LEVEL_WIDTH;
    }

    public static int slotCount(int depth) {
        return depth * LEVEL_WIDTH + FLAT_FIELDS;
    }

    public static StateField find(Section section, String wireName) {
        for (StateField field : ALL) {
            if (field.section == section && field.wireName.equals(wireName)) {
                return field;
            }
        }
        return null;
    }

    public static List<StateField> of(Section section) {
        List<StateField> fields = new ArrayList<>();
        for (StateField field : ALL) {
            if (field.section == section) {
                fields.add(field);
            }
        }
        return Collections.unmodifiableList(fields);
    }
}
