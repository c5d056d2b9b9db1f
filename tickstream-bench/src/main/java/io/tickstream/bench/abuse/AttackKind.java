package io.tickstream.bench.abuse;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The attacks of the abuse scenario, as chosen with {@code --attack}. */
public enum AttackKind {
    /** Pipelined {@code GET /metrics} on sockets that never read. */
    PIPELINE,
    /** Connections that never finish a request. */
    IDLE,
    /** Unauthenticated WebSockets that flood pings and never read the pongs. */
    PING,
    /** WebSockets that break the message rules: oversized messages, invalid UTF-8. */
    FRAMES,
    /** Twenty connections of one account resuming seven trade streams 1,000 back every 100 ms (it needs a publisher). */
    RESUME,
    /** Half-open ClientHellos in bursts and full handshakes, against a gateway serving TLS ({@code --tls}). */
    HANDSHAKE,
    /** Each of the above in turn, but the resume attack (it needs a publisher) and the handshake attack (TLS). */
    ALL;

    /** The attacks to run, in turn, for these choices: each once, in the order of this enum. */
    public static List<AttackKind> runs(List<AttackKind> chosen) {
        return chosen.contains(ALL) ? List.of(PIPELINE, IDLE, PING, FRAMES)
                : Arrays.stream(values()).filter(chosen::contains).toList();
    }

    /** A fresh attacker of this kind. */
    public Attack newAttack() {
        return switch (this) {
            case PIPELINE -> new PipelineAttack();
            case IDLE -> new IdleAttack();
            case PING -> new PingFloodAttack();
            case FRAMES -> new BadFramesAttack();
            case RESUME -> new ResumeAttack();
            case HANDSHAKE -> new HandshakeAttack();
            case ALL -> throw new IllegalStateException("ALL stands for several attacks: see runs()");
        };
    }

    /** The name in summaries, as on the command line. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
