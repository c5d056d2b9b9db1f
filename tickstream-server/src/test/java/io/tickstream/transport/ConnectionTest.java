package io.tickstream.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.tickstream.auth.InstrumentScope;
import io.tickstream.auth.Principal;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One connection's lifecycle: its states, its one close, and what it releases. */
class ConnectionTest {

    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final Connection connection = Connection.attach(channel);
    private final List<String> released = new ArrayList<>();

    @AfterEach
    void finish() {
        channel.finishAndReleaseAll();
    }

    @Test
    void shouldGoFromOpeningToAuthenticatedAndReleaseItsUnauthenticatedSlotOnce() {
        connection.holdUnauthenticatedSlot(() -> released.add("unauthenticated slot"));
        assertThat(connection.state()).isEqualTo(Connection.State.OPENING);

        connection.opened("json");
        connection.authenticated(new Principal("alice", InstrumentScope.all(), true, 0));
        channel.close();
        channel.runPendingTasks();

        assertThat(connection.protocol()).isEqualTo("json");
        assertThat(connection.account()).isEqualTo("alice");
        assertThat(released).containsExactly("unauthenticated slot");
        assertThat(connection.state()).isEqualTo(Connection.State.CLOSED);
    }

    @Test
    void shouldCloseOnceWithTheFirstCodeAndReason() {
        connection.opened("json");

        connection.close(1013, "slow consumer");
        connection.close(1008, "rate limit exceeded");
        connection.closeAbusive(1009, "message too big");

        CloseWebSocketFrame sent = channel.readOutbound();
        assertThat(sent.statusCode()).isEqualTo(1013);
        sent.release();
        assertThat(channel.outboundMessages()).as("one close frame only").isEmpty();
        assertThat(connection.closeStatus()).isEqualTo(new CloseStatus(true, 1013, "slow consumer"));
        assertThat(connection.closing()).isTrue();
    }

    @Test
    void shouldEchoTheClientsCloseFrameAndRecordThatTheClientClosed() {
        connection.opened("compact");

        connection.closedByClient(new CloseWebSocketFrame(1000, "bye"));
        channel.runPendingTasks();

        CloseWebSocketFrame echo = channel.readOutbound();
        assertThat(echo.statusCode()).isEqualTo(1000);
        echo.release();
        assertThat(connection.closeStatus()).isEqualTo(new CloseStatus(false, 1000, "bye"));
        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void shouldRunEveryReleaseOnceWhenTheSocketCloses() {
        connection.whenClosed(() -> released.add("session"));
        connection.whenClosed(() -> released.add("account slot"));

        channel.close();
        channel.runPendingTasks();
        connection.whenClosed(() -> released.add("late"));

        assertThat(released).containsExactly("session", "account slot", "late");
    }
}
