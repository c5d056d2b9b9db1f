package io.tickstream.state;

import io.tickstream.instrument.Instrument;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An immutable snapshot of one instrument's complete state. Any thread may read it; a change is a
 * new snapshot made by {@link #merge}, which only the instrument's single writer calls.
 */
public final class InstrumentState {

    /** How many replaced epochs a state remembers to refuse their late messages. */
    public static final int REMEMBERED_EPOCHS = 4;

    /** How far above the current {@code seq} an update of the same epoch may go by default. */
    public static final long DEFAULT_MAX_SEQ_JUMP = 1_000_000;

    private final Instrument instrument;
    private final String[] values;
    private final long seq;
    private final String epoch;
    /** Epochs replaced by a newer one, newest first: their late messages are stale. */
    private final List<String> retiredEpochs;
    private final long timeMicros;
    private final long version;

    private InstrumentState(Instrument instrument, String[] values, long seq, String epoch,
                            List<String> retiredEpochs, long timeMicros, long version) {
        this.instrument = instrument;
        this.values = values;
        this.seq = seq;
        this.epoch = epoch;
        this.retiredEpochs = retiredEpochs;
        this.timeMicros = timeMicros;
        this.version = version;
    }

    /** The state of an instrument nothing has been published for: the documented initial values. */
    public static InstrumentState initial(Instrument instrument) {
        int depth = instrument.depth();
        String[] values = new String[StateField.slotCount(depth)];
        for (StateField field : StateField.values()) {
            if (field.isLevelled()) {
                for (int level = 1; level <= depth; level++) {
                    values[field.index(depth, level)] = field.initialValue();
                }
            } else {
                values[field.index(depth, 0)] = field.initialValue();
            }
        }
        return new InstrumentState(instrument, values, StateUpdate.ABSENT, null, List.of(), 0, 0);
    }

    /**
     * Whether an update is older than what was applied already: its {@code seq} is at or below the
     * last one of the same epoch, or it belongs to an epoch that a newer one replaced (the last
     * {@value #REMEMBERED_EPOCHS} are remembered). An update that names an epoch not seen before
     * starts that epoch's count afresh (a restarted publisher); one without an epoch is checked
     * against the current count whatever its epoch.
     */
    public boolean isStale(StateUpdate update) {
        if (update.epoch() != null && retiredEpochs.contains(update.epoch())) {
            return true;
        }
        return !startsEpoch(update) && update.seq() != StateUpdate.ABSENT && seq != StateUpdate.ABSENT
                && update.seq() <= seq;
    }

    /**
     * Whether an update of the current epoch (or naming none) skips more than {@code maxJump}
     * numbers ahead of the current {@code seq}: a rogue or broken message that, adopted, would make
     * every later update of the real publisher stale. A new epoch may start anywhere.
     */
    public boolean jumpsBeyond(StateUpdate update, long maxJump) {
        if (startsEpoch(update) || update.seq() == StateUpdate.ABSENT || seq == StateUpdate.ABSENT || update.seq() <= seq) {
            return false;
        }
        long ahead = update.seq() - seq;
        return ahead < 0 || ahead > maxJump;
    }

    /**
     * Applies an update. Returns this very snapshot when the update changes no field (or is
     * {@linkplain #isStale stale}); otherwise a new snapshot with the next version.
     *
     * @param receivedMicros when the update arrived (epoch microseconds): the time of the change
     *                       unless the update carries its own source time
     * @throws MalformedUpdateException when the update names a level beyond the instrument's depth
     */
    public InstrumentState merge(StateUpdate update, long receivedMicros) throws MalformedUpdateException {
        if (isStale(update)) {
            return this;
        }
        int depth = instrument.depth();
        String[] next = null;
        for (FieldChange change : update.changes()) {
            if (change.level() > depth) {
                throw new MalformedUpdateException("BestLimit level " + change.level()
                        + " is beyond the depth " + depth + " of " + instrument.name());
            }
            int index = change.field().index(depth, change.level());
            String current = next == null ? values[index] : next[index];
            if (!current.equals(change.value())) {
                if (next == null) {
                    next = Arrays.copyOf(values, values.length);
                }
                next[index] = change.value();
            }
        }
        boolean newEpoch = startsEpoch(update);
        long nextSeq = update.seq() != StateUpdate.ABSENT || newEpoch ? update.seq() : seq;
        String nextEpoch = newEpoch ? update.epoch() : epoch;
        List<String> retired = newEpoch && epoch != null ? retire(epoch) : retiredEpochs;
        if (next == null) {
            return nextSeq == seq && !newEpoch ? this
                    : new InstrumentState(instrument, values, nextSeq, nextEpoch, retired, timeMicros, version);
        }
        long nextTime = update.sourceTime() != StateUpdate.ABSENT ? update.sourceTime() * 1000 : receivedMicros;
        return new InstrumentState(instrument, next, nextSeq, nextEpoch, retired, nextTime, version + 1);
    }

    public Instrument instrument() {
        return instrument;
    }

    /** The value of a field as text; {@code level} is ignored for fields outside BestLimit. */
    public String value(StateField field, int level) {
        return values[field.index(instrument.depth(), field.isLevelled() ? level : 0)];
    }

    public long seq() {
        return seq;
    }

    /** The epoch of {@link #seq}, or null when no update named one. */
    public String epoch() {
        return epoch;
    }

    /**
     * Time of the last change in epoch microseconds: its source time when the update carried one,
     * else when the gateway received it; 0 for the initial state.
     */
    public long timeMicros() {
        return timeMicros;
    }

    /**
     * The market stream's {@code seq} that clients see (README, "Delivery guarantees"): the
     * publisher's seq, which the project's publishers stamp, else the local {@link #version()}.
     */
    public long sequence() {
        return seq != StateUpdate.ABSENT ? seq : version;
    }

    /** Counts the changes applied; 0 for the initial state. Two snapshots of one version are equal. */
    public long version() {
        return version;
    }

    private boolean startsEpoch(StateUpdate update) {
        return update.epoch() != null && !update.epoch().equals(epoch) && !retiredEpochs.contains(update.epoch());
    }

    private List<String> retire(String replaced) {
        List<String> retired = new ArrayList<>(REMEMBERED_EPOCHS);
        retired.add(replaced);
        for (int i = 0; i < retiredEpochs.size() && retired.size() < REMEMBERED_EPOCHS; i++) {
            retired.add(retiredEpochs.get(i));
        }
        return List.copyOf(retired);
    }

    /** Whether any field of level {@code level} differs between the two snapshots. */
    public boolean levelDiffers(InstrumentState other, int level) {
        int depth = instrument.depth();
        int from = StateField.BUY_QUANTITY.index(depth, level);
        for (int i = from; i < from + StateField.LEVEL_WIDTH; i++) {
            if (!values[i].equals(other.values[i])) {
                return true;
            }
        }
        return false;
    }
}
