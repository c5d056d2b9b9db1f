package io.tickstream.server;

import io.netty.util.internal.PlatformDependent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says at start-up how direct memory is managed. Netty counts its own direct buffers against
 * {@code io.netty.maxDirectMemory} and fails an allocation at once when the cap is reached, which
 * the gateway turns into closing that one connection. Without access to the JDK's buffer internals
 * (JDK 17 needs {@code --add-opens java.base/java.nio=ALL-UNNAMED} and
 * {@code -Dio.netty.tryReflectionSetAccessible=true}, which the launcher passes) it falls back to
 * the JDK's own accounting, which runs a GC and sleeps on the allocating thread, an event loop, when
 * memory is short.
 */
final class DirectMemoryCheck {

    private static final Logger log = LoggerFactory.getLogger(DirectMemoryCheck.class);

    private DirectMemoryCheck() {
    }

    static void log() {
        long cap = PlatformDependent.maxDirectMemory() / (1024 * 1024);
        if (PlatformDependent.useDirectBufferNoCleaner()) {
            log.info("direct memory: Netty's own accounting, capped at {} MiB (-XX:MaxDirectMemorySize)", cap);
        } else {
            log.warn("direct memory: the JDK's accounting (capped at {} MiB), which can stall an event loop when memory"
                    + " is short; run with --add-opens java.base/java.nio=ALL-UNNAMED"
                    + " -Dio.netty.tryReflectionSetAccessible=true as the launcher does", cap);
        }
    }
}
