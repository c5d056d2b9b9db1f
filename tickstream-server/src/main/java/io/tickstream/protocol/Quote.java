package io.tickstream.protocol;

import io.tickstream.state.InstrumentState;
import io.tickstream.state.StateField;

/** Reads the quote (level 1 bid and ask) of a state, as the message protocols show it. Stateless. */
public final class Quote {

    private Quote() {
    }

    public static String bid(InstrumentState state) {
        return state.value(StateField.BUY_PRICE, 1);
    }

    public static String ask(InstrumentState state) {
        return state.value(StateField.SELL_PRICE, 1);
    }

    /** Whether bid or ask differ between two snapshots. */
    public static boolean changed(InstrumentState previous, InstrumentState next) {
        return !bid(previous).equals(bid(next)) || !ask(previous).equals(ask(next));
    }

    /** Time of the state's last change in epoch milliseconds. */
    public static long millis(InstrumentState state) {
        return state.timeMicros() / 1000;
    }
}
