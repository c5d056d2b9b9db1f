package io.tickstream.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * One redis-server child process on a loopback port, run from a temporary directory of its own that
 * also holds its log, started and killed again as a test needs; what the server is (plain or a
 * cluster node) is in its options. Lifecycle methods are synchronized, {@link #call} and
 * {@link #connect} may be called from any thread. A JVM shutdown hook kills a process a test forgot.
 */
final class RedisProcess {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration PING_TIMEOUT = Duration.ofMillis(500);
    private static final int PORT_ATTEMPTS = 3;
    private static final String ADDRESS_IN_USE = "Address already in use";

    private final RedisBinary binary;
    private final int port;
    private final Path dir;
    private final List<String> options;
    private final Thread reaper = new Thread(this::destroy, "redis-server-reaper");
    private volatile Process process;

    private RedisProcess(RedisBinary binary, int port, Path dir, List<String> options) {
        this.binary = binary;
        this.port = port;
        this.dir = dir;
        this.options = List.copyOf(options);
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /**
     * A process (not started yet) on {@code port} in a new temporary directory.
     *
     * @param options the server's options besides the port, the address, protected mode and the directory
     */
    static RedisProcess create(RedisBinary binary, int port, String dirPrefix, List<String> options) {
        try {
            return new RedisProcess(binary, port, Files.createTempDirectory(dirPrefix), options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for redis-server", e);
        }
    }

    /**
     * Starts what {@code create} makes, asking it for another (on new free ports) when another
     * process took a port first, at most {@value #PORT_ATTEMPTS} times.
     */
    static <T> T launch(Supplier<T> create, Function<T, RedisProcess> processOf) {
        for (int attempt = 1; ; attempt++) {
            T candidate = create.get();
            RedisProcess process = processOf.apply(candidate);
            try {
                process.start();
                return candidate;
            } catch (RuntimeException e) {
                boolean portTaken = process.log().contains(ADDRESS_IN_USE);
                process.delete();
                if (!portTaken || attempt == PORT_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    int port() {
        return port;
    }

    boolean isRunning() {
        Process running = process;
        return running != null && running.isAlive();
    }

    /** Starts the process from its directory (killing it first if it runs) and waits until it answers {@code PING}. */
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

    /** Kills the process (as a crash would) and waits for it to exit; its port then refuses connections. */
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

    /**
     * Sends the process {@code SIGSTOP} ({@code stopped}) or {@code SIGCONT} and waits until
     * {@code /proc} shows it stopped or running again: a stopped server keeps its connections and
     * answers nothing, as a stalled one would.
     */
    synchronized void setStopped(boolean stopped) {
        Process running = process;
        if (running == null) {
            throw new IllegalStateException("redis-server is not running: " + this);
        }
        try {
            Process kill = new ProcessBuilder("kill", stopped ? "-STOP" : "-CONT", Long.toString(running.pid())).start();
            if (!kill.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill failed for redis-server pid " + running.pid());
            }
            Path stat = Path.of("/proc", Long.toString(running.pid()), "stat");
            long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
            while (isStopped(stat) != stopped) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("redis-server pid " + running.pid() + " did not change state");
                }
                Pause.briefly();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot signal redis-server pid " + running.pid(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signalling redis-server", e);
        }
    }

    /** The state in {@code /proc/PID/stat} is the field after the parenthesised command name: T when stopped. */
    private static boolean isStopped(Path stat) throws IOException {
        String fields = Files.readString(stat);
        return fields.charAt(fields.lastIndexOf(')') + 2) == 'T';
    }

    /** Kills the process and deletes its directory. */
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
        try (RespConnection connection = connect()) {
            return connection.call(args);
        } catch (IOException e) {
            throw new UncheckedIOException(String.join(" ", args) + " failed on " + this, e);
        }
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
        return "redis://127.0.0.1:" + port + " (" + dir + ")";
    }

    private List<String> arguments() {
        List<String> arguments = new ArrayList<>(List.of(binary.executable().toString(),
                "--port", Integer.toString(port),
                "--bind", "127.0.0.1",
                "--protected-mode", "no",
                "--dir", dir.toString()));
        arguments.addAll(options);
        return arguments;
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
