package io.tickstream.bench.fault;

import io.lettuce.core.RedisURI;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a bus URI as the gateway does: {@code redis-cluster://[user:password@]host1:7000,host2:7001,...}
 * (or {@code rediss-cluster://} for TLS) names the seed nodes of a Redis Cluster, the credentials applying
 * to every node; anything else names one Redis. Stateless.
 */
final class ClusterSeeds {

    private static final String CLUSTER = "redis-cluster://";
    private static final String TLS_CLUSTER = "rediss-cluster://";

    private ClusterSeeds() {
    }

    static boolean isCluster(String uri) {
        return uri.startsWith(CLUSTER) || uri.startsWith(TLS_CLUSTER);
    }

    /** The seed nodes of a cluster URI, each as a plain Redis URI. */
    static List<RedisURI> of(String uri) {
        boolean tls = uri.startsWith(TLS_CLUSTER);
        String rest = uri.substring(tls ? TLS_CLUSTER.length() : CLUSTER.length());
        int at = rest.lastIndexOf('@');
        String credentials = at < 0 ? "" : rest.substring(0, at + 1);
        String hosts = at < 0 ? rest : rest.substring(at + 1);
        int path = hosts.indexOf('/');
        if (path >= 0) {
            hosts = hosts.substring(0, path);
        }
        List<RedisURI> seeds = new ArrayList<>();
        for (String host : hosts.split(",")) {
            if (host.isBlank()) {
                throw new IllegalArgumentException("empty host in " + CLUSTER + " URI");
            }
            seeds.add(RedisURI.create((tls ? "rediss://" : "redis://") + credentials + host.strip()));
        }
        return seeds;
    }
}
