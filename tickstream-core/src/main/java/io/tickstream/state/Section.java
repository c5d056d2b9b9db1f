package io.tickstream.state;

/** The four sections of an instrument's state, named as on the wire (IME {@code data} payload). */
public enum Section {
    BEST_LIMIT("BestLimit"),
    AGGREGATE("Aggregate"),
    ALLOWED_PRICE_RANGE("AllowedPriceRange"),
    CONTRACT_INFO("ContractInfo");

    private final String wireName;

    Section(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Section fromWireName(String name) {
        for (Section section : values()) {
            if (section.wireName.equals(name)) {
                return section;
            }
        }
        return null;
    }
}
