package io.tickstream.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * One cluster-enabled redis-server process of a {@link RedisCluster}: its {@link RedisProcess} and its
 * cluster bus port. Lifecycle methods are synchronized by the process; the others may be called
 * from any thread.
 *
 * <p>The directory keeps {@code nodes.conf} and an append-only file synced on every write, so a node
 * killed and started again comes back as the same node with its slots and its data. The bus port is a
 * free port of its own ({@code --cluster-port}), not the client port + 10000, which may be out of range.
 */
final class ClusterNode {

    private final RedisProcess process;
    private final int busPort;

    private ClusterNode(RedisProcess process, int busPort) {
        this.process = process;
        this.busPort = busPort;
    }

    /** Starts a node on free ports, asking for new ones when another process took them first. */
    static ClusterNode launch(RedisBinary binary) {
        return RedisProcess.launch(() -> create(binary), node -> node.process);
    }

    private static ClusterNode create(RedisBinary binary) {
        int port = FreePorts.find();
        int busPort = FreePorts.find();
        while (busPort == port) {
            busPort = FreePorts.find();
        }
        return new ClusterNode(RedisProcess.create(binary, port, "tickstream-redis-cluster-", List.of(
                "--cluster-enabled", "yes",
                "--cluster-config-file", "nodes.conf",
                "--cluster-node-timeout", "2000",
                "--cluster-port", Integer.toString(busPort),
                "--appendonly", "yes",
                "--appendfsync", "always",
                "--save", "")), busPort);
    }

    int port() {
        return process.port();
    }

    int busPort() {
        return busPort;
    }

    boolean isRunning() {
        return process.isRunning();
    }

    /** Starts the process from its directory (killing it first if it runs) and waits until it answers. */
    void start() {
        process.start();
    }

    /** Kills the process (as a crash would) and waits for it to exit. */
    void kill() {
        process.kill();
    }

    /** Kills the process and deletes the directory. */
    void delete() {
        process.delete();
    }

    /** Sends one command on a fresh connection and returns its reply; an error reply is thrown as {@link RespException}. */
    Object call(String... args) {
        return process.call(args);
    }

    /** Sends {@code ASKING}, then one command, on a fresh connection, as an {@code ASK} redirection requires. */
    Object callAsking(String... args) {
        try (RespConnection connection = connect()) {
            connection.call("ASKING");
            return connection.call(args);
        } catch (IOException e) {
            throw new UncheckedIOException(String.join(" ", args) + " failed on " + this, e);
        }
    }

    /** Opens a connection of the caller's own; the caller closes it. */
    RespConnection connect() throws IOException {
        return process.connect();
    }

    /** Returns everything the process has logged since its directory was made. */
    String log() {
        return process.log();
    }

    @Override
    public String toString() {
        return process + " (bus " + busPort + ")";
    }
}
