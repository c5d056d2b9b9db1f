package io.tickstream.json;

/** Checks on JSON numbers kept as their text. Stateless. */
public final class JsonNumbers {

    /** Plain decimals at most this long cannot overflow or underflow a double; longer ones are checked. */
    private static final int SAFE_DIGITS = 300;

    private JsonNumbers() {
    }

    /**
     * Whether a JSON number's text reads as a finite double, and as zero only when it is zero: what
     * every client can parse back. {@code 1e309} overflows and {@code 0.1e-400} underflows.
     */
    public static boolean finite(String number) {
        if (number.length() <= SAFE_DIGITS && number.indexOf('e') < 0 && number.indexOf('E') < 0) {
            return true;
        }
        double value = Double.parseDouble(number);
        if (Double.isInfinite(value)) {
            return false;
        }
        return value != 0 || zeroMantissa(number);
    }

    private static boolean zeroMantissa(String number) {
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if (c == 'e' || c == 'E') {
                return true;
            }
            if (c >= '1' && c <= '9') {
                return false;
            }
        }
        return true;
    }
}
