package io.tickstream.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns the claims of a verified token into a {@link Principal}; immutable, so thread-safe.
 * {@code sub} is the account, the instruments claim (a list of globs or one space/comma-separated
 * string) narrows the scope, {@code privateEvents} (boolean, default true) and {@code maxConnections}
 * (non-negative integer, default 0 = unlimited) are optional. A claim of the wrong type fails with a
 * reason naming the claim only.
 */
final class JwtClaimsPrincipal {

    static final String PRIVATE_EVENTS = "privateEvents";
    static final String MAX_CONNECTIONS = "maxConnections";

    private final String instrumentsClaim;

    JwtClaimsPrincipal(String instrumentsClaim) {
        this.instrumentsClaim = instrumentsClaim;
    }

    Principal from(JWTClaimsSet claims) throws BadJWTException {
        return new Principal(claims.getSubject(), scope(claims.getClaim(instrumentsClaim)),
                privateEvents(claims.getClaim(PRIVATE_EVENTS)), maxConnections(claims.getClaim(MAX_CONNECTIONS)),
                claims.getExpirationTime() == null ? null : claims.getExpirationTime().toInstant());
    }

    private InstrumentScope scope(Object claim) throws BadJWTException {
        if (claim == null) {
            return InstrumentScope.all();
        }
        if (claim instanceof String text) {
            return InstrumentScope.of(Arrays.stream(text.split("[\\s,]+")).filter(glob -> !glob.isEmpty()).toList());
        }
        if (!(claim instanceof List<?> items)) {
            throw bad(instrumentsClaim);
        }
        List<String> globs = new ArrayList<>();
        for (Object item : items) {
            if (!(item instanceof String glob) || glob.isBlank()) {
                throw bad(instrumentsClaim);
            }
            globs.add(glob.strip());
        }
        return InstrumentScope.of(globs);
    }

    private static boolean privateEvents(Object claim) throws BadJWTException {
        if (claim == null) {
            return true;
        }
        if (!(claim instanceof Boolean flag)) {
            throw bad(PRIVATE_EVENTS);
        }
        return flag;
    }

    private static int maxConnections(Object claim) throws BadJWTException {
        if (claim == null) {
            return 0;
        }
        if (!(claim instanceof Number number) || number.doubleValue() != number.longValue()
                || number.longValue() < 0 || number.longValue() > Integer.MAX_VALUE) {
            throw bad(MAX_CONNECTIONS);
        }
        return number.intValue();
    }

    private static BadJWTException bad(String claim) {
        return new BadJWTException("bad claim '" + claim + "'");
    }
}
