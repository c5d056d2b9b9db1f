package io.tickstream.redis;

import io.lettuce.core.RedisURI;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a bus URI: {@code redis://...} (or {@code rediss://}) names one Redis,
 * {@code redis-cluster://[user:password@]host1:7000,host2:7001,...} (or {@code rediss-cluster://} for
 * TLS) the seed nodes of a Redis Cluster; the credentials apply to every node. Shared by the gateway
 * and the tools that connect beside it (the bench). Stateless.
 */
public final class RedisUris {

    static final String CLUSTER = "redis-cluster://";
    static final String TLS_CLUSTER = "rediss-cluster://";

    private RedisUris() {
    }

    public static boolean isCluster(String uri) {
        return uri.startsWith(CLUSTER) || uri.startsWith(TLS_CLUSTER);
    }

    /** The seed nodes of a {@code redis-cluster://} URI, each as a plain Redis URI. */
    public static List<RedisURI> seeds(String uri) {
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
