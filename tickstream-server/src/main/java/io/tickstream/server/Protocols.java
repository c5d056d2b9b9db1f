package io.tickstream.server;

import io.tickstream.config.GatewayConfig;
import io.tickstream.protocol.WireProtocol;
import io.tickstream.protocol.compact.CompactProtocol;
import io.tickstream.protocol.ime.ImeProtocol;
import io.tickstream.protocol.json.JsonProtocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/** The protocols a gateway can speak. A new protocol is a package of its own and one line here. */
final class Protocols {

    private static final List<Function<GatewayConfig, WireProtocol>> ALL = List.of(
            config -> new ImeProtocol(config.imeBasePath(), config.imeIdField(), config.timeZone()),
            config -> new JsonProtocol(),
            config -> new CompactProtocol());

    private Protocols() {
    }

    /**
     * The protocols the configuration leaves on, in the order above.
     *
     * @throws IllegalArgumentException when the configuration names a protocol there is none of
     */
    static List<WireProtocol> serving(GatewayConfig config) {
        List<WireProtocol> serving = new ArrayList<>();
        Set<String> known = new TreeSet<>();
        for (Function<GatewayConfig, WireProtocol> make : ALL) {
            WireProtocol protocol = make.apply(config);
            known.add(protocol.name());
            if (config.serves(protocol.name())) {
                serving.add(protocol);
            }
        }
        for (String named : config.protocols().keySet()) {
            if (!known.contains(named)) {
                throw new IllegalArgumentException("protocols." + named + ": no such protocol (" + String.join(", ", known) + ")");
            }
        }
        return serving;
    }
}
