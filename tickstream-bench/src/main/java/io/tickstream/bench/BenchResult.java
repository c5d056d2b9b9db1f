package io.tickstream.bench;

import io.tickstream.bench.load.Protocol;
import io.tickstream.transport.SocketTransport;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * The outcome of one run, and its one-line summary. Immutable.
 *
 * @param connectSeconds   how long opening all connections took: TCP, TLS and WebSocket handshakes and
 *                         subscribing, at most 256 under way at once
 * @param ioAllocatedBytes heap allocated by the gateway's event loops during the run, or -1
 * @param wireBytes        bytes the clients read off their sockets while the updates streamed
 */
public record BenchResult(BenchOptions options, int connected, double connectSeconds, long expected, long received, double seconds,
                          Histogram latencyMicros, long serverCpuNanos, long generatorCpuNanos, long ioAllocatedBytes, long wireBytes,
                          long memoryBefore, long memoryAfter, String memoryKind, long closedByServer,
                          long extra, String extraLabel) {

    public long lost() {
        return expected < 0 ? -1 : expected - received;
    }

    public String summary() {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "scenario=%s protocol=%s%s%s%s tls=%s deflate=%s connections=%d subs/conn=%d instruments=%d rate=%.0f/s"
                        + " connectSeconds=%.2f handshakes/s=%.0f",
                options.scenario().name().toLowerCase(Locale.ROOT), options.protocol().name().toLowerCase(Locale.ROOT),
                options.protocol() == Protocol.JSON ? "/" + options.jsonChannel().optionName() : "",
                options.gatewayTransport() == null ? "" : " transport=" + options.gatewayTransport().configName(),
                options.clientTransport() == SocketTransport.EPOLL ? "" : " clientTransport=" + options.clientTransport().configName(),
                options.tls() == null ? "off" : options.tls(), options.deflate() ? "offered" : "off", connected, options.subscriptions(),
                options.instruments(), options.rate(), connectSeconds, connected / connectSeconds));
        if (options.scenario() != Scenario.IDLE) {
            line.append(String.format(Locale.ROOT,
                    " seconds=%.1f expected=%s received=%d lost=%s deliveries/s=%.0f"
                            + " p50=%.3fms p90=%.3fms p99=%.3fms p99.9=%.3fms max=%.3fms"
                            + " serverCpu/delivery=%.3fus serverCpu=%.1f%% generatorCpu=%.1f%%",
                    seconds, expected < 0 ? "n/a" : Long.toString(expected), received,
                    expected < 0 ? "n/a" : Long.toString(lost()), received / seconds,
                    ms(50), ms(90), ms(99), ms(99.9), latencyMicros.getMaxValue() / 1000.0,
                    received == 0 ? 0 : serverCpuNanos / 1000.0 / received,
                    serverCpuNanos / 1e7 / seconds, generatorCpuNanos / 1e7 / seconds));
            if (received > 0) {
                line.append(String.format(Locale.ROOT, " wireBytes/delivery=%.1f", (double) wireBytes / received));
            }
            if (ioAllocatedBytes >= 0 && received > 0) {
                line.append(String.format(Locale.ROOT, " ioAlloc/delivery=%.1fB", (double) ioAllocatedBytes / received));
            }
        }
        line.append(String.format(Locale.ROOT, " %s before=%.1fMiB after=%.1fMiB perConnection=%.2fKiB",
                memoryKind, memoryBefore / 1048576.0, memoryAfter / 1048576.0,
                connected == 0 ? 0 : (memoryAfter - memoryBefore) / 1024.0 / connected));
        line.append(" closedByServer=").append(closedByServer);
        if (extraLabel != null) {
            line.append(' ').append(extraLabel).append('=').append(extra);
        }
        return line.toString();
    }

    private double ms(double percentile) {
        return latencyMicros.getValueAtPercentile(percentile) / 1000.0;
    }
}
