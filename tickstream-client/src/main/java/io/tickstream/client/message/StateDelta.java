package io.tickstream.client.message;

/**
 * The fields of an instrument's state that changed, as the server sends them to a state subscription
 * with deltas (README, "State deltas"): {@code {"type":"state","symbol":..,"seq":..,"delta":{..},"time":..}}.
 * The client applies it to the symbol's last full {@link State} and hands out the result; handlers never
 * see a delta itself. Immutable.
 *
 * @param delta the {@code delta} object as its exact received JSON text: the shape of a state's
 *              {@code data}, with only the sections, levels and fields that changed
 * @param seq   the version of the state after the change, or {@link Sequenced#NO_SEQ}
 */
public record StateDelta(String symbol, String delta, long time, long seq) implements Message {

    /**
     * The state after this change: {@code base}'s fields with the changed ones put in, its {@code data}
     * written again in the base's order (numbers as received, strings quoted), and this delta's time and seq.
     *
     * @throws MalformedMessageException when the base's data or the delta is not a JSON object
     */
    public State applyTo(State base) throws MalformedMessageException {
        return StateTree.merge(base, this);
    }
}
