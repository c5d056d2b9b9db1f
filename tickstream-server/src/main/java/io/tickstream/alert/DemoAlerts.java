package io.tickstream.alert;

import io.tickstream.auth.InstrumentScope;
import io.tickstream.auth.Principal;
import io.tickstream.hub.Hub;
import io.tickstream.instrument.Instrument;
import io.tickstream.state.StateField;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets a few real price alerts for the simulator's demo account, a little above and below the
 * market of its first instruments, re-arming after a minute: the demo account's alert events are
 * ones the gateway evaluated, not made up. Skipped when the account already has alerts (kept from
 * an earlier run in {@code alerts.directory}).
 */
public final class DemoAlerts {

    private static final Logger log = LoggerFactory.getLogger(DemoAlerts.class);
    private static final int INSTRUMENTS = 3;
    /** How far from the bid the alerts are set: 2 in 10,000, which the simulated market crosses often. */
    private static final BigDecimal DISTANCE = new BigDecimal("0.0002");
    private static final long COOLDOWN_SECONDS = 60;

    private DemoAlerts() {
    }

    /** Sets the alerts once the instruments have quotes; call after the market simulator started. */
    public static void set(Alerts alerts, Hub hub, List<Instrument> catalog, String account) {
        Principal demo = new Principal(account, InstrumentScope.all(), true, 0);
        alerts.list(account).thenAccept(existing -> {
            if (!existing.isEmpty()) {
                return;
            }
            for (Instrument instrument : catalog.stream().limit(INSTRUMENTS).toList()) {
                hub.currentState(instrument).thenAccept(state -> {
                    String bidText = state.value(StateField.BUY_PRICE, 1);
                    BigDecimal bid = bidText == null || bidText.isEmpty() ? BigDecimal.ZERO : new BigDecimal(bidText);
                    if (bid.signum() <= 0) {
                        return;
                    }
                    BigDecimal step = bid.multiply(DISTANCE).setScale(bid.scale(), RoundingMode.UP)
                            .max(BigDecimal.ONE.movePointLeft(bid.scale()));
                    create(alerts, demo, instrument, AlertCondition.CROSSES_ABOVE, bid.add(step));
                    create(alerts, demo, instrument, AlertCondition.CROSSES_BELOW, bid.subtract(step));
                });
            }
        });
    }

    private static void create(Alerts alerts, Principal demo, Instrument instrument, AlertCondition condition,
                               BigDecimal price) {
        AlertRequest request = new AlertRequest(instrument.name(), AlertField.BID, condition, price, false,
                COOLDOWN_SECONDS, 0, "demo: " + instrument.name() + " bid " + condition.wireName().replace('_', ' ')
                + " " + price.toPlainString(), null);
        alerts.create(demo, request).whenComplete((created, failure) -> {
            if (failure != null) {
                log.warn("could not set a demo alert on {}: {}", instrument.name(), failure.toString());
            }
        });
    }
}
