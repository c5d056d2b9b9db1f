package io.tickstream.bus;

import io.tickstream.account.AccountEventParser;
import io.tickstream.state.MalformedUpdateException;
import io.tickstream.trade.TradeParser;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * How a project publisher stamps a message with its place in its stream: {@code "seq"} and
 * {@code "epoch"} become the first fields of the published JSON object, the rest is the message
 * as given. The Redis publish scripts build the same text from {@link #tail}. Stateless and
 * thread-safe.
 */
public final class StreamStamp {

    private static final SecureRandom RANDOM = new SecureRandom();

    private StreamStamp() {
    }

    /** A new epoch: 16 random hex digits, so two histories never share one by chance. */
    public static String newEpoch() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * What follows the stamp: the object's members after its opening brace, with the comma that
     * separates them from the stamp ({@code {"a":1}} gives {@code ,"a":1}}; {@code {}} gives {@code }}).
     *
     * @throws IllegalArgumentException when the payload is not a JSON object
     */
    public static String tail(String payload) {
        String object = payload.strip();
        if (object.length() < 2 || object.charAt(0) != '{' || object.charAt(object.length() - 1) != '}') {
            throw new IllegalArgumentException("a stream message must be a JSON object");
        }
        String members = object.substring(1).stripLeading();
        return members.startsWith("}") ? members : "," + members;
    }

    /**
     * The {@link #tail} of a trade print, after checking that it is one and carries no stamp of its own.
     *
     * @throws MalformedUpdateException when it is not a valid trade or already has a seq or epoch
     */
    public static String tradeTail(String json) throws MalformedUpdateException {
        return unstamped(TradeParser.parse(json, 0), json);
    }

    /** The {@link #tail} of an account event, checked as {@link #tradeTail} checks a trade. */
    public static String accountEventTail(String json) throws MalformedUpdateException {
        return unstamped(AccountEventParser.parse(json, 0), json);
    }

    private static String unstamped(Sequenced message, String json) throws MalformedUpdateException {
        if (message.seq() != Sequenced.NONE || message.epoch() != null) {
            throw new MalformedUpdateException("seq and epoch are stamped by the publisher; leave them out");
        }
        return tail(json);
    }

    /** Whether an epoch can be written into the stamp as it is (no character JSON would need escaped). */
    public static boolean isPlain(String epoch) {
        return epoch != null && !epoch.isEmpty() && epoch.chars().allMatch(c -> c == '-' || c == '_' || c == '.'
                || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
    }

    /** The published text of a message: the stamp, then its {@link #tail}. */
    public static String stamped(long seq, String epoch, String tail) {
        return "{\"seq\":" + seq + ",\"epoch\":\"" + epoch + '"' + tail;
    }
}
