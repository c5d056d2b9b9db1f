package io.tickstream.bench;

import io.tickstream.bench.fault.DeliveryAudit;
import io.tickstream.bench.fault.FaultSettings;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * The outcome of a fault run and its one-line summary (README, "Load testing": what each figure
 * means). Immutable once the run is over.
 *
 * @param seconds        from the first publish to the last
 * @param kills          kills of the gateway's pub/sub connection that closed at least one connection
 * @param trades         trades published (the trade streams' seqs at the end less at the start)
 * @param accountEvents  account events published, likewise
 * @param publishFailed  publishes the bus refused or did not answer
 * @param received       trade and account messages the clients got, duplicates included
 * @param unexpected     messages no subscription asked for: without seq, before the client's position,
 *                       or of a stream the client had not joined
 * @param gaps           gap notices the clients got (the gateway could not fill a hole)
 * @param recoveryMicros publish-to-arrival latency of the messages published during an outage
 * @param outageMicros   each outage, from the kill to the gateway's subscriptions being back
 * @param latencyMicros  publish-to-arrival latency of every message published after the warm-up
 */
public record FaultResult(BenchOptions options, FaultSettings settings, double seconds, int kills, long trades,
                          long accountEvents, long publishFailed, long received, DeliveryAudit audit,
                          long unexpected, long gaps, Histogram recoveryMicros, Histogram outageMicros,
                          Histogram latencyMicros, long closedByServer, long failures) {

    public long lost() {
        return audit.lost();
    }

    public long duplicated() {
        return audit.duplicated();
    }

    public String summary() {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "scenario=fault protocol=json tls=%s gateway=%s connections=%d subs/conn=%d instruments=%d"
                        + " rate=%.0f/s accountRate=%.0f/s killEvery=%.1fs seconds=%.1f kills=%d"
                        + " published=%d trades=%d accountEvents=%d expected=%d received=%d lost=%d duplicated=%d"
                        + " outOfOrder=%d unexpected=%d gaps=%d recovered=%d recovery.p50=%.3fms"
                        + " recovery.p99=%.3fms recovery.max=%.3fms outage.p50=%.3fms outage.max=%.3fms"
                        + " p50=%.3fms p99=%.3fms max=%.3fms publishFailed=%d closedByServer=%d failures=%d",
                options.tls() == null ? "off" : options.tls(), options.spawn() ? "spawned" : "in-process",
                options.connections(), options.subscriptions(), options.instruments(), options.rate(),
                settings.accountRate(), settings.killEvery().toMillis() / 1000.0, seconds, kills,
                trades + accountEvents, trades, accountEvents, audit.expected(), received, audit.lost(),
                audit.duplicated(), audit.outOfOrder(), unexpected, gaps, recoveryMicros.getTotalCount(),
                ms(recoveryMicros, 50), ms(recoveryMicros, 99), recoveryMicros.getMaxValue() / 1000.0,
                ms(outageMicros, 50), outageMicros.getMaxValue() / 1000.0, ms(latencyMicros, 50),
                ms(latencyMicros, 99), latencyMicros.getMaxValue() / 1000.0, publishFailed, closedByServer, failures));
        if (!audit.lostBy().isEmpty()) {
            line.append(" lostBy=").append(audit.lostBy());
        }
        return line.toString();
    }

    private static double ms(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1000.0;
    }
}
