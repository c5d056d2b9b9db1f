package io.tickstream.auth;

import io.tickstream.instrument.Instrument;
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

    private InstrumentScope(List<String> globs) {
        this.globs = List.copyOf(globs);
        this.patterns = globs.stream().map(InstrumentScope::compile).toList();
    }

    public static InstrumentScope all() {
        return ALL;
    }

    public static InstrumentScope of(List<String> globs) {
        return globs.equals(List.of("*")) ? ALL : new InstrumentScope(globs);
    }

    public boolean permits(Instrument instrument) {
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
        return String.join(",", globs);
    }
}
