package io.tickstream.bench;

import io.tickstream.bench.abuse.AttackerTally;
import io.tickstream.bench.abuse.HealthProbe;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * The outcome of one attack of the abuse scenario: the bystanders without and with it, the
 * gateway's memory and health, and what the attacker achieved; as a summary line and as a row of
 * a Markdown table. Immutable once the attack has stopped.
 *
 * @param memoryBefore the gateway's memory after the baseline phase, before the attack
 * @param memoryAfter  the gateway's memory at the end of the attack phase, the attacker still connected
 * @param healthOk     {@code GET /health} calls answered 200 within 2 s during the attack phase
 * @param healthFailed the calls refused, answered otherwise, or not answered in time
 * @param healthMicros how long the calls answered 200 took, connecting (and TLS) included
 * @param recovery     how long after the attacker left the gateway answered promptly again (see
 *                     {@link HealthProbe#awaitRecovery}); null
 *                     when it did not within the time allowed
 */
public record AbuseResult(BenchOptions options, String attack, Phase baseline, Phase attacked, long memoryBefore,
                          long memoryAfter, String memoryKind, long healthOk, long healthFailed,
                          Histogram healthMicros, AttackerTally attacker, Duration recovery) {

    /**
     * What the bystanders got in one phase. The attack phase counts what arrived after the
     * attacker left too, at its real latency: lost is what never came.
     *
     * @param expected          updates published times their subscribers
     * @param bystandersClosed  bystander connections the gateway closed during the phase
     */
    public record Phase(long expected, long received, Histogram latencyMicros, long bystandersClosed) {

        public long lost() {
            return expected - received;
        }

        String summary(String name) {
            return String.format(Locale.ROOT,
                    "%1$s.expected=%2$d %1$s.received=%3$d %1$s.lost=%4$d %1$s.p50=%5$.3fms %1$s.p99=%6$.3fms"
                            + " %1$s.p99.9=%7$.3fms %1$s.max=%8$.3fms %1$s.bystandersClosed=%9$d",
                    name, expected, received, lost(), ms(50), ms(99), ms(99.9),
                    latencyMicros.getMaxValue() / 1000.0, bystandersClosed);
        }

        String latencies() {
            return String.format(Locale.ROOT, "%.2f / %.2f / %.2f / %.2f", ms(50), ms(99), ms(99.9),
                    latencyMicros.getMaxValue() / 1000.0);
        }

        String delivery() {
            return String.format(Locale.ROOT, "%,d / %,d", received, expected);
        }

        private double ms(double percentile) {
            return latencyMicros.getValueAtPercentile(percentile) / 1000.0;
        }
    }

    public String summary() {
        return String.format(Locale.ROOT,
                "scenario=abuse attack=%s protocol=%s connections=%d subs/conn=%d instruments=%d rate=%.0f/s"
                        + " seconds=%d %s %s health.ok=%d health.failed=%d health.p50=%.1fms health.p99=%.1fms"
                        + " health.max=%.1fms recovery=%s %s before=%.1fMiB after=%.1fMiB %s",
                attack, options.protocol().name().toLowerCase(Locale.ROOT), options.connections(),
                options.subscriptions(), options.instruments(), options.rate(), options.duration().toSeconds(),
                baseline.summary("baseline"), attacked.summary("attacked"), healthOk, healthFailed,
                healthMicros.getValueAtPercentile(50) / 1000.0, healthMicros.getValueAtPercentile(99) / 1000.0,
                healthMicros.getMaxValue() / 1000.0, recovery == null ? "n/a" : seconds(recovery) + "s", memoryKind,
                memoryBefore / 1048576.0, memoryAfter / 1048576.0, attacker.summary());
    }

    /** A block for BENCHMARKS.md: what was run, and one table row per attack. */
    public static String markdown(List<AbuseResult> results) {
        if (results.isEmpty()) {
            return "";
        }
        BenchOptions options = results.get(0).options();
        String memoryKind = results.get(0).memoryKind();
        StringBuilder block = new StringBuilder(String.format(Locale.ROOT,
                "Bystanders: %,d %s connections x %d subscriptions over %d instruments, %.0f updates/s; "
                        + "%d s without each attack, then %d s with it; gateway %s.%n%n",
                options.connections(), options.protocol().name().toLowerCase(Locale.ROOT), options.subscriptions(),
                options.instruments(), options.rate(), options.duration().toSeconds(),
                options.duration().toSeconds(), options.spawn() ? "in its own process" : "in the generator's JVM"));
        block.append("| attack | bystanders p50 / p99 / p99.9 / max ms: without -> with | received / expected:"
                        + " without -> with | bystanders closed | /health ok / failed (p99 / max ms) | recovery s | ")
                .append(memoryKind).append(" MiB before -> after | attacker |\n")
                .append("|---|---|---|---|---|---|---|---|\n");
        for (AbuseResult result : results) {
            block.append(String.format(Locale.ROOT, "| %s | %s -> %s | %s -> %s | %d -> %d | %d / %d (%.1f / %.1f) | %s | %.1f -> %.1f | %s |%n",
                    result.attack(), result.baseline().latencies(), result.attacked().latencies(),
                    result.baseline().delivery(), result.attacked().delivery(), result.baseline().bystandersClosed(),
                    result.attacked().bystandersClosed(), result.healthOk(), result.healthFailed(),
                    result.healthMicros().getValueAtPercentile(99) / 1000.0, result.healthMicros().getMaxValue() / 1000.0,
                    result.recovery() == null ? "not within " + seconds(AbuseRun.MAX_RECOVERY) : seconds(result.recovery()),
                    result.memoryBefore() / 1048576.0, result.memoryAfter() / 1048576.0, result.attacker().prose()));
        }
        block.append(String.format(Locale.ROOT, "%nThe attack phase counts bystander messages that arrived after the"
                + " attacker left, at their real latency. Recovery: from the attacker's departure until the first of"
                + " five /health calls in a row, 100 ms apart, each answered within 100 ms. Memory after: at the end of the attack phase, the"
                + " attacker still connected.%n"));
        return block.toString();
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f", duration.toMillis() / 1000.0);
    }
}
