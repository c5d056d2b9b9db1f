package io.tickstream.auth;

import io.tickstream.instrument.Instrument;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A set of glob patterns ({@code *} any run, {@code ?} one character) matched against an
 * instrument's name and id. Immutable.
 */
public final class InstrumentScope {

    private static final InstrumentScope ALL = new InstrumentScope(List.of("*"));

    private final List<String> globs;
    private final List<Pattern> patterns;
    /** Scopes that must permit an instrument too: a narrowed scope. */
    private final List<InstrumentScope> alsoRequired;

    private InstrumentScope(List<String> globs) {
        this(List.copyOf(globs), globs.stream().map(InstrumentScope::compile).toList(), List.of());
    }

    private InstrumentScope(List<String> globs, List<Pattern> patterns, List<InstrumentScope> alsoRequired) {
        this.globs = globs;
        this.patterns = patterns;
        this.alsoRequired = alsoRequired;
    }

    public static InstrumentScope all() {
        return ALL;
    }

    public static InstrumentScope of(List<String> globs) {
        return globs.equals(List.of("*")) ? ALL : new InstrumentScope(globs);
    }

    /** The instruments both this scope and {@code other} permit. */
    public InstrumentScope narrowedBy(InstrumentScope other) {
        if (other == ALL || other == this) {
            return this;
        }
        if (this == ALL) {
            return other;
        }
        List<InstrumentScope> required = new ArrayList<>(alsoRequired);
        required.add(other);
        return new InstrumentScope(globs, patterns, List.copyOf(required));
    }

    public boolean permits(Instrument instrument) {
        for (InstrumentScope required : alsoRequired) {
            if (!required.permits(instrument)) {
                return false;
            }
        }
        for (Pattern pattern : patterns) {
            if (pattern.matcher(instrument.name()).matches() || pattern.matcher(instrument.id()).matches()) {
                return true;
            }
        }
        return false;
    }

    public List<String> globs() {
        return globs;
    }

    private static Pattern compile(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(String.join(",", globs));
        alsoRequired.forEach(required -> text.append(" & ").append(required));
        return text.toString();
    }
}
