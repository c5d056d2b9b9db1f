package io.tickstream.testkit;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Waits until every node of a three-master cluster sees it healthy, judging by each node's
 * {@code CLUSTER INFO} and {@code CLUSTER NODES} replies; stateless, callable from any thread.
 *
 * <p>Healthy means {@code cluster_state:ok} and exactly three nodes known, every one a master linked to
 * this node and flagged neither failing, suspected, in handshake nor without address.
 */
final class ClusterHealth {

    private static final Set<String> UNHEALTHY_FLAGS = Set.of("fail", "fail?", "handshake", "noaddr");
    private static final int FLAGS = 2;
    private static final int LINK_STATE = 7;

    private ClusterHealth() {
    }

    /** Returns once every node sees a healthy cluster; throws, quoting every node's log, after {@code timeout}. */
    static void await(List<ClusterNode> nodes, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Optional<String> lastProblem;
        do {
            lastProblem = firstProblem(nodes);
            if (lastProblem.isEmpty()) {
                return;
            }
            Pause.briefly();
        } while (System.nanoTime() < deadline);
        StringBuilder logs = new StringBuilder();
        for (ClusterNode node : nodes) {
            logs.append("\n--- log of ").append(node).append(":\n").append(node.log());
        }
        throw new IllegalStateException("Redis Cluster not healthy within " + timeout + ": " + lastProblem.get() + logs);
    }

    /** Returns what is wrong with the cluster the replies show, or nothing when it is healthy. */
    static Optional<String> problem(String clusterInfo, String clusterNodes) {
        if (!clusterInfo.lines().anyMatch("cluster_state:ok"::equals)) {
            return Optional.of("not cluster_state:ok");
        }
        List<String> nodes = clusterNodes.lines().filter(line -> !line.isBlank()).toList();
        if (nodes.size() != ClusterSlots.MASTERS) {
            return Optional.of("knows " + nodes.size() + " nodes, not " + ClusterSlots.MASTERS);
        }
        for (String node : nodes) {
            String[] fields = node.split(" ");
            List<String> flags = Arrays.asList(fields.length > FLAGS ? fields[FLAGS].split(",") : new String[0]);
            if (fields.length <= LINK_STATE || !flags.contains("master")
                    || flags.stream().anyMatch(UNHEALTHY_FLAGS::contains)
                    || !"connected".equals(fields[LINK_STATE])) {
                return Optional.of("sees an unhealthy master: " + node);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> firstProblem(List<ClusterNode> nodes) {
        for (ClusterNode node : nodes) {
            try {
                Optional<String> problem = problem(String.valueOf(node.call("CLUSTER", "INFO")),
                        String.valueOf(node.call("CLUSTER", "NODES")));
                if (problem.isPresent()) {
                    return Optional.of(node + " " + problem.get());
                }
            } catch (UncheckedIOException | RespException e) {
                return Optional.of(node + " does not answer CLUSTER INFO and NODES: " + e);
            }
        }
        return Optional.empty();
    }
}
