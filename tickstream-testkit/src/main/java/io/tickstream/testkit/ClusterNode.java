package io.tickstream.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One cluster-enabled redis-server child process with its own directory, client port, cluster bus port
 * and log; lifecycle methods are synchronized, {@link #call} and {@link #connect} may be called from any thread.
 *
 * <p>The directory keeps {@code nodes.conf} and an append-only file synced on every write, so a node
 * killed and started again comes back as the same node with its slots and its data. The bus port is a
 * free port of its own ({@code --cluster-port}), not the client port + 10000, which may be out of range.
 * A JVM shutdown hook kills a node a test forgot to close.
 */
final class ClusterNode {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration PING_TIMEOUT = Duration.ofMillis(500);
    private static final int PORT_ATTEMPTS = 3;
    private static final String ADDRESS_IN_USE = "Address already in use";

    private final RedisBinary binary;
    private final int port;
    private final int busPort;
    private final Path dir;
    private final Thread reaper = new Thread(this::destroy, "redis-cluster-node-reaper");
    private volatile Process process;

    private ClusterNode(RedisBinary binary, int port, int busPort, Path dir) {
        this.binary = binary;
        this.port = port;
        this.busPort = busPort;
        this.dir = dir;
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /** Starts a node on free ports, asking for new ones when another process took them first. */
    static ClusterNode launch(RedisBinary binary) {
        for (int attempt = 1; ; attempt++) {
            ClusterNode node = create(binary);
            try {
                node.start();
                return node;
            } catch (RuntimeException e) {
                boolean portTaken = node.log().contains(ADDRESS_IN_USE);
                node.delete();
                if (!portTaken || attempt == PORT_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private static ClusterNode create(RedisBinary binary) {
        int port = FreePorts.find();
        int busPort = FreePorts.find();
        while (busPort == port) {
            busPort = FreePorts.find();
        }
        try {
            return new ClusterNode(binary, port, busPort, Files.createTempDirectory("tickstream-redis-cluster-"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for a redis-server cluster node", e);
        }
    }

    int port() {
        return port;
    }

    int busPort() {
        return busPort;
    }

    boolean isRunning() {
        Process running = process;
        return running != null && running.isAlive();
    }

    /** Starts the process from its directory (killing it first if it runs) and waits until it answers. */
    synchronized void start() {
        kill();
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

    /** Kills the process (as a crash would) and waits for it to exit. */
    synchronized void kill() {
        Process running = process;
        if (running == null) {
            return;
        }
        running.destroyForcibly();
        if (!exited(running)) {
            throw new IllegalStateException("redis-server pid " + running.pid() + " did not exit within " + STOP_TIMEOUT);
        }
        process = null;
    }

    /** Kills the process and deletes the directory. */
    synchronized void delete() {
        kill();
        Runtime.getRuntime().removeShutdownHook(reaper);
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    /** Sends one command on a fresh connection and returns its reply; an error reply is thrown as {@link RespException}. */
    Object call(String... args) {
        return call(false, args);
    }

    /** Sends {@code ASKING}, then one command, on a fresh connection, as an {@code ASK} redirection requires. */
    Object callAsking(String... args) {
        return call(true, args);
    }

    /** Opens a connection of the caller's own; the caller closes it. */
    RespConnection connect() throws IOException {
        return RespConnection.open(port, COMMAND_TIMEOUT);
    }

    /** Returns everything the process has logged since its directory was made. */
    String log() {
        try {
            return Files.exists(logFile()) ? Files.readString(logFile(), StandardCharsets.UTF_8) : "(empty)";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    @Override
    public String toString() {
        return "redis://127.0.0.1:" + port + " (bus " + busPort + ", " + dir + ")";
    }

    private List<String> arguments() {
        return List.of(binary.executable().toString(),
                "--port", Integer.toString(port),
                "--bind", "127.0.0.1",
                "--protected-mode", "no",
                "--dir", dir.toString(),
                "--cluster-enabled", "yes",
                "--cluster-config-file", "nodes.conf",
                "--cluster-node-timeout", "2000",
                "--cluster-port", Integer.toString(busPort),
                "--appendonly", "yes",
                "--appendfsync", "always",
                "--save", "");
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
            Pause.briefly();
        }
        destroy();
        throw new IllegalStateException("redis-server did not answer PING on port " + port + " within "
                + STARTUP_TIMEOUT + " (last failure: " + lastFailure + "); its log:\n" + log(), lastFailure);
    }

    private Object call(boolean asking, String... args) {
        try (RespConnection connection = connect()) {
            if (asking) {
                connection.call("ASKING");
            }
            return connection.call(args);
        } catch (IOException e) {
            throw new UncheckedIOException(String.join(" ", args) + " failed on " + this, e);
        }
    }

    private void destroy() {
        Process running = process;
        if (running != null) {
            running.destroyForcibly();
        }
    }

    private Path logFile() {
        return dir.resolve("redis.log");
    }

    private static boolean exited(Process running) {
        try {
            return running.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !running.isAlive();
        }
    }
}
