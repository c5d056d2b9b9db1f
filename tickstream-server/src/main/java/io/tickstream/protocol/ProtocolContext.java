package io.tickstream.protocol;

import java.time.Duration;

import io.tickstream.alert.Alerts;
import io.tickstream.auth.Authenticator;
import io.tickstream.auth.ConnectionLimiter;
import io.tickstream.candlefeed.CandleFeed;
import io.tickstream.catalog.CatalogRefresher;
import io.tickstream.hub.Hub;
import io.tickstream.readiness.BusReadiness;
import io.tickstream.transport.WebSocketUpgrade;

/** What every protocol endpoint works with; one per gateway. Immutable and shared. */
public record ProtocolContext(
        Hub hub,
        CatalogRefresher catalog,
        Authenticator authenticator,
        ConnectionLimiter connections,
        WebSocketUpgrade upgrade,
        SessionLimits limits,
        RecoveryBudget recovery,
        SessionMeters meters,
        Duration expiryNotice,
        BusReadiness bus,
        Alerts alerts,
        CandleFeed candles) {
}
