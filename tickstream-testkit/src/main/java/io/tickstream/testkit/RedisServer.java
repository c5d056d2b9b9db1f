package io.tickstream.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real redis-server child process on a free loopback port, which fault tests may stop and restart
 * on the same port; lifecycle methods are synchronized, command methods may be called from any thread.
 *
 * <p>The server keeps nothing on disk ({@code --save "" --appendonly no}) and writes its log to a
 * temporary directory, quoted when it fails to start. A JVM shutdown hook kills a server
 * a test forgot to close.
 */
public final class RedisServer implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration PING_TIMEOUT = Duration.ofMillis(500);
    private static final int PORT_ATTEMPTS = 3;
    private static final String ADDRESS_IN_USE = "Address already in use";

    private final RedisBinary binary;
    private final int port;
    private final Path dir;
    private final Thread reaper = new Thread(this::kill, "redis-server-reaper");
    private volatile Process process;

    private RedisServer(RedisBinary binary, int port) throws IOException {
        this.binary = binary;
        this.port = port;
        this.dir = Files.createTempDirectory("tickstream-redis-");
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /** Starts a server on a free port and returns once it answers {@code PING}. */
    public static RedisServer start() {
        return start(RedisBinary.locate());
    }

    static RedisServer start(RedisBinary binary) {
        for (int attempt = 1; ; attempt++) {
            RedisServer server = create(binary, FreePorts.find());
            try {
                server.restart();
                return server;
            } catch (RuntimeException e) {
                boolean portTaken = server.log().contains(ADDRESS_IN_USE);
                server.close();
                if (!portTaken || attempt == PORT_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private static RedisServer create(RedisBinary binary, int port) {
        try {
            return new RedisServer(binary, port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for redis-server", e);
        }
    }

    public int port() {
        return port;
    }

    /** Returns {@code redis://127.0.0.1:PORT}. */
    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    public boolean isRunning() {
        Process running = process;
        return running != null && running.isAlive();
    }

    /** Kills the process (as a crash would) and waits for it to exit; the port then refuses connections. */
    public synchronized void stop() {
        Process running = process;
        if (running == null) {
            return;
        }
        running.destroyForcibly();
        if (!exited(running, STOP_TIMEOUT)) {
            throw new IllegalStateException("redis-server pid " + running.pid() + " did not exit within " + STOP_TIMEOUT);
        }
        process = null;
    }

    /** Stops the server if it runs, then starts it again on the same port and waits until it answers. */
    public synchronized void restart() {
        stop();
        try {
            process = new ProcessBuilder(arguments())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + binary, e);
        }
        awaitPong();
    }

    /** Sends one command on a fresh connection and renders a non-array reply as text (null for a null reply). */
    public String command(String... args) {
        Object reply = call(args);
        if (reply instanceof List) {
            throw new IllegalStateException(String.join(" ", args) + " replied with an array; use commandList");
        }
        return reply == null ? null : reply.toString();
    }

    /** Sends one command on a fresh connection and renders its array reply (empty for a null array). */
    public List<String> commandList(String... args) {
        Object reply = call(args);
        if (reply == null) {
            return List.of();
        }
        if (!(reply instanceof List<?> items)) {
            throw new IllegalStateException(String.join(" ", args) + " replied " + reply + ", not an array");
        }
        List<String> rendered = new ArrayList<>(items.size());
        items.forEach(item -> rendered.add(item == null ? null : item.toString()));
        return Collections.unmodifiableList(rendered);
    }

    /** Opens a connection of the caller's own, e.g. to SUBSCRIBE; the caller closes it. */
    public RespConnection connect() throws IOException {
        return RespConnection.open(port, COMMAND_TIMEOUT);
    }

    /** Stops the server and deletes its temporary directory. */
    @Override
    public synchronized void close() {
        stop();
        Runtime.getRuntime().removeShutdownHook(reaper);
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    @Override
    public String toString() {
        return "RedisServer[" + uri() + ", " + binary + "]";
    }

    private List<String> arguments() {
        return List.of(binary.executable().toString(),
                "--port", Integer.toString(port),
                "--bind", "127.0.0.1",
                "--save", "",
                "--appendonly", "no",
                "--protected-mode", "no",
                "--dir", dir.toString());
    }

    private void awaitPong() {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        Exception lastFailure = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited with " + process.exitValue()
                        + " before answering PING on port " + port + "; its log:\n" + log());
            }
            try (RespConnection connection = RespConnection.open(port, PING_TIMEOUT)) {
                if ("PONG".equals(connection.call("PING"))) {
                    return;
                }
            } catch (IOException | RespException e) {
                lastFailure = e;
            }
            pause();
        }
        kill();
        throw new IllegalStateException("redis-server did not answer PING on port " + port + " within "
                + STARTUP_TIMEOUT + " (last failure: " + lastFailure + "); its log:\n" + log(), lastFailure);
    }

    private Object call(String... args) {
        try (RespConnection connection = connect()) {
            return connection.call(args);
        } catch (IOException e) {
            throw new UncheckedIOException(String.join(" ", args) + " failed on " + uri(), e);
        }
    }

    private void kill() {
        Process running = process;
        if (running != null) {
            running.destroyForcibly();
        }
    }

    private Path logFile() {
        return dir.resolve("redis.log");
    }

    private String log() {
        try {
            return Files.exists(logFile()) ? Files.readString(logFile(), StandardCharsets.UTF_8) : "(empty)";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static boolean exited(Process running, Duration timeout) {
        try {
            return running.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !running.isAlive();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(25);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for redis-server", e);
        }
    }
}
