package io.tickstream.instrument;

/** An instrument's name is already another instrument's, exactly or by {@link InstrumentNames#key}. */
public final class NameTakenException extends IllegalArgumentException {

    private final Instrument refused;
    private final Instrument holder;

    public NameTakenException(Instrument refused, Instrument holder) {
        super("instrument " + refused.id() + " refused: the name " + refused.name() + " is "
                + (holder.name().equals(refused.name()) ? "" : "the same symbol as " + holder.name() + ", ")
                + "held by instrument " + holder.id());
        this.refused = refused;
        this.holder = holder;
    }

    public Instrument refused() {
        return refused;
    }

    public Instrument holder() {
        return holder;
    }
}
