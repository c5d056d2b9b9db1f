package io.tickstream.instrument;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The rules for instrument ids and names, applied wherever an instrument is made: by
 * {@code catalog add}, the publishers, catalog files and the catalog read from Redis. Stateless.
 *
 * <p>An id is 1 to {@value #MAX_ID_LENGTH} letters, digits and {@code . _ : -}: it is part of Redis
 * keys, channel names and URLs, where spaces, line breaks or braces would do harm. A name is 1 to {@value #MAX_NAME_LENGTH} characters of
 * any script, without control, format (bidi marks, zero-width characters), private-use or
 * unassigned characters, without whitespace other than inner single spaces, and without Latin
 * letters mixed with Cyrillic or Greek ones (the usual look-alikes). The one format character
 * allowed is the zero-width non-joiner between two Arabic-script letters, which Persian spelling
 * needs. Two names are the same symbol when their {@linkplain #key keys} are equal.
 */
public final class InstrumentNames {

    public static final int MAX_ID_LENGTH = 64;
    public static final int MAX_NAME_LENGTH = 64;
    public static final int MAX_DESCRIPTION_LENGTH = 1_000;

    private static final char ZWNJ = '\u200C';

    private InstrumentNames() {
    }

    /** Throws {@link IllegalArgumentException} naming what is wrong with {@code id}. */
    public static void checkId(String id) {
        String problem = idProblem(id);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    public static boolean validId(String id) {
        return idProblem(id) == null;
    }

    private static String idProblem(String id) {
        if (id.isEmpty()) {
            return "instrument id must not be blank";
        }
        if (id.length() > MAX_ID_LENGTH) {
            return "instrument id must be at most " + MAX_ID_LENGTH + " characters, was " + id.length();
        }
        for (int i = 0; i < id.length(); ) {
            int c = id.codePointAt(i);
            if (!Character.isLetterOrDigit(c) && c != '.' && c != '_' && c != ':' && c != '-') {
                return "instrument id may hold only letters, digits and . _ : -, found " + describe(c) + " at " + i;
            }
            i += Character.charCount(c);
        }
        return null;
    }

    /** Throws {@link IllegalArgumentException} naming what is wrong with {@code name}; {@code id} is for the message. */
    public static void checkName(String name, String id) {
        String which = "instrument name (id " + id + ")";
        if (name.isBlank()) {
            throw new IllegalArgumentException("instrument name must not be blank (id " + id + ")");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException(which + " must be at most " + MAX_NAME_LENGTH + " characters, was "
                    + name.length());
        }
        if (Character.isWhitespace(name.codePointAt(0)) || Character.isWhitespace(name.codePointBefore(name.length()))) {
            throw new IllegalArgumentException(which + " must not start or end with a space");
        }
        boolean latin = false;
        boolean lookAlike = false;
        int previous = -1;
        for (int i = 0; i < name.length(); ) {
            int c = name.codePointAt(i);
            int next = i + Character.charCount(c) < name.length() ? name.codePointAt(i + Character.charCount(c)) : -1;
            if (c == ' ') {
                if (previous == ' ') {
                    throw new IllegalArgumentException(which + " must not hold two spaces in a row");
                }
            } else if (c == ZWNJ) {
                if (!arabicLetter(previous) || !arabicLetter(next)) {
                    throw new IllegalArgumentException(which + " holds a zero-width non-joiner outside Arabic-script"
                            + " letters, at " + i);
                }
            } else if (!allowed(c)) {
                throw new IllegalArgumentException(which + " must not hold " + describe(c) + " (at " + i + ")");
            }
            if (Character.isLetter(c)) {
                Character.UnicodeScript script = Character.UnicodeScript.of(c);
                latin |= script == Character.UnicodeScript.LATIN;
                lookAlike |= script == Character.UnicodeScript.CYRILLIC || script == Character.UnicodeScript.GREEK;
            }
            previous = c;
            i += Character.charCount(c);
        }
        if (latin && lookAlike) {
            throw new IllegalArgumentException(which + " mixes Latin letters with Cyrillic or Greek ones");
        }
    }

    /** Throws {@link IllegalArgumentException} when a description is too long. */
    public static void checkDescription(String description) {
        if (description.length() > MAX_DESCRIPTION_LENGTH) {
            throw new IllegalArgumentException("instrument description must be at most " + MAX_DESCRIPTION_LENGTH
                    + " characters, was " + description.length());
        }
    }

    /**
     * What makes two names the same symbol: Unicode compatibility normalisation (NFKC: full-width
     * letters, ligatures and the like become their plain forms), case folding and trimming.
     */
    public static String key(String name) {
        String folded = Normalizer.normalize(name, Normalizer.Form.NFKC).toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
        return Normalizer.normalize(folded, Normalizer.Form.NFKC).strip();
    }

    private static boolean allowed(int c) {
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.PRIVATE_USE, Character.SURROGATE, Character.UNASSIGNED,
                 Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.SPACE_SEPARATOR -> false;
            default -> true;
        };
    }

    private static boolean arabicLetter(int c) {
        return c >= 0 && Character.isLetter(c) && Character.UnicodeScript.of(c) == Character.UnicodeScript.ARABIC;
    }

    private static String describe(int c) {
        return String.format("U+%04X", c);
    }
}
