package io.tickstream.testkit;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A real Redis Cluster of three masters, each a redis-server child process on free loopback ports, which
 * fault tests may kill and restart one node at a time; lifecycle methods are synchronized, command methods
 * may be called from any thread.
 *
 * <p>Master {@code i} owns one contiguous third of the slots (0-5460, 5461-10922, 10923-16383). Each node
 * keeps {@code nodes.conf} and an append-only file in a temporary directory of its own, so a restarted
 * master comes back with its slots and its data; each logs to a file there, quoted when the cluster fails
 * to become healthy. The cluster needs Redis 7 (sharded Pub/Sub, {@code CLUSTER ADDSLOTSRANGE}):
 * {@link #start()} skips the calling test on an older redis-server, or fails it under {@code CI=true}.
 */
public final class RedisCluster implements AutoCloseable {

    private static final Duration HEALTHY_TIMEOUT = Duration.ofSeconds(20);

    private final List<ClusterNode> nodes;

    private RedisCluster(List<ClusterNode> nodes) {
        this.nodes = List.copyOf(nodes);
    }

    /**
     * Skips the calling test (loudly, on stderr) when the redis-server the testkit runs is older than
     * Redis 7, or fails it when the environment variable {@code CI} is {@code true}. Call it, or
     * {@link #start()}, in each test rather than once per class: Surefire counts a class aborted as a whole
     * as no test at all.
     */
    public static void assumeSupported() {
        ClusterSupport.require(RedisBinary.locate());
    }

    /**
     * Starts three masters, assigns their slots, makes them meet and returns once every node reports
     * {@code cluster_state:ok} and knows all three; first does what {@link #assumeSupported()} does.
     */
    public static RedisCluster start() {
        RedisBinary binary = RedisBinary.locate();
        ClusterSupport.require(binary);
        List<ClusterNode> started = new ArrayList<>();
        try {
            for (int i = 0; i < ClusterSlots.MASTERS; i++) {
                started.add(ClusterNode.launch(binary));
            }
            RedisCluster cluster = new RedisCluster(started);
            cluster.assignSlotsAndMeet();
            ClusterHealth.await(cluster.nodes, HEALTHY_TIMEOUT);
            return cluster;
        } catch (RuntimeException e) {
            for (ClusterNode node : started) {
                try {
                    node.delete();
                } catch (RuntimeException cleanup) {
                    e.addSuppressed(cleanup);
                }
            }
            throw e;
        }
    }

    /** Returns the three client ports, master 0 first. */
    public List<Integer> ports() {
        return nodes.stream().map(ClusterNode::port).toList();
    }

    /** Returns {@code redis-cluster://127.0.0.1:P0,127.0.0.1:P1,127.0.0.1:P2}. */
    public String uri() {
        return nodes.stream().map(node -> "127.0.0.1:" + node.port())
                .collect(Collectors.joining(",", "redis-cluster://", ""));
    }

    /** Returns {@code redis://127.0.0.1:PORT} of master {@code node}. */
    public String nodeUri(int node) {
        return "redis://127.0.0.1:" + node(node).port();
    }

    /** Returns the index of the master that owns the slot of {@code key} (its {@code {hash tag}} if any). */
    public int nodeOf(String key) {
        return ClusterSlots.ownerOf(ClusterSlots.slotOf(key));
    }

    /** Returns the hash slot of {@code key}, honouring a {@code {hash tag}}, as {@code CLUSTER KEYSLOT} does. */
    public int slotOf(String key) {
        return ClusterSlots.slotOf(key);
    }

    public boolean isRunning(int node) {
        return node(node).isRunning();
    }

    /**
     * Sends one command to the first running master, following {@code MOVED} and {@code ASK} redirections
     * (at most five), and renders a non-array reply as text (null for a null reply).
     */
    public String command(String... args) {
        return RespReplies.text(ClusterRouter.route(nodes, args), args);
    }

    /** Like {@link #command} for a command whose reply is an array (empty for a null array). */
    public List<String> commandList(String... args) {
        return RespReplies.list(ClusterRouter.route(nodes, args), args);
    }

    /** Sends one command to master {@code node} alone, e.g. {@code CLUSTER INFO}, and renders its reply as text. */
    public String commandOn(int node, String... args) {
        return RespReplies.text(node(node).call(args), args);
    }

    /** Like {@link #commandOn} for a command whose reply is an array, e.g. {@code PUBSUB SHARDNUMSUB}. */
    public List<String> commandListOn(int node, String... args) {
        return RespReplies.list(node(node).call(args), args);
    }

    /** Opens a connection of the caller's own to master {@code node}, e.g. to SSUBSCRIBE; the caller closes it. */
    public RespConnection connect(int node) throws IOException {
        return node(node).connect();
    }

    /** Kills master {@code node} (as a crash would) and waits for it to exit; its ports then refuse connections. */
    public synchronized void kill(int node) {
        node(node).kill();
    }

    /**
     * Starts master {@code node} again (killing it first if it runs) on the same ports from the same directory,
     * and returns once the whole cluster is healthy again, the node back with its slots and its data.
     */
    public synchronized void restart(int node) {
        node(node).start();
        ClusterHealth.await(nodes, HEALTHY_TIMEOUT);
    }

    /** Returns what master {@code node} has logged so far, e.g. for a failing test to show. */
    public String log(int node) {
        return node(node).log();
    }

    /** Kills every master and deletes their directories. */
    @Override
    public synchronized void close() {
        RuntimeException failure = null;
        for (ClusterNode node : nodes) {
            try {
                node.delete();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String toString() {
        return "RedisCluster[" + uri() + "]";
    }

    private void assignSlotsAndMeet() {
        for (int i = 0; i < nodes.size(); i++) {
            nodes.get(i).call("CLUSTER", "ADDSLOTSRANGE",
                    Integer.toString(ClusterSlots.first(i)), Integer.toString(ClusterSlots.last(i)));
        }
        for (ClusterNode other : nodes.subList(1, nodes.size())) {
            nodes.get(0).call("CLUSTER", "MEET", "127.0.0.1",
                    Integer.toString(other.port()), Integer.toString(other.busPort()));
        }
    }

    private ClusterNode node(int node) {
        if (node < 0 || node >= nodes.size()) {
            throw new IndexOutOfBoundsException("no master " + node + "; the cluster has " + nodes.size());
        }
        return nodes.get(node);
    }
}
