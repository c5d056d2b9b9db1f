package io.tickstream.state;

/**
 * One field set by an update.
 *
 * @param level BestLimit level (1-based) for levelled fields, 0 otherwise
 * @param value number text exactly as published, or the unescaped string
 */
public record FieldChange(StateField field, int level, String value) {

    /** The path of this field in the flat form kept by state stores: {@code BestLimit.1.buy_price}. */
    public String path() {
        return field.isLevelled()
                ? field.section().wireName() + '.' + level + '.' + field.wireName()
                : field.section().wireName() + '.' + field.wireName();
    }
}
