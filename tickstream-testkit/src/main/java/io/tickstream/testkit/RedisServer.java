package io.tickstream.testkit;

import java.io.IOException;
import java.util.List;

/**
 * A real redis-server child process on a free loopback port, which fault tests may stop and restart
 * on the same port (a {@link RedisProcess}); lifecycle methods are synchronized, command methods may
 * be called from any thread.
 *
 * <p>The server keeps nothing on disk ({@code --save "" --appendonly no}), takes {@code DEBUG} from
 * loopback (to stall it with {@code DEBUG SLEEP}) and writes its log to a
 * temporary directory, quoted when it fails to start. A JVM shutdown hook kills a server
 * a test forgot to close.
 */
public final class RedisServer implements AutoCloseable {

    private final RedisBinary binary;
    private final RedisProcess process;

    private RedisServer(RedisBinary binary, RedisProcess process) {
        this.binary = binary;
        this.process = process;
    }

    /** Starts a server on a free port and returns once it answers {@code PING}. */
    public static RedisServer start() {
        return start(RedisBinary.locate());
    }

    static RedisServer start(RedisBinary binary) {
        // DEBUG (for tests that stall Redis) must be enabled from Redis 7 on; 6.2 has it on and knows no such setting.
        List<String> settings = binary.majorVersion() >= 7
                ? List.of("--save", "", "--appendonly", "no", "--enable-debug-command", "local")
                : List.of("--save", "", "--appendonly", "no");
        return RedisProcess.launch(() -> new RedisServer(binary, RedisProcess.create(binary, FreePorts.find(),
                "tickstream-redis-", settings)), server -> server.process);
    }

    public int port() {
        return process.port();
    }

    /** Returns {@code redis://127.0.0.1:PORT}. */
    public String uri() {
        return "redis://127.0.0.1:" + port();
    }

    public boolean isRunning() {
        return process.isRunning();
    }

    /** Kills the process (as a crash would) and waits for it to exit; the port then refuses connections. */
    public void stop() {
        process.kill();
    }

    /** Freezes the process ({@code SIGSTOP}): it keeps its connections and answers nothing until {@link #resume()}. */
    public void pause() {
        process.setStopped(true);
    }

    /** Lets a paused process run again ({@code SIGCONT}). */
    public void resume() {
        process.setStopped(false);
    }

    /** Stops the server if it runs, then starts it again on the same port and waits until it answers. */
    public void restart() {
        process.start();
    }

    /** Sends one command on a fresh connection and renders a non-array reply as text (null for a null reply). */
    public String command(String... args) {
        return RespReplies.text(process.call(args), args);
    }

    /** Sends one command on a fresh connection and renders its array reply (empty for a null array). */
    public List<String> commandList(String... args) {
        return RespReplies.list(process.call(args), args);
    }

    /** Opens a connection of the caller's own, e.g. to SUBSCRIBE; the caller closes it. */
    public RespConnection connect() throws IOException {
        return process.connect();
    }

    /** Stops the server and deletes its temporary directory. */
    @Override
    public void close() {
        process.delete();
    }

    @Override
    public String toString() {
        return "RedisServer[" + uri() + ", " + binary + "]";
    }
}
