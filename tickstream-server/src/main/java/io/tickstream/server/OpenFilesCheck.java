package io.tickstream.server;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns at start-up when the process may open fewer files than the connections it is sized for
 * (each WebSocket is a file descriptor), instead of failing with "too many open files" under load.
 */
final class OpenFilesCheck {

    private static final Logger log = LoggerFactory.getLogger(OpenFilesCheck.class);
    /** Descriptors a gateway uses besides its clients: jars, epoll, Redis, logs. */
    private static final long RESERVED = 256;

    private OpenFilesCheck() {
    }

    /**
     * The connection cap that the open-files limit allows: the limit less the descriptors a
     * gateway needs besides its clients; unbounded when the platform does not tell.
     */
    static int connectionsAllowed(long openFilesLimit) {
        if (openFilesLimit < 0) {
            return Integer.MAX_VALUE;
        }
        return (int) Math.max(RESERVED, Math.min(Integer.MAX_VALUE, openFilesLimit - RESERVED));
    }

    /** Returns the limit found, or -1 when the platform does not tell. */
    static long warnIfBelow(int expectedConnections) {
        if (!(ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix)) {
            return -1;
        }
        long limit = unix.getMaxFileDescriptorCount();
        if (limit < expectedConnections + RESERVED) {
            log.warn("this process may open only {} files, but it is sized for {} connections (limits.expectedConnections):"
                    + " raise the limit (ulimit -n, or LimitNOFILE= in a systemd unit) or expect refused connections",
                    limit, expectedConnections);
        }
        return limit;
    }
}
