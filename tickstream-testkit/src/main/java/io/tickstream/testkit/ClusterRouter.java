package io.tickstream.testkit;

import java.util.List;

/**
 * Sends a keyed command to the master that serves it, following the {@code MOVED} and {@code ASK}
 * redirections a Redis Cluster node answers with; stateless, callable from any thread.
 */
final class ClusterRouter {

    private static final int MAX_REDIRECTS = 5;

    private ClusterRouter() {
    }

    /** Sends {@code args} to the first running node, then wherever it is redirected, at most five times. */
    static Object route(List<ClusterNode> nodes, String... args) {
        ClusterNode target = nodes.stream().filter(ClusterNode::isRunning).findFirst()
                .orElseThrow(() -> new IllegalStateException("no master of the cluster is running"));
        boolean asking = false;
        for (int redirects = 0; ; redirects++) {
            try {
                return asking ? target.callAsking(args) : target.call(args);
            } catch (RespException e) {
                String[] redirect = e.getMessage().split(" ");
                boolean moved = redirect[0].equals("MOVED");
                if (!(moved || redirect[0].equals("ASK")) || redirect.length != 3 || redirects == MAX_REDIRECTS) {
                    throw e;
                }
                target = nodeOnPort(nodes, redirect[2].substring(redirect[2].lastIndexOf(':') + 1), e);
                asking = !moved;
            }
        }
    }

    private static ClusterNode nodeOnPort(List<ClusterNode> nodes, String port, RespException redirect) {
        return nodes.stream().filter(node -> Integer.toString(node.port()).equals(port)).findFirst()
                .orElseThrow(() -> new IllegalStateException("redirected to a node not in the cluster: "
                        + redirect.getMessage(), redirect));
    }
}
