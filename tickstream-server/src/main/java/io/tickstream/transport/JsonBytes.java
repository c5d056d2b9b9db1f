package io.tickstream.transport;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;

/**
 * Writes JSON pieces straight into a buffer, for messages of a fixed shape whose values are
 * already text (numbers as published): pre-encoded names, raw number text, escaped strings.
 * Stateless and thread-safe.
 */
public final class JsonBytes {

    private static final JsonStringEncoder ESCAPER = JsonStringEncoder.getInstance();

    private JsonBytes() {
    }

    /** The UTF-8 bytes of a literal JSON fragment, e.g. {@code ,"buy_price":}. */
    public static byte[] literal(String fragment) {
        return fragment.getBytes(StandardCharsets.UTF_8);
    }

    /** A number exactly as published (its text is ASCII by JSON's grammar). */
    public static void number(ByteBuf out, String text) {
        ByteBufUtil.writeAscii(out, text);
    }

    /** A string value, quoted and escaped. */
    public static void string(ByteBuf out, String value) {
        out.writeByte('"');
        if (isPlainAscii(value)) {
            ByteBufUtil.writeAscii(out, value);
        } else {
            out.writeBytes(ESCAPER.quoteAsUTF8(value));
        }
        out.writeByte('"');
    }

    private static boolean isPlainAscii(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }
}
