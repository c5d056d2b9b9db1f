package io.tickstream.cli;

import io.tickstream.auth.ApiKey;
import io.tickstream.auth.InstrumentScope;
import io.tickstream.auth.Principal;
import io.tickstream.server.Gateway;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The demo API key that {@code serve} adds when no key is configured: account {@value #ACCOUNT}, every
 * instrument, private events, no connection limit. Stateless, thread-safe.
 */
final class DemoKey {

    static final String ACCOUNT = Gateway.DEMO_ACCOUNT;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int RANDOM_BYTES = 8;

    private DemoKey() {
    }

    /** A fresh key: {@code demo-} and 16 random hex digits. */
    static String random() {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return ACCOUNT + "-" + HexFormat.of().formatHex(bytes);
    }

    static ApiKey apiKey(String key) {
        return ApiKey.plain(key, new Principal(ACCOUNT, InstrumentScope.all(), true, 0));
    }
}
