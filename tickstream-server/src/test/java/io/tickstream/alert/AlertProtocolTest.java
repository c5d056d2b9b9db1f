package io.tickstream.alert;

import static io.tickstream.GatewayFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.tickstream.GatewayExtension;
import io.tickstream.GatewayFixture;
import io.tickstream.state.MalformedUpdateException;
import io.tickstream.testkit.WebSocketRecorder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Alerts over the embedded gateway's protocols: create, list, cancel, triggers, refusals. */
class AlertProtocolTest {

    @RegisterExtension
    static final GatewayExtension.InProcess gateway = GatewayExtension.inProcess(config -> config
            .alerts(new AlertSettings(null, 3, Map.of())));

    private static WebSocketRecorder jsonClient(String key) {
        WebSocketRecorder client = WebSocketRecorder.connect(gateway.uri("/"));
        client.nextText();
        client.sendText("{\"type\":\"auth\",\"apiKey\":\"" + key + "\"}");
        assertThat(json(client.nextText())).containsEntry("success", true);
        return client;
    }

    private static WebSocketRecorder compactClient() {
        WebSocketRecorder client = WebSocketRecorder.connect(gateway.uri("/compact"));
        client.sendText("{\"authorization\":\"" + GatewayFixture.KEY + "\"}");
        client.assertTextMessage("[\"n\",{\"event\":\"authorized\"}]");
        return client;
    }

    private static void quote(String bid, String ask) throws MalformedUpdateException {
        gateway.bus().publishMarketData(GatewayFixture.EURUSD.id(),
                "{\"data\":{\"BestLimit\":{\"1\":{\"buy_price\":" + bid + ",\"sell_price\":" + ask + "}}}}");
    }

