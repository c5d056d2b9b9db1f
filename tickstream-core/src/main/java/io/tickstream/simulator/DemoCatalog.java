package io.tickstream.simulator;

import io.tickstream.instrument.Instrument;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo instruments the built-in simulator publishes, with the price profile of each: IME
 * futures with Persian names and numeric ids, FX pairs, gold and bitcoin. Immutable, thread-safe.
 */
public final class DemoCatalog {

    /** The profile of an instrument the demo catalog does not know: integer prices around 10000. */
    public static final PriceProfile DEFAULT_PROFILE = new PriceProfile(10_000, 0, 1, 3, 1, 0);

    private static final List<Listing> LISTINGS = List.of(
            ime("12345", "زعفران0412P01", "IME saffron futures, delivery 1404/12", 1_250_000_000L, 1000, 1_240),
            ime("12346", "زعفران0502P01", "IME saffron futures, delivery 1405/02", 1_310_000_000L, 1000, 860),
            ime("23456", "سکه0412P05", "IME Bahar Azadi coin futures, delivery 1404/12", 842_500_000L, 1000, 5_320),
            ime("23457", "سکه0502P05", "IME Bahar Azadi coin futures, delivery 1405/02", 905_000_000L, 1000, 2_710),
            ime("34567", "پسته0412P01", "IME pistachio futures, delivery 1404/12", 3_150_000_000L, 10_000, 640),
            ime("45678", "طلا0412P02", "IME gold bullion futures, delivery 1404/12", 72_400_000L, 1000, 3_980),
            ime("56789", "نقره0412P01", "IME silver bullion futures, delivery 1404/12", 9_850_000L, 100, 1_150),
            ime("67890", "مس0502P01", "IME copper cathode futures, delivery 1405/02", 4_600_000_000L, 10_000, 470),
            fx("EURUSD", "Euro / US dollar", 108_500),
            fx("GBPUSD", "British pound / US dollar", 127_000),
            other("USDJPY", "US dollar / Japanese yen", new PriceProfile(151_500, 3, 1, 3, 100_000, 0)),
            fx("AUDUSD", "Australian dollar / US dollar", 65_800),
            fx("USDCHF", "US dollar / Swiss franc", 90_200),
            other("XAUUSD", "Gold spot, US dollars per troy ounce", new PriceProfile(235_000, 2, 1, 20, 10, 0)),
            other("BTCUSDT", "Bitcoin / Tether", new PriceProfile(6_700_000, 2, 1, 500, 1, 0)));

    private static final Map<String, PriceProfile> BY_ID = new HashMap<>();
    private static final Map<String, PriceProfile> BY_NAME = new HashMap<>();

    static {
        for (Listing listing : LISTINGS) {
            BY_ID.put(listing.instrument().id(), listing.profile());
            BY_NAME.put(listing.instrument().name(), listing.profile());
        }
    }

    private DemoCatalog() {
    }

    /** The demo instruments, all of depth {@value Instrument#DEFAULT_DEPTH}, in a fixed order. */
    public static List<Instrument> instruments() {
        return LISTINGS.stream().map(Listing::instrument).toList();
    }

    /**
     * The profile of the demo instrument with this instrument's id, else with its name, else
     * {@link #DEFAULT_PROFILE}.
     */
    public static PriceProfile profile(Instrument instrument) {
        PriceProfile profile = BY_ID.get(instrument.id());
        if (profile == null) {
            profile = BY_NAME.getOrDefault(instrument.name(), DEFAULT_PROFILE);
        }
        return profile;
    }

    private static Listing ime(String id, String name, String description, long price, long tick, long openInterest) {
        Instrument instrument = new Instrument(id, name, Instrument.DEFAULT_DEPTH, description);
        return new Listing(instrument, new PriceProfile(price, 0, tick, 5, 1, openInterest));
    }

    private static Listing fx(String symbol, String description, long price) {
        return other(symbol, description, new PriceProfile(price, 5, 1, 3, 100_000, 0));
    }

    private static Listing other(String symbol, String description, PriceProfile profile) {
        return new Listing(new Instrument(symbol, symbol, Instrument.DEFAULT_DEPTH, description), profile);
    }

    private record Listing(Instrument instrument, PriceProfile profile) {
    }
}
