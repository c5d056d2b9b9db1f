package io.tickstream.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tickstream.bus.MarketPublisher;
import io.tickstream.instrument.Instrument;
import io.tickstream.state.StateField;
import io.tickstream.state.StateUpdateParser;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MarketSimulatorSchedulingTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final List<Instrument> instruments = DemoCatalog.instruments();

    @Test
    void shouldPublishAtConfiguredRateOnItsOwnDaemonThreadWhenStarted() throws Exception {
        RecordingPublisher publisher = new RecordingPublisher(30);
        long started = System.nanoTime();
        try (MarketSimulator simulator = simulator(publisher, 100)) {
            simulator.start();

            assertThat(publisher.awaitMessages(TIMEOUT)).isTrue();
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        Thread thread = publisher.updates().get(0).thread();

        assertThat(thread.getName()).isEqualTo(MarketSimulator.THREAD_NAME);
        assertThat(thread.isDaemon()).isTrue();
        assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(250));
        assertThat(publisher.updates().size()).isLessThanOrEqualTo(1 + (int) (elapsed.toMillis() / 10));
        assertThat(publisher.catalog()).containsExactlyElementsOf(instruments);
    }

    @Test
    void shouldStopTheThreadWhenClosed() throws Exception {
        RecordingPublisher publisher = new RecordingPublisher(5);
        MarketSimulator simulator = simulator(publisher, 200);
        simulator.start();
        assertThat(publisher.awaitMessages(TIMEOUT)).isTrue();

        simulator.close();
        int published = publisher.updates().size();
        Thread thread = publisher.updates().get(0).thread();
        thread.join(TIMEOUT.toMillis());

        assertThat(thread.isAlive()).isFalse();
        assertThat(publisher.updates()).hasSize(published);
    }

    @Test
    void shouldKeepTickingAndCountErrorsWhenPublisherThrows() throws Exception {
        FlakyPublisher publisher = new FlakyPublisher(Long.MAX_VALUE, new RecordingPublisher(), 10);
        MarketSimulator simulator = simulator(publisher, 200);
        simulator.start();
        boolean attempted = publisher.awaitAttempts(TIMEOUT);
        simulator.close();

        assertThat(attempted).isTrue();
        assertThat(simulator.errors()).isGreaterThanOrEqualTo(10);
    }

    @Test
    void shouldResendFullStateWhenAnUpdateFailed() throws Exception {
        RecordingPublisher recorder = new RecordingPublisher();
        MarketSimulator simulator = simulator(new FlakyPublisher(4 * instruments.size(), recorder, 0), 20);
        for (int i = 0; i < 6 * instruments.size(); i++) {
            simulator.step();
        }

        assertThat(simulator.errors()).isEqualTo(4L * instruments.size());
        for (Instrument instrument : instruments) {
            String first = recorder.updates().stream().filter(m -> m.instrumentId().equals(instrument.id()))
                    .findFirst().orElseThrow().json();
            assertThat(StateUpdateParser.parse(first).changes()).hasSize(StateField.slotCount(instrument.depth()));
        }
    }

    @Test
    void shouldRefuseToStartWhenAlreadyStartedOrClosed() {
        MarketSimulator simulator = simulator(new RecordingPublisher(), 20);
        simulator.start();

        assertThatThrownBy(simulator::start).isInstanceOf(IllegalStateException.class);
        simulator.close();
        simulator.close();
        assertThatThrownBy(simulator::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldRejectConfigurationWhenRateOrInstrumentsAreInvalid() {
        RecordingPublisher publisher = new RecordingPublisher();

        assertThatThrownBy(() -> new MarketSimulator(publisher, instruments, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MarketSimulator(publisher, instruments, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MarketSimulator(publisher, List.of(), 20))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private MarketSimulator simulator(MarketPublisher publisher, double rate) {
        return new MarketSimulator(publisher, instruments, rate, new SplittableRandom(1), Clock.systemUTC());
    }
}
