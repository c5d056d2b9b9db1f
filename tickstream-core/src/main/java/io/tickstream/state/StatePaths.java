package io.tickstream.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the flat path form of a stored state ({@code BestLimit.1.buy_price -> 1200}, plus
 * {@code seq}, {@code epoch} and {@code ts}) back into an update. Stateless.
 */
public final class StatePaths {

    public static final String SEQ = "seq";
    public static final String TS = "ts";
    public static final String EPOCH = "epoch";

    private StatePaths() {
    }

    public static StateUpdate toUpdate(Map<String, String> paths) throws MalformedUpdateException {
        List<FieldChange> changes = new ArrayList<>(paths.size());
        long seq = StateUpdate.ABSENT;
        long ts = StateUpdate.ABSENT;
        String epoch = null;
        for (Map.Entry<String, String> entry : paths.entrySet()) {
            String path = entry.getKey();
            String value = entry.getValue();
            if (SEQ.equals(path)) {
                seq = parseLong(path, value);
            } else if (EPOCH.equals(path)) {
                epoch = value;
            } else if (TS.equals(path)) {
                ts = parseLong(path, value);
            } else {
                changes.add(parsePath(path, value));
            }
        }
        return new StateUpdate(seq, epoch, ts, changes);
    }

    private static FieldChange parsePath(String path, String value) throws MalformedUpdateException {
        String[] parts = path.split("\\.");
        Section section = parts.length > 0 ? Section.fromWireName(parts[0]) : null;
        if (section == null) {
            throw new MalformedUpdateException("unknown stored path: " + path);
        }
        int level = 0;
        String fieldName;
        if (section == Section.BEST_LIMIT && parts.length == 3) {
            level = (int) parseLong(path, parts[1]);
            fieldName = parts[2];
        } else if (section != Section.BEST_LIMIT && parts.length == 2) {
            fieldName = parts[1];
        } else {
            throw new MalformedUpdateException("unknown stored path: " + path);
        }
        StateField field = StateField.find(section, fieldName);
        if (field == null) {
            throw new MalformedUpdateException("unknown stored path: " + path);
        }
        return new FieldChange(field, level, value);
    }

    private static long parseLong(String path, String value) throws MalformedUpdateException {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new MalformedUpdateException("stored " + path + " is not an integer: " + value);
        }
    }
}
