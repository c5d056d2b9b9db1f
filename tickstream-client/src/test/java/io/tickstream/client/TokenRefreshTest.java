package io.tickstream.client;

import static io.tickstream.client.TestGateway.EURUSD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.tickstream.auth.JwtSettings;
import io.tickstream.client.message.Tick;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The SDK keeps a JWT session going by handing in a fresh token when the server says it expires. */
class TokenRefreshTest {

    private static final byte[] SECRET = "a-shared-hs256-secret-of-at-least-32-bytes".getBytes(StandardCharsets.UTF_8);
    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void shouldRefreshTheTokenFromItsSupplierAndStayOnTheSameConnectionPastTheFirstExpiry() throws Exception {
        AtomicInteger issued = new AtomicInteger();
        Instant firstExpiry = Instant.now().plusSeconds(4);
        try (TestGateway gateway = TestGateway.start(config -> config.jwt(JwtSettings.hs256(SECRET))
                .expiryNotice(Duration.ofSeconds(2)));
             TickstreamClient client = TickstreamClient.builder().uri(gateway.uri())
                     .tokenSupplier(() -> token(issued.getAndIncrement() == 0 ? firstExpiry : Instant.now().plusSeconds(300)))
                     .pingInterval(Duration.ofSeconds(60)).build()) {
            client.connect();
            MessageStream<Tick> ticks = client.ticks("EURUSD").stream();
            client.subscribe(Channel.TICK, "EURUSD").get(5, TimeUnit.SECONDS);

            await().atMost(WAIT).until(() -> issued.get() >= 2);
            await().atMost(WAIT).until(() -> Instant.now().isAfter(firstExpiry.plusMillis(500)));
            gateway.quote(EURUSD, "1.08700", "1.08712");

            Tick tick;
            do {
                tick = ticks.poll(WAIT);
                assertThat(tick).as("a tick after the first token's expiry").isNotNull();
            } while (!tick.bid().equals(new BigDecimal("1.08700")));
            assertThat(client.connectionAttempts()).as("one connection throughout").isEqualTo(1);
            ticks.close();
        }
    }

    private static String token(Instant expires) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
                    .subject(TestGateway.ACCOUNT).issueTime(new Date()).expirationTime(Date.from(expires)).build());
            jwt.sign(new MACSigner(SECRET));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