    private static Map<String, Object> create(WebSocketRecorder client, String fields) {
        client.sendText("{\"type\":\"alert_create\"," + fields + "}");
        return json(client.nextText());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> created(WebSocketRecorder client, String fields) {
        Map<String, Object> reply = create(client, fields);
        assertThat(reply).containsEntry("type", "alert_created");
        return (Map<String, Object>) reply.get("alert");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> alertEvent(String text) {
        return alertData(json(text));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> alertData(Map<String, Object> message) {
        assertThat(message).containsEntry("type", "account").containsEntry("event", "alert");
        return (Map<String, Object>) message.get("data");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aCrossingAlertFiresOnceAsAnAccountEventWithTheExactValue() throws Exception {
        WebSocketRecorder alice = jsonClient(GatewayFixture.KEY);
        quote("1.0850", "1.0852");
        Map<String, Object> alert = created(alice, "\"symbol\":\"EURUSD\",\"field\":\"bid\",\"condition\":"
                + "\"crosses_above\",\"price\":1.0900,\"note\":\"breakout\",\"clientId\":\"c-1\"");
        assertThat(alert).containsEntry("symbol", "EURUSD").containsEntry("field", "bid")
                .containsEntry("condition", "crosses_above").containsEntry("once", true)
                .containsEntry("state", "active").containsEntry("clientId", "c-1").containsKey("createdAt");
        assertThat(alert.get("price").toString()).isEqualTo("1.0900");

        quote("1.0899", "1.0901");
        quote("1.09", "1.0902");
        Map<String, Object> data = alertEvent(alice.nextText());
        assertThat(data).containsEntry("alertId", alert.get("id")).containsEntry("clientId", "c-1")
                .containsEntry("symbol", "EURUSD").containsEntry("field", "bid")
                .containsEntry("condition", "crosses_above").containsEntry("note", "breakout")
                .containsKey("triggeredAt");
        assertThat(data.get("value").toString()).isEqualTo("1.09");
        assertThat(data.get("price").toString()).isEqualTo("1.0900");

        quote("1.08", "1.081");
        quote("1.10", "1.101");
        alice.sendText("{\"type\":\"alert_list\"}");
        Map<String, Object> list = json(alice.nextText());
        assertThat(list).containsEntry("type", "alerts");
        assertThat((List<?>) list.get("alerts")).singleElement()
                .satisfies(one -> assertThat((Map<String, Object>) one).containsEntry("state", "triggered")
                        .extracting("fires").asString().isEqualTo("1"));
        alice.close(1000, "done");
    }

    @Test
    void aPriceWrittenWithMoreZerosIsTheSamePrice() throws Exception {
        WebSocketRecorder alice = jsonClient(GatewayFixture.KEY);
        created(alice, "\"symbol\":\"EURUSD\",\"field\":\"ask\",\"condition\":\"below\",\"price\":\"1.10\"");
        quote("1.0999", "1.1000001");
        quote("1.0999", "1.1");
        assertThat(alertEvent(alice.nextText()).get("value").toString()).isEqualTo("1.1");
        alice.close(1000, "done");
    }

    @Test
    void aLevelAlertAlreadyTrueFiresAtOnceAndMidIsTheExactMiddle() throws Exception {
        WebSocketRecorder alice = jsonClient(GatewayFixture.KEY);
        quote("1.0850", "1.0851");
        alice.sendText("{\"type\":\"alert_create\",\"symbol\":\"EURUSD\",\"field\":\"mid\",\"condition\":\"above\","
                + "\"price\":1.08505}");
        // The trigger may overtake the reply: it rides the account stream, the reply the request's turn.
        List<Map<String, Object>> two = List.of(json(alice.nextText()), json(alice.nextText()));
        assertThat(two).extracting(m -> m.get("type")).containsExactlyInAnyOrder("alert_created", "account");
        Map<String, Object> event = two.stream().filter(m -> m.get("type").equals("account")).findFirst().orElseThrow();
        assertThat(alertData(event).get("value").toString()).isEqualTo("1.08505");
        alice.close(1000, "done");
    }

    @Test
    void lastFiresOnTradePrints() throws Exception {
        WebSocketRecorder alice = jsonClient(GatewayFixture.KEY);
        created(alice, "\"symbol\":\"EURUSD\",\"field\":\"last\",\"condition\":\"crosses_below\",\"price\":1.05");
        gateway.bus().publishTrade(GatewayFixture.EURUSD.id(), "{\"price\":1.06,\"quantity\":1,\"side\":\"buy\"}");
        gateway.bus().publishTrade(GatewayFixture.EURUSD.id(), "{\"price\":1.0500,\"quantity\":1,\"side\":\"sell\"}");
        assertThat(alertEvent(alice.nextText()).get("value").toString()).isEqualTo("1.0500");
        alice.close(1000, "done");
    }

    @Test
    void badRequestsAreRefusedNamingTheField() throws Exception {
        WebSocketRecorder alice = jsonClient(GatewayFixture.KEY);
        assertThat(create(alice, "\"field\":\"bid\",\"condition\":\"above\",\"price\":1"))
                .containsEntry("code", "invalid_alert").containsEntry("message", "Missing field: symbol");
        assertThat(create(alice, "\"symbol\":\"EURUSD\",\"field\":\"volume\",\"condition\":\"above\",\"price\":1"))
                .containsEntry("code", "invalid_alert").extracting("message").asString().contains("field");
        assertThat(create(alice, "\"symbol\":\"EURUSD\",\"field\":\"bid\",\"condition\":\"near\",\"price\":1"))
                .containsEntry("code", "invalid_alert").extracting("message").asString().contains("condition");
        assertThat(create(alice, "\"symbol\":\"EURUSD\",\"field\":\"bid\",\"condition\":\"above\",\"price\":\"1.2.3\""))
                .containsEntry("code", "invalid_alert").extracting("message").asString().contains("price");
        assertThat(create(alice, "\"symbol\":\"EURUSD\",\"field\":\"bid\",\"condition\":\"above\",\"price\":-1"))
                .containsEntry("code", "invalid_alert").extracting("message").asString().contains("price");
        assertThat(create(alice, "\"symbol\":\"EURUSD\",\"field\":\"bid\",\"condition\":\"above\",\"price\":1,"
                + "\"expiresAt\":1000")).containsEntry("code", "invalid_alert")
                .extracting("message").asString().contains("expiresAt");
        assertThat(create(alice, "\"symbol\":\"EURUSD\",\"field\":\"bid\",\"condition\":\"above\",\"price\":1,"
                + "\"cooldownSeconds\":\"soon\"")).containsEntry("code", "invalid_alert")
                .extracting("message").asString().contains("cooldownSeconds");
        assertThat(create(alice, "\"symbol\":\"XYZ\",\"field\":\"bid\",\"condition\":\"above\",\"price\":1"))
                .containsEntry("type", "error").containsEntry("message", "Unknown symbol: XYZ");
        alice.sendText("{\"type\":\"alert_cancel\",\"id\":\"nope\"}");
        assertThat(json(alice.nextText())).containsEntry("code", "unknown_alert");
        assertThat(gateway.gateway().alerts().meters().refusedRequests()).isEqualTo(9);

        WebSocketRecorder bob = jsonClient(GatewayFixture.NARROW_KEY);
        assertThat(create(bob, "\"symbol\":\"EURUSD\",\"field\":\"bid\",\"condition\":\"above\",\"price\":1"))
                .containsEntry("code", "forbidden");
        alice.close(1000, "done");
        bob.close(1000, "done");
    }

    @Test
    void anAccountAtItsLimitIsRefusedUntilItCancelsOne() throws Exception {
        WebSocketRecorder alice = jsonClient(GatewayFixture.KEY);
        String fields = "\"symbol\":\"EURUSD\",\"field\":\"bid\",\"condition\":\"above\",\"price\":5";
        Map<String, Object> first = created(alice, fields);
        created(alice, fields);
        created(alice, fields);
        assertThat(create(alice, fields)).containsEntry("code", "alert_limit");
        alice.sendText("{\"type\":\"alert_cancel\",\"id\":\"" + first.get("id") + "\"}");
        assertThat(json(alice.nextText())).containsEntry("type", "alert_canceled").containsEntry("id", first.get("id"));
        created(alice, fields);
        alice.close(1000, "done");
    }

    @Test
    void aCanceledAlertDoesNotFire() throws Exception {
        WebSocketRecorder alice = jsonClient(GatewayFixture.KEY);
        Map<String, Object> alert = created(alice,
                "\"symbol\":\"EURUSD\",\"field\":\"bid\",\"condition\":\"above\",\"price\":2");
        alice.sendText("{\"type\":\"alert_cancel\",\"id\":\"" + alert.get("id") + "\"}");
        assertThat(json(alice.nextText())).containsEntry("type", "alert_canceled");
        created(alice, "\"symbol\":\"EURUSD\",\"field\":\"bid\",\"condition\":\"above\",\"price\":3,\"note\":\"sentinel\"");
        quote("3", "3.1");
        assertThat(alertEvent(alice.nextText())).containsEntry("note", "sentinel");
        alice.close(1000, "done");
    }

    @Test
    @SuppressWarnings("unchecked")
    void anAlertPastItsExpiryEndsUnfired() throws Exception {
        WebSocketRecorder alice = jsonClient(GatewayFixture.KEY);
        created(alice, "\"symbol\":\"EURUSD\",\"field\":\"bid\",\"condition\":\"above\",\"price\":2,\"expiresAt\":"
                + (System.currentTimeMillis() + 300));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> activeAlerts() == 0);
        quote("2.5", "2.6");
        alice.sendText("{\"type\":\"alert_list\"}");
        Map<String, Object> list = json(alice.nextText());
        assertThat((List<?>) list.get("alerts")).singleElement()
                .satisfies(one -> assertThat((Map<String, Object>) one).containsEntry("state", "expired"));
        alice.close(1000, "done");
    }

    @Test
    void aRearmingAlertFiresAgainAfterGoingBackAcross() throws Exception {
        WebSocketRecorder alice = jsonClient(GatewayFixture.KEY);
        quote("0.9", "0.91");
        created(alice, "\"symbol\":\"EURUSD\",\"field\":\"bid\",\"condition\":\"crosses_above\",\"price\":1,"
                + "\"once\":false,\"cooldownSeconds\":0");
        quote("1", "1.01");
        assertThat(alertEvent(alice.nextText()).get("value").toString()).isEqualTo("1");
        quote("1.1", "1.11");
        Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> gateway.gateway().alerts().meters().publishedFirings() == 1);
        quote("0.95", "0.96");
        quote("1.05", "1.06");
        assertThat(alertEvent(alice.nextText()).get("value").toString()).isEqualTo("1.05");
        alice.close(1000, "done");
    }

    @Test
    void theCompactProtocolCreatesListsCancelsAndGetsTheTrigger() throws Exception {
        WebSocketRecorder client = compactClient();
        client.sendText("{\"event\":\"alert_create\",\"data\":{\"symbol\":\"eurusd\",\"field\":\"bid\","
                + "\"condition\":\"above\",\"price\":1.5}}");
        String created = client.nextText();
        assertThat(created).startsWith("[\"n\",{\"event\":\"alert_created\",\"data\":{\"id\":\"");
        client.sendText("{\"event\":\"alert_list\"}");
        assertThat(client.nextText()).startsWith("[\"n\",{\"event\":\"alerts\",\"data\":[{\"id\":");
        quote("1.5", "1.6");
        assertThat(client.nextText()).startsWith("[\"a\",{\"alertId\":").contains("\"value\":1.5");
        client.sendText("{\"event\":\"alert_create\",\"data\":{\"symbol\":\"eurusd\",\"field\":\"bid\"}}");
        assertThat(client.nextText()).contains("\"code\":\"invalid_alert\"").contains("condition");
        client.sendText("{\"event\":\"alert_cancel\",\"data\":{\"id\":\"nope\"}}");
        assertThat(client.nextText()).contains("\"code\":\"unknown_alert\"");
        client.close(1000, "done");
    }

    @Test
    void theHttpApiCreatesListsAndCancels() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI alerts = http("/api/alerts");
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(alerts)
                .header("Authorization", "Bearer " + GatewayFixture.KEY)
                .POST(HttpRequest.BodyPublishers.ofString("{\"symbol\":\"EURUSD\",\"field\":\"ask\","
                        + "\"condition\":\"below\",\"price\":\"0.5\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(201);
        String id = (String) json(created.body()).get("id");

        HttpResponse<String> listed = http.send(HttpRequest.newBuilder(alerts)
                .header("Authorization", "Bearer " + GatewayFixture.KEY).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).contains(id);

        HttpResponse<String> bad = http.send(HttpRequest.newBuilder(alerts)
                .header("Authorization", "Bearer " + GatewayFixture.KEY)
                .POST(HttpRequest.BodyPublishers.ofString("{\"symbol\":\"EURUSD\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad.body())).containsEntry("code", "invalid_alert");

        HttpResponse<String> unauthorized = http.send(HttpRequest.newBuilder(alerts).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unauthorized.statusCode()).isEqualTo(401);

        HttpResponse<String> canceled = http.send(HttpRequest.newBuilder(http("/api/alerts/" + id))
                .header("Authorization", "Bearer " + GatewayFixture.KEY).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(canceled.statusCode()).isEqualTo(200);
        assertThat(json(canceled.body())).containsEntry("id", id).containsEntry("state", "canceled");
        HttpResponse<String> again = http.send(HttpRequest.newBuilder(http("/api/alerts/" + id))
                .header("Authorization", "Bearer " + GatewayFixture.KEY).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(404);

        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(http("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.body()).contains("tickstream_alerts_active").contains("tickstream_alerts_refused_total 2.0")
                .contains("tickstream_alerts_firing_latency_seconds");
    }

    @Test
    void alertsSurviveARestartOfTheEmbeddedGatewayAndStillFire(@TempDir Path directory) throws Exception {
        gateway.restart(config -> config.alerts(new AlertSettings(directory, 3, Map.of())));
        WebSocketRecorder alice = jsonClient(GatewayFixture.KEY);
        quote("1.0", "1.01");
        Map<String, Object> alert = created(alice,
                "\"symbol\":\"EURUSD\",\"field\":\"bid\",\"condition\":\"crosses_above\",\"price\":1.2");
        alice.close(1000, "done");
        gateway.restart(config -> config.alerts(new AlertSettings(directory, 3, Map.of())));

        WebSocketRecorder again = jsonClient(GatewayFixture.KEY);
        again.sendText("{\"type\":\"alert_list\"}");
        assertThat(json(again.nextText()).get("alerts").toString()).contains(alert.get("id").toString());
        quote("1.1", "1.11");
        quote("1.2", "1.21");
        assertThat(alertEvent(again.nextText())).containsEntry("alertId", alert.get("id"));
        again.close(1000, "done");
    }

    @Test
    void theDemoAccountGetsRealAlertsNearTheMarketThatFire() throws Exception {
        WebSocketRecorder alice = jsonClient(GatewayFixture.KEY);
        quote("1.0850", "1.0852");
        DemoAlerts.set(gateway.gateway().alerts(), gateway.gateway().hub(), GatewayFixture.CATALOG, "alice");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> activeAlerts() == 2);
        alice.sendText("{\"type\":\"alert_list\"}");
        String list = alice.nextText();
        assertThat(list).contains("\"price\":1.0853").contains("\"price\":1.0847").contains("\"once\":false");
        quote("1.0853", "1.0855");
        assertThat(alertEvent(alice.nextText())).containsEntry("condition", "crosses_above")
                .containsEntry("note", "demo: EURUSD bid crosses above 1.0853");
        alice.close(1000, "done");
    }

    private static URI http(String path) {
        return URI.create("http://127.0.0.1:" + gateway.gateway().port() + path);
    }

    private static int activeAlerts() {
        return gateway.gateway().alerts().active();
    }
}
