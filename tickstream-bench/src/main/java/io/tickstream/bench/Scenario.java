package io.tickstream.bench;

/** What a benchmark run exercises. */
public enum Scenario {
    /** N connections x k subscriptions, a publisher at a set rate: throughput, latency, CPU per delivery. */
    FANOUT,
    /** Connections only, nothing published: memory per connection. */
    IDLE,
    /** Like fanout, with a share of clients reading slower than their stream: isolation and memory. */
    SLOW,
    /** Like fanout, with clients leaving and connecting while the stream runs. */
    CHURN,
    /**
     * A modest normal load measured without and then with each attack (HTTP pipelining, idle
     * connections, ping floods, broken frames): what abusive clients cost the others. Run by
     * {@link AbuseRun}, not {@link Bench}.
     */
    ABUSE,
    /**
     * Trades and account events published through Redis while the gateway's pub/sub connection is
     * killed every few seconds: what clients lost or got twice, and how late the messages published
     * during each outage arrived. Run by {@link FaultRun}, not {@link Bench}.
     */
    FAULT,
    /**
     * Price alerts: {@code --alerts} alerts over {@code -m} instruments, price changes at
     * {@code --rate}, one client of the alerts' account: tick-to-trigger latency at the client and
     * heap per alert. Run by {@link AlertsRun}, not {@link Bench}.
     */
    ALERTS
}
