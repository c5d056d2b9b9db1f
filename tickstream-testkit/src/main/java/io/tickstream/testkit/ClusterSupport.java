package io.tickstream.testkit;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.opentest4j.TestAbortedException;

/**
 * Decides whether a redis-server can run the Redis Cluster tests, which need sharded Pub/Sub (Redis 7);
 * stateless, callable from any thread.
 *
 * <p>An older binary (the embedded-redis fallback ships 6.2) is reported loudly, then skips the calling
 * test, or fails it under {@code CI=true}, where Redis 7 is installed and its absence is a broken machine.
 */
final class ClusterSupport {

    static final int SHARDED_PUBSUB_MAJOR = 7;

    private ClusterSupport() {
    }

    /** Checks the binary the testkit runs, judging by the environment variable {@code CI}. */
    static void require(RedisBinary binary) {
        require(binary, "true".equalsIgnoreCase(System.getenv("CI")), ClusterSupport::shout);
    }

    /**
     * Returns when {@code binary} is Redis 7 or later; otherwise gives one line to {@code loud} and throws
     * an {@link AssertionError} when {@code ci}, a {@link TestAbortedException} (a skip) when not.
     */
    static void require(RedisBinary binary, boolean ci, Consumer<String> loud) {
        if (binary.majorVersion() >= SHARDED_PUBSUB_MAJOR) {
            return;
        }
        String reason = "redis-server " + binary.release() + " < " + SHARDED_PUBSUB_MAJOR + " has no sharded Pub/Sub ("
                + binary.executable() + " from " + binary.origin() + "); install Redis 7, e.g. apt-get install redis-server";
        if (ci) {
            loud.accept("tickstream-testkit: FAILING Redis Cluster tests (CI=true): " + reason);
            throw new AssertionError("CI=true and " + reason);
        }
        loud.accept("tickstream-testkit: SKIPPING Redis Cluster tests: " + reason);
        throw new TestAbortedException("SKIPPING Redis Cluster tests: " + reason);
    }

    /**
     * Prints to {@code System.err} and to the process's own stderr, which Surefire shows on the console
     * even when it redirects test output to files: a skip must not go unnoticed.
     */
    private static void shout(String line) {
        System.err.println(line);
        PrintStream console = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        console.println(line);
    }
}
