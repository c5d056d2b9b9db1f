package io.tickstream.protocol.ime;

import static io.tickstream.GatewayFixture.at;
import static io.tickstream.GatewayFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.tickstream.GatewayExtension;
import io.tickstream.bus.BusChannel;
import io.tickstream.testkit.WebSocketRecorder;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ImeProtocolTest {

    @RegisterExtension
    static final GatewayExtension.InProcess gateway = GatewayExtension.inProcess();

    @Test
    void shouldSendCurrentStateOnConnectThenAMessageOnEveryChange() throws Exception {
        gateway.bus().publishMarketData("1", "{\"BestLimit\":{\"1\":{\"buy_price\":1.0850,\"sell_price\":1.0852}}}");
        WebSocketRecorder client = gateway.connect(gateway.byName("EURUSD"));

        Map<String, Object> first = json(client.nextText());
        assertThat(first.get("channel")).isEqualTo("IME Stream");
        assertThat(first.get("contractName")).isEqualTo("EURUSD");
        assertThat(at(first, "data", "BestLimit", "1", "buy_price")).isEqualTo(new BigDecimal("1.0850"));

        gateway.bus().publishMarketData("1", "{\"BestLimit\":{\"1\":{\"buy_price\":1.0851}}}");
        Map<String, Object> second = json(client.nextText());
        assertThat(at(second, "data", "BestLimit", "1", "buy_price")).isEqualTo(new BigDecimal("1.0851"));
        assertThat(at(second, "data", "BestLimit", "1", "sell_price")).isEqualTo(new BigDecimal("1.0852"));
        client.assertExhausted();
        client.close(1000, "done");
    }

    @Test
    void shouldSendNothingWhenAnUpdateChangesNothing() throws Exception {
        gateway.bus().publishMarketData("1", "{\"Aggregate\":{\"last_price\":1.0850}}");
        WebSocketRecorder client = gateway.connect(gateway.byName("EURUSD"));
        client.nextText();

        gateway.bus().publishMarketData("1", "{\"Aggregate\":{\"last_price\":1.0850}}");
        gateway.bus().publishMarketData("1", "{\"seq\":5,\"data\":{\"Aggregate\":{\"last_price\":1.0850}}}");
        client.assertExhausted();
        assertThat(gateway.gateway().hub().meters().unchangedUpdates()).isGreaterThanOrEqualTo(2);
        client.close(1000, "done");
    }

    @Test
    void shouldSendNothingOnConnectWhenNoStateIsKnownYet() throws Exception {
        WebSocketRecorder client = gateway.connect(gateway.byName("ContractA"));
        client.assertExhausted();
        gateway.bus().publishMarketData("12345", "{\"Aggregate\":{\"trade_count\":1}}");
        assertThat(at(json(client.nextText()), "data", "Aggregate", "trade_count")).isEqualTo(BigDecimal.ONE);
        client.close(1000, "done");
    }

    @Test
    void shouldCarryNumbersExactlyAsPublished() throws Exception {
        WebSocketRecorder client = gateway.connect(gateway.byName("ContractA"));
        gateway.bus().publishMarketData("12345", "{\"BestLimit\":{\"1\":{\"buy_price\":1.0850,\"sell_price\":9999999999999}},"
                + "\"Aggregate\":{\"total_value\":1234567890123.4500}}");
        String text = client.nextText();
        assertThat(text).contains("\"buy_price\":1.0850").contains("\"sell_price\":9999999999999")
                .contains("\"total_value\":1234567890123.4500");
        client.close(1000, "done");
    }

    @Test
    void shouldMergePartialUpdatesIntoTheFullDocumentedState() throws Exception {
        WebSocketRecorder client = gateway.connect(gateway.byName("ContractA"));
        gateway.bus().publishMarketData("12345", "{\"seq\":1,\"data\":{\"BestLimit\":{\"2\":{\"sell_quantity\":40}}}}");
        Map<String, Object> message = json(client.nextText());
        assertThat(at(message, "data", "BestLimit", "2", "sell_quantity")).isEqualTo(new BigDecimal("40"));
        assertThat(at(message, "data", "BestLimit", "3", "buy_price")).isEqualTo(BigDecimal.ZERO);
        assertThat(at(message, "data", "Aggregate", "date")).isEqualTo("");
        assertThat(at(message, "data", "AllowedPriceRange", "minAllowedPrice")).isEqualTo(BigDecimal.ONE);
        assertThat(at(message, "data", "AllowedPriceRange", "maxAllowedPrice")).isEqualTo(new BigDecimal("9999999999"));
        assertThat(at(message, "data", "ContractInfo", "open_interest_changes")).isEqualTo(BigDecimal.ZERO);
        client.close(1000, "done");
    }

    @Test
    void shouldWriteTheEnvelopeInTheDocumentedOrderWithMicrosecondTimestamp() throws Exception {
        WebSocketRecorder client = gateway.connect(gateway.byName("EURUSD"));
        gateway.bus().publishMarketData("1", "{\"ts\":1709742000123,\"data\":{\"Aggregate\":{\"time\":\"16:20:00\"}}}");
        assertThat(client.nextText()).startsWith("{\"channel\":\"IME Stream\",\"contractName\":\"EURUSD\","
                + "\"timestamp\":\"2024-03-06T16:20:00.123000\",\"data\":{\"BestLimit\":{\"1\":{\"buy_quantity\":0,");
        client.close(1000, "done");
    }

    @Test
    void shouldStreamAPersianContractNameEndToEnd() throws Exception {
        gateway.bus().publishMarketData("777", "{\"Aggregate\":{\"last_price\":1250000000}}");
        WebSocketRecorder client = gateway.connect(gateway.byName("زعفران0412P01"));
        Map<String, Object> message = json(client.nextText());
        assertThat(message.get("contractName")).isEqualTo("زعفران0412P01");
        assertThat(at(message, "data", "Aggregate", "last_price")).isEqualTo(new BigDecimal("1250000000"));
        client.close(1000, "done");
    }

    @Test
    void shouldKeyMessagesByContractIdOnTheIdEndpoint() throws Exception {
        gateway.bus().publishMarketData("12345", "{\"Aggregate\":{\"last_price\":7}}");
        WebSocketRecorder client = gateway.connect(gateway.byId("12345"));
        Map<String, Object> message = json(client.nextText());
        assertThat(message.get("contractId")).isEqualTo("12345");
        assertThat(message).doesNotContainKey("contractName");
        client.close(1000, "done");
    }

    @Test
    void shouldStreamEveryRequestedContractWhenSeveralAreNamed() throws Exception {
        WebSocketRecorder client = gateway.connect(
                gateway.uri("/live/data/websocket/contract/name?contract_names=EURUSD&contract_names=ContractA"));
        gateway.bus().publishMarketData("1", "{\"Aggregate\":{\"last_price\":1.1}}");
        gateway.bus().publishMarketData("12345", "{\"Aggregate\":{\"last_price\":2}}");
        assertThat(json(client.nextText()).get("contractName")).isEqualTo("EURUSD");
        assertThat(json(client.nextText()).get("contractName")).isEqualTo("ContractA");
        client.close(1000, "done");
    }

    @Test
    void shouldSendAllConfiguredLevelsOfADeepInstrument() throws Exception {
        WebSocketRecorder client = gateway.connect(gateway.byName("DEEP5"));
        gateway.bus().publishMarketData("5", "{\"BestLimit\":{\"5\":{\"buy_price\":3}}}");
        Map<String, Object> message = json(client.nextText());
        assertThat(((Map<?, ?>) at(message, "data", "BestLimit")).keySet()).hasSize(5);
        assertThat(at(message, "data", "BestLimit", "5", "buy_price")).isEqualTo(new BigDecimal("3"));
        client.close(1000, "done");
    }

    @Test
    void shouldDropMalformedUpdatesWithoutDisturbingClients() throws Exception {
        WebSocketRecorder client = gateway.connect(gateway.byName("DEEP5", "EURUSD"));
        Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> gateway.gateway().hub().activeInstruments() == 2);
        gateway.bus().publishRaw(BusChannel.MARKET_DATA, "5", "not json");
        gateway.bus().publishRaw(BusChannel.MARKET_DATA, "5", "{\"Aggregate\":{\"last_price\":\"high\"}}");
        gateway.bus().publishRaw(BusChannel.MARKET_DATA, "5", "{\"BestLimit\":{\"6\":{\"buy_price\":1}}}");
        gateway.bus().publishRaw(BusChannel.MARKET_DATA, "5", "{\"Nope\":{}}");
        gateway.bus().publishRaw(BusChannel.MARKET_DATA, "5", "[1,2]");
        gateway.bus().publishRaw(BusChannel.MARKET_DATA, "5", "{\"Aggregate\":{\"last_price\":9}} trailing");
        gateway.bus().publishMarketData("1", "{\"Aggregate\":{\"last_price\":1.2}}");
        assertThat(json(client.nextText()).get("contractName")).isEqualTo("EURUSD");
        client.assertExhausted();
        assertThat(gateway.gateway().hub().meters().malformedUpdates()).isEqualTo(6);
        client.close(1000, "done");
    }

    @Test
    void shouldIgnoreStaleUpdatesBySequenceNumber() throws Exception {
        WebSocketRecorder client = gateway.connect(gateway.byName("EURUSD"));
        gateway.bus().publishMarketData("1", "{\"seq\":10,\"data\":{\"Aggregate\":{\"last_price\":1.5}}}");
        client.nextText();
        gateway.bus().publishMarketData("1", "{\"seq\":9,\"data\":{\"Aggregate\":{\"last_price\":1.4}}}");
        client.assertExhausted();
        client.close(1000, "done");
    }
}
